"""Why a commitment changes, and the record of it on the item: a decision of the partners
(its words identify it, and its day is the one they name) or the correction of an editor's
reading (its reason). `mpi.edit.decisions` makes the changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.reference import decision_day
from mpi.edit.log import dated_position
from mpi.edit.mutations import check_day, check_text
from mpi.edit.on_record import standing
from mpi.edit.scalars import scalar
from mpi.edit.transaction import Edit
from mpi.i18n import _, formats, speaking
from mpi.loading.positions import PMap


@dataclass(frozen=True)
class Grounds:
    """Why a commitment changes: a decision of the partners (its words, and its day if given),
    or the correction of an editor's reading (its reason)."""

    text: str
    given: date | None  # the day given (--date); a decision's words may name it instead
    today: date
    correction: bool = False

    @classmethod
    def of(
        cls, decision: str | None, correction: str | None, given: date | None, today: date
    ) -> Grounds:
        """From the two ways to give them: exactly one."""
        if (decision is None) == (correction is None):
            raise UsageError(
                _(
                    "say why it changes: a decision of the partners (--decision) or, for an "
                    "editor's reading, a correction with its reason (--correction)"
                )
            )
        what = "decision" if decision is not None else "correction"
        text = _clean(what, decision if decision is not None else correction or "")
        if correction is not None and len(text.split()) < 3:
            raise InvalidValue(
                "correction", _("give the reason for the new reading in a few words")
            )
        return cls(text, given, today, correction is not None)

    def day(self, target: Edit) -> date:
        """The day of the record: a decision's (checked against its words), or the
        correction's (default today)."""
        if not self.correction:
            return decision_day(self.text, self.given, self.today, target.facts.bodies)
        day = self.given or self.today
        check_day(day, self.today)
        return day

    def said(self, target: Edit, day: date) -> str:
        """`Beschluss vom 12.06.2026: …` or `Lesart korrigiert am 07.12.2026: …`, in the
        plan's language."""
        with speaking(target.facts.language):
            if self.correction:
                return _("reading corrected on {day}: {reason}").format(
                    day=formats.day(day), reason=self.text
                )
            return _("decision of {day}: {text}").format(day=formats.day(day), text=self.text)


def _clean(what: str, text: str) -> str:
    if not text.strip():
        raise InvalidValue(what, _("say which decision: the round and its agenda item"))
    if any((ord(c) < 32 and c not in "\t\n") or 127 <= ord(c) < 160 for c in text):
        raise InvalidValue(what, _("holds control characters; type the decision's words"))
    return check_text(what, " ".join(text.split()))


def provenance(target: Edit, fact: PMap, day: date, grounds: Grounds) -> None:
    """A fact changed by a decision is known by it: `basis: decided`, the decision in
    `derivation` (the document's words stay in `quote`). A corrected reading stays
    `inferred`, with the correction's reason as its derivation."""
    if grounds.correction and fact.get("basis") != "inferred":
        raise UsageError(
            _(
                "only an editor's reading (basis: inferred) is corrected; this value is "
                "{basis}: changing it needs a decision of the partners (--decision)"
            ).format(basis=_basis_word(fact.get("basis")))
        )
    doc = target.doc
    if not grounds.correction:
        doc.set_value(fact, "basis", "decided", after=("status", "kind", "due", "value", "title"))
    said = scalar(grounds.said(target, day))
    doc.set_value(fact, "derivation", said, after=("quote", "basis"))


def _basis_word(basis: object) -> str:
    return _(str(basis)) if basis is not None else _("not sourced")  # stated, derived, …


def record(
    target: Edit, item: PMap, day: date, grounds: Grounds, fields: list[tuple[str, str]]
) -> None:
    """The record in the item's `decisions` (or `corrections`), in date order; a measure's
    goes before its updates log (which the same edit may extend). A decision dated before the
    plan's adoption, or before a standing record on the same thing, is refused: it would stand
    behind the one it means to replace."""
    if day.year < target.facts.adopted:
        said = (
            _("the correction's date {day} lies before the plan was adopted ({year})")
            if grounds.correction
            else _("the decision's date {day} lies before the plan was adopted ({year})")
        )
        raise UsageError(said.format(day=formats.day(day), year=target.facts.adopted))
    keys = tuple(k for k, _v in fields)
    last = standing(item, keys)
    if last is not None and str(last.get("date")) > day.isoformat():
        raise UsageError(
            _(
                "a later decision ({day}) on it is on record; a decision recorded now is "
                "dated on or after it"
            ).format(day=formats.day(date.fromisoformat(str(last.get("date")))))
        )
    key, words = ("corrections", "reason") if grounds.correction else ("decisions", "text")
    record = [("date", target.doc.day(day)), (words, scalar(grounds.text)), *fields]
    before_log = ("indicators", "milestones", "sources", "tags", "involved", "lead", "status")
    after = before_log if "updates" in item else ()
    if grounds.correction:
        after = ("decisions", *after)
    position = dated_position(item.get(key), day)
    target.doc.add_item(item, key, record, position, after=after)


def recorded(grounds: Grounds, what: str, old: str, new: str) -> str:
    """What the command says it did: `HF1.15 Meilenstein x: 2030 → 2032, Beschluss
    festgehalten`."""
    if grounds.correction:
        return _("{what}: {old} → {new}, correction recorded").format(what=what, old=old, new=new)
    if old == new:  # the value was in the file already: the decision is recorded for it
        return _("{what}: {new}, decision recorded").format(what=what, new=new)
    return _("{what}: {old} → {new}, decision recorded").format(what=what, old=old, new=new)
