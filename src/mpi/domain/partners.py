"""The partners of a plan as people name them: by id, short name or name."""

from __future__ import annotations

from collections.abc import Sequence

from mpi.domain.errors import InvalidValue
from mpi.domain.model import Partner
from mpi.domain.words import fold, suggest
from mpi.i18n import _


def match(partners: Sequence[Partner], typed: str, what: str = "partner") -> str:
    """The partner a person named: by id, short name or name (case and umlauts ignored), or
    by an unambiguous start of one (three letters at least): `dgb`, `DGB Nord`, `Handels`."""
    wanted = fold(typed.strip())[0]
    names = {p.id: [fold(n)[0] for n in (p.id, p.short, p.name) if n] for p in partners}
    exact = [ident for ident, forms in names.items() if wanted in forms]
    if len(exact) == 1:
        return exact[0]
    starting = [
        ident
        for ident, forms in names.items()
        if len(wanted) >= 3 and any(form.startswith(wanted) for form in forms)
    ]
    if len(starting) == 1:
        return starting[0]
    known = ", ".join(f"{p.id} ({p.short})" if p.short else p.id for p in partners)
    if starting:
        meant = _("{choices} or {last}").format(choices=", ".join(starting[:-1]), last=starting[-1])
        message = _("{word} is ambiguous: {meant}?").format(word=repr(typed), meant=meant)
    else:
        hint = suggest(typed.strip().casefold(), [p.id for p in partners])
        message = _("unknown partner {partner}{hint} (the partners: {known})").format(
            partner=repr(typed), hint=hint, known=known
        )
    raise InvalidValue(what, message)  # what: the option that named it (partner, lead)


def short(partners: Sequence[Partner], ident: str) -> str:
    """A partner's short name (DGB Nord), or its id where the plan has no such partner."""
    return next((p.short or p.id for p in partners if p.id == ident), ident)
