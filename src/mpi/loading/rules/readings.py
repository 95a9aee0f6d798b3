"""Readings: a date or target is read as the document's words read, no more strictly and no
more loosely (docs/plan-format.md, "How a date reads").

- Whose date: another body's date names the body in `party`, in the quote's words; "ab" as
  an earliest date is another body's (`kind: from` names its `party`), "ab" as a duty the
  partners take on from then is `kind: start`.
- "voraussichtlich" only where the quote says it; an aspiration ("strebt … an") only where the
  quote says so, and a quote that says so marks one.
- A date from before the plan's adoption is history (`kind: history`), never a commitment of
  the plan (one recorded done before the adoption is flagged; an open one may be a commitment
  a Fortschreibung carries over); so is a date the document reports as planned before it (an
  experiment "seit Frühjahr 2022 … für die Dauer von zunächst zwei Jahren"): its quote names
  the earlier year.
- A bound is a bound: a baseline or target the quote gives as "mehr als" or "weniger als"
  says so in `bound`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mpi.domain.diagnostics import Diagnostic, Severity
from mpi.domain.items import Milestone, Sourced
from mpi.domain.words import plain_words, quoted_in
from mpi.i18n import _
from mpi.loading.rules.context import Context

EXPECTED = re.compile(r"\bvoraussichtlich", re.IGNORECASE)
# An aspiration or a stated goal, not an undertaking: "strebt … an", "Ziel ist es, dass …"
ASPIRED = re.compile(r"\b(strebt|streben|angestrebt|anzustreben|Ziel ist es)\b", re.IGNORECASE)
YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
BOUND_WORDS = {"above": ("mehr als", "über"), "below": ("weniger als", "unter")}


def _says(pattern: re.Pattern[str], fact: Sourced) -> bool | None:
    """Whether the quote says the word; None where there is no quote to ask."""
    return None if fact.quote is None else bool(pattern.search(fact.quote))


def readings(ctx: Context) -> Iterator[Diagnostic]:
    """Milestones and indicators read as their quotes read (see the module's description)."""
    adopted = ctx.plan.adopted  # the year: a date ending before it was before the plan
    for place, m in ctx.milestones:
        what = _("{owner} milestone {milestone}").format(owner=place.owner, milestone=repr(m.id))
        for sub, code, message, severity in _milestone(m, what, adopted):
            yield ctx.diagnostic(place, (sub,), code, message, severity)
    for place, ind in ctx.indicators:
        if ind.baseline is not None and ind.baseline.bound is None:
            said = _bound_word(ind.baseline.quote, ind.baseline.value)
            if said is not None:
                message = _(
                    "baseline of indicator {indicator}: the quote gives only a bound "
                    "(„{words}“); say so in `bound` (above or below)"
                ).format(indicator=repr(ind.id), words=said)
                yield ctx.diagnostic(place, ("baseline",), "bound-missing", message, "warning")
        target = ind.target
        if target.party is not None and not quoted_in(target.party, target.quote or ""):
            message = _(
                "target of indicator {indicator}: `party` is not in the quote; quote the "
                "document's words that name whose target it is"
            ).format(indicator=repr(ind.id))
            yield ctx.diagnostic(place, ("target", "party"), "party-unquoted", message)
        if target.aspiration and not _says(ASPIRED, target):
            message = _(
                "target of indicator {indicator} is an aspiration, but its quote does not say "
                "so (strebt … an); quote the words"
            ).format(indicator=repr(ind.id))
            yield ctx.diagnostic(place, ("target", "aspiration"), "aspiration-unquoted", message)
        if not target.aspiration and _says(ASPIRED, target):
            message = _(
                "target of indicator {indicator}: its quote states an aspiration (strebt … "
                "an), not a target; set `aspiration: true`"
            ).format(indicator=repr(ind.id))
            yield ctx.diagnostic(place, ("target",), "aspiration-missing", message, "warning")


_Problem = tuple[str, str, str, Severity]


def _milestone(m: Milestone, what: str, adopted: int) -> Iterator[_Problem]:
    if m.party is not None and (m.quote is None or not quoted_in(m.party, m.quote)):
        message = _(
            "{what}: `party` is not in the quote; quote the document's words that name whose "
            "date it is"
        )
        yield "party", "party-unquoted", message.format(what=what), "error"
    if m.aspiration and not _says(ASPIRED, m):
        message = _("{what} is an aspiration, but its quote does not say so (strebt … an)")
        yield "aspiration", "aspiration-unquoted", message.format(what=what), "error"
    if not m.aspiration and m.basis != "decided" and _says(ASPIRED, m):
        message = _(
            "{what}: its quote states an aspiration (strebt … an), not a commitment; set "
            "`aspiration: true`"
        )
        yield "kind", "aspiration-missing", message.format(what=what), "warning"
    if m.kind == "expected" and m.basis != "decided" and _says(EXPECTED, m) is False:
        message = _(
            "{what} reads voraussichtlich, but its quote does not say so; read the date as "
            "the quote words it"
        )
        yield "kind", "kind-unquoted", message.format(what=what), "warning"
    if m.kind == "from" and m.party is None:
        message = _(
            "{what} reads ab as an earliest date, which is another body's: name it in "
            "`party`; a duty the partners take on from then is `kind: start`"
        )
        yield "kind", "earliest-without-party", message.format(what=what), "warning"
    last = m.recurrence.end if m.recurrence is not None else m.due
    first = m.recurrence.start if m.recurrence is not None else m.due
    if m.kind == "history" and not _earlier_year(m.quote, adopted):
        message = _(
            "{what} is history, but its quote names no year before the plan's adoption "
            "({year}): quote the words that date it before the plan"
        )
        yield "kind", "history-unquoted", message.format(what=what, year=adopted), "error"
    before = first is not None and first.year < adopted and (last is None or last.year < adopted)
    if m.kind != "history" and m.status == "done" and before:
        # Done before the plan: the document reports it, the plan does not commit to it. (An
        # open date before the adoption may be a commitment a Fortschreibung carries over.)
        message = _(
            "{what} lies before the plan's adoption ({year}): the document reports it, the "
            "plan does not commit to it; set `kind: history`"
        )
        yield "kind", "before-plan", message.format(what=what, year=adopted), "warning"


def _bound_word(quote: str | None, value: float) -> str | None:
    """The bound word the quote puts before the value (`mehr als 46`), if any."""
    if quote is None:
        return None
    number = f"{value:g}".replace(".", ",")
    text = plain_words(quote).lower()
    for words in BOUND_WORDS.values():
        for word in words:
            if f"{word} {number}" in text:
                return f"{word} {number}"
    return None


def _earlier_year(quote: str | None, adopted: int) -> bool:
    """Whether the quote names a year before the adoption (`seit Frühjahr 2022`)."""
    return quote is not None and any(int(y) < adopted for y in YEAR.findall(quote))
