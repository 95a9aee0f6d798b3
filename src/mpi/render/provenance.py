"""How a date or target is known, for people: the date in the document's words ("bis 2030",
"ab 2031", "voraussichtlich 2026", in either language), status names in the reader's
language, and numbered notes for what the document does not say in so many words (derived,
inferred, or not sourced at all), listed below a table.

Stated facts need no note: the quote is the document's, and `mpi show` prints it. Every
format that people read (text, Markdown, HTML, the calendar) marks the others the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mpi.domain.words import KIND_WORDS, inner
from mpi.i18n import N_, _, pgettext
from mpi.render import values

if TYPE_CHECKING:
    from mpi.domain.dates import Due
    from mpi.domain.items import Sourced
    from mpi.domain.types import Recurrence
    from mpi.views.due import DueRow

# How a date reads (kind), in the document's words in both languages: "bis 2030", "ab 2031",
# "voraussichtlich 2026" are what the plan says (as "Handlungsfeld" stays a term in English).
SHORT_KIND_WORDS = {"by": "", "start": "ab ", "from": "ab ", "expected": "vsl. ", "history": ""}
EVERY_WORDS = {"yearly": "jährlich", "half-yearly": "halbjährlich"}
BASIS_WORDS = {
    "stated": N_("stated"),
    "derived": N_("derived"),
    "inferred": N_("inferred"),
    "decided": N_("decided"),
    None: N_("not sourced"),
}


def status(value: str) -> str:
    """A measure's status in the reader's language (geplant, in Umsetzung, laufend, ...;
    English: in progress, at risk: words, not the file's `in_progress`)."""
    return pgettext("measure status", value).replace("_", " ")


def state(value: str) -> str:
    """A deadline's state in the reader's language (offen, erledigt, verfehlt, überfällig,
    verzögert)."""
    return pgettext("milestone state", value).replace("_", " ")


def progress(status: str, state_: str, done: Due | None) -> str:
    """A deadline's state for people: `überfällig`, `verzögert`, `offen`, `verfehlt`,
    `erledigt 25.11.2026` (English: overdue, delayed, open, missed, done 2026-11-25)."""
    if state_ == "context":  # from before the plan, or another body's: not its progress
        return state("context")
    if status == "done" and done is not None:
        return pgettext("milestone state", "done {date}").format(date=values.due(done))
    return state("done" if status == "done" else state_)


def basis(value: str | None) -> str:
    return _(BASIS_WORDS.get(value, str(value)))


def series(recurrence: Recurrence) -> str:
    """A recurrence in the document's words: `halbjährlich ab 2023`, `jährlich ab 2023 bis 2030`."""
    r = recurrence
    text = f"{EVERY_WORDS.get(r.every, r.every)} {KIND_WORDS['from']} {values.due(r.start)}"
    if r.end is None:  # the document gives no end: it runs on, the horizon only cuts lists
        return text + " " + _("(open-ended)")
    return text + f" {KIND_WORDS['by']} {values.due(r.end)}"


def kind_words(value: str) -> str:
    """How a date reads (`commitments.reading`) for people: `bis`, `ab (angestrebt)`, `ab
    (keine Zusage des Plans: Autobahn GmbH)`, `vor dem Plan`."""
    kind, *more = value.split("; ")
    said = {
        "history": _("before the plan"),
        "start": _("ab (a start the partners commit to)"),
        "from": _("ab (not before)"),
    }.get(kind) or KIND_WORDS.get(kind, kind)
    for part in more:
        if part == "aspiration":
            said += " " + _("(aspired)")
        elif part.startswith("party: "):
            said += " " + values.not_committed(part.removeprefix("party: "))
    return said


def deadline(kind: str, due: Due | None) -> str:
    """A date as the document words it: `bis 2030`, `ab 2031`, `voraussichtlich 2026`."""
    word = KIND_WORDS.get(kind, kind)
    return f"{word} {values.due(due)}" if word else values.due(due)


def short(row: DueRow) -> str:
    """A deadline for a narrow column: `2030`, `ab 2031`, `vsl. 2026` (voraussichtlich),
    `2030 (bedingt)` where the document ties it to a condition."""
    said = SHORT_KIND_WORDS.get(row.kind, "") + values.due(row.due, short=True)
    if row.state == "context":
        return said + " " + _("(context)")
    return said + (" " + _("(conditional)") if row.condition else "")


def dated(row: DueRow) -> str:
    """A row's deadline as the document words it, and that it is conditional where the
    document ties it to a condition: `bis 2030 (bedingt)`."""
    return deadline(row.kind, row.due) + marks(row)


def marks(row: DueRow, condition: bool = True) -> str:
    """What a date is besides its words: conditional, aspired, from before the plan, or
    another body's (` (bedingt)`, ` (angestrebt)`, ` (vor dem Plan)`, ` (keine Zusage des
    Plans: Autobahn GmbH)`). What the title says already is not said again ("Versorgung mit
    Glasfaser (angestrebt vom Senat)" is not marked "(angestrebt)" after it)."""
    said = ""
    title = row.title.casefold()
    if condition and row.condition:
        said += " " + _("(conditional)")
    aspired = _("(aspired)")
    if row.aspiration and aspired.strip("()").casefold() not in title:
        said += " " + aspired
    if row.kind == "history":  # done before the plan, or a term set before it (zunächst …)
        said += " " + (_("(set before the plan)") if row.set_before else _("(before the plan)"))
    if party := row.party:
        said += " " + values.not_committed(party, named=party.casefold() in title)
    return said


def worded(row: DueRow) -> str:
    """A deadline as the document words it (`dated`); a done one by its date alone (it was
    met, and "bis 2019" would misread the document's "Im Juni 2019 ... angeschlossen")."""
    if row.status == "done":
        return values.due(row.due) + marks(row, condition=False)
    return dated(row)


def needs_note(basis: str | None) -> bool:
    """Whether a fact needs a note: everything the document does not state in words."""
    return basis != "stated"


def explanation(
    basis: str | None,
    quote: str | None,
    derivation: str | None,
    *,
    quotes: bool = True,
    condition: str | None = None,
) -> str:
    """One line: how a fact is known (`derived from „…“: …`, `inferred: …`), and the
    condition the document ties it to; without `quotes` only the derivation or reason
    (lists of many dates; `mpi show` quotes)."""
    said = _explanation(basis, quote, derivation, quotes=quotes)
    if condition:
        said += "; " + _("condition: „{words}“").format(words=inner(condition))
    return said


def _explanation(
    basis: str | None, quote: str | None, derivation: str | None, *, quotes: bool
) -> str:
    if basis is None:
        return _("not sourced: the plan does not say how this is known")
    if basis == "stated":
        return _("stated: „{quote}“").format(quote=inner(quote)) if quote else _("stated")
    if basis == "derived":
        if quotes:
            return _("derived from „{quote}“: {derivation}").format(
                quote=inner(quote), derivation=derivation
            )
        return _("derived: {derivation}").format(derivation=derivation)
    if basis == "decided":
        said = _("decided: {decision}").format(decision=derivation) if derivation else _("decided")
        if quote and quotes:
            said += " " + _("(the document said: „{quote}“)").format(quote=inner(quote))
        return said
    if quote and quotes:
        return _("inferred: {reason} (the document: „{quote}“)").format(
            reason=derivation, quote=inner(quote)
        )
    return _("inferred: {reason}").format(reason=derivation)


@dataclass
class Notes:
    """The notes of one table or page: each fact that needs one gets a number, once.

    `every_fact`: stated facts get a note too, and every note quotes the document's words
    (`mpi show`); otherwise notes give the derivation or reason only.
    """

    every_fact: bool = False
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, explanation)
    _numbers: dict[tuple[str, ...], int] = field(default_factory=dict)

    def mark(
        self,
        key: tuple[str, ...],
        label: str,
        basis: str | None,
        quote: str | None,
        derivation: str | None,
        condition: str | None = None,
    ) -> str:
        """ "[n]" for a fact that needs a note (the same n for the same key), else "": one
        the document does not state in words, or one it ties to a condition."""
        if not (self.every_fact or needs_note(basis) or condition):
            return ""
        if key not in self._numbers:
            text = explanation(
                basis, quote, derivation, quotes=self.every_fact, condition=condition
            )
            self.items.append((label, text))
            self._numbers[key] = len(self.items)
        return f" [{self._numbers[key]}]"

    def row(self, r: DueRow) -> str:
        """The mark of a milestone's date (every occurrence of a series shares one note)."""
        if r.meeting_day:
            label = values.owner(r)
        elif r.milestone.startswith(r.measure or r.owner):  # `evaluation`, `buendnis-gegruendet`
            label = r.milestone
        else:
            label = f"{r.whose} {r.milestone}"
        return self.mark((r.owner, r.milestone), label, r.basis, r.quote, r.derivation, r.condition)

    def fact(self, key: tuple[str, ...], label: str, fact: Sourced | None) -> str:
        """The mark of a baseline, target or goal assignment."""
        if fact is None:
            return self.mark(key, label, None, None, None)
        return self.mark(key, label, fact.basis, fact.quote, fact.derivation, fact.condition)

    def involvement(self, measure: str, fact: Sourced | None) -> str:
        """The mark of how a measure's partners are known, where the text names none."""
        if fact is None:
            return ""
        label = _("{measure} involved").format(measure=measure)
        return self.fact((measure, "involved"), label, fact)

    def goals(self, measure: str, fact: Sourced | None) -> str:
        """The mark of how a measure's goals are known."""
        return self.fact((measure, "goals"), _("{measure} goals").format(measure=measure), fact)

    def baseline(self, indicator: str, fact: Sourced | None) -> str:
        label = _("{indicator} baseline").format(indicator=indicator)
        return self.fact((indicator, "baseline"), label, fact)

    def target(self, indicator: str, fact: Sourced | None) -> str:
        label = _("{indicator} target").format(indicator=indicator)
        return self.fact((indicator, "target"), label, fact)

    def lines(self) -> list[str]:
        """`[1] HF1.16 glasfaser-vollversorgung: derived from „…“ — …`, one per note."""
        return [f"[{n}] {label}: {text}" for n, (label, text) in enumerate(self.items, 1)]
