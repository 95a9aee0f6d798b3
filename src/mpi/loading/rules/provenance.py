"""Provenance: every date, baseline, target and goal assignment says how it is known, and every
quote is found in the text the plan stores for its item.

A measure's items quote the measure (its text, sub-items and footnotes); the plan's own
milestones and those of Dialog und Monitoring quote the plan level (Präambel, Ausgangslage,
Dialog und Monitoring, their footnotes). That the stored texts are the document's own words
is checked by the tests against the document itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mpi.domain.decided import Decision
from mpi.domain.diagnostics import Diagnostic, Severity
from mpi.domain.items import Sourced
from mpi.domain.model import Measure, PlanFile
from mpi.domain.walk import KeyPath
from mpi.domain.words import quoted_in
from mpi.i18n import _
from mpi.loading.rules.context import Context
from mpi.loading.sources import SourceFile


def measure_texts(m: Measure) -> list[str]:
    """The document's text a measure stores: its text, sub-items and footnotes' words (not
    the labels an editor gave footnotes that are only links)."""
    return [m.text, *(i.text for i in m.items), *(s.text for s in m.sources if s.text)]


def plan_texts(plan: PlanFile) -> list[str]:
    """The document's text the plan level stores: Präambel, Ausgangslage, Dialog und
    Monitoring and their footnotes."""
    texts = [t for t in (plan.preamble, plan.vision, plan.background) if t]
    texts += plan.agreements
    if plan.monitoring:
        texts.append(plan.monitoring.intro)
        texts += [b.text for b in plan.monitoring.bodies]
    return texts + [s.text for s in plan.sources if s.text]


def _check(
    source: SourceFile,
    path: KeyPath,
    fact: Sourced,
    what: str,
    texts: list[str],
    decisions: Sequence[Decision] = (),
) -> Iterator[Diagnostic]:
    """One item's provenance: complete for its basis, and its quote found in `texts`; a
    decided one has a decision on record (`decisions`, those of the item that holds it)."""
    for sub, code, message, severity in (
        *_incomplete(fact, what, bool(decisions)),
        *_quote_not_found(fact, what, texts, measure=bool(path) and path[0] == "measures"),
        *_condition_unquoted(fact, what),
    ):
        at = (*path, sub) if sub else path
        yield source.diagnostic(at, code, message, severity=severity)


_Problem = tuple[str | None, str, str, Severity]


def _incomplete(fact: Sourced, what: str, decided: bool) -> Iterator[_Problem]:
    """What the item's basis asks for and it does not give (or that it gives no basis)."""
    if fact.basis is None:
        if fact.quote is not None or fact.derivation is not None:
            sub = "quote" if fact.quote is not None else "derivation"
            message = _("{what}: add `basis` (stated, derived or inferred)")
            yield sub, "provenance", message.format(what=what), "error"
        else:
            message = _(
                "{what} does not say how it is known: add `basis: stated` with the "
                "document's words in `quote`, `derived` with `quote` and `derivation`, or "
                "`inferred` with the reason in `derivation`"
            )
            yield None, "provenance-missing", message.format(what=what), "warning"
        return
    if fact.basis in ("stated", "derived") and fact.quote is None:
        message = _("{what} is {basis}: give the document's words in `quote`")
        yield "basis", "provenance", message.format(what=what, basis=fact.basis), "error"
    if fact.basis == "derived" and fact.derivation is None:
        message = _("{what} is derived: say how in `derivation`")
        yield "basis", "provenance", message.format(what=what), "error"
    if fact.basis == "decided" and not decided:
        message = _(
            "{what} is decided: record the decision in `decisions` (mpi reschedule, "
            "mpi retarget write both)"
        )
        yield "basis", "provenance", message.format(what=what), "error"
    if fact.basis == "inferred" and fact.derivation is None:
        message = _("{what} is inferred: give the reason in `derivation`")
        yield "basis", "provenance", message.format(what=what), "error"


def _quote_not_found(
    fact: Sourced, what: str, texts: list[str], *, measure: bool
) -> Iterator[_Problem]:
    """The item's quote, if it has one, is not in the texts it may quote."""
    if fact.quote is None or any(quoted_in(fact.quote, t) for t in texts):
        return
    if measure:
        message = _(
            "{what}: the quote is not in the text the measure stores (its text, "
            "sub-items, footnotes); quote the document word for word (… for words "
            "left out)"
        )
    else:
        message = _(
            "{what}: the quote is not in the text the plan level stores (Präambel, "
            "Ausgangslage, Dialog und Monitoring, their footnotes); quote the document "
            "word for word (… for words left out)"
        )
    yield "quote", "quote-not-found", message.format(what=what), "error"


def _condition_unquoted(fact: Sourced, what: str) -> Iterator[_Problem]:
    """A condition is the document's words, so the quote holds them (and thereby the
    document does)."""
    if fact.condition is None:
        return
    if fact.quote is None or not quoted_in(fact.condition, fact.quote):
        message = _(
            "{what}: the condition is not in the quote; quote the document's words with the "
            "condition the value depends on"
        )
        yield "condition", "condition-unquoted", message.format(what=what), "error"


def provenance(ctx: Context) -> Iterator[Diagnostic]:
    """Milestones, baselines, targets and goal assignments say how they are known."""
    cached: dict[int, list[str]] = {}

    def texts_of(m: Measure) -> list[str]:
        if id(m) not in cached:
            cached[id(m)] = measure_texts(m)
        return cached[id(m)]

    plan_level = plan_texts(ctx.plan)
    for place, ms in ctx.milestones:
        texts = texts_of(place.measure) if place.measure else plan_level
        what = _("{owner} milestone {milestone}").format(owner=place.owner, milestone=repr(ms.id))
        yield from _check(ctx.source(place), place.path, ms, what, texts, ms.decisions)
    for place, ind in ctx.indicators:
        assert place.measure is not None
        for name in ("baseline", "target"):
            fact = getattr(ind, name)
            if fact is not None:
                what = (
                    _("baseline of indicator {indicator}")
                    if name == "baseline"
                    else _("target of indicator {indicator}")
                ).format(indicator=repr(ind.id))
                path = (*place.path, name)
                texts = texts_of(place.measure)
                yield from _check(ctx.source(place), path, fact, what, texts, ind.decisions)
    for source, f in ctx.fields:
        if f.goal_assignment is not None:
            what = _("goal assignment of {owner}").format(owner=f.id)
            goals = [g.text for g in f.goals]
            yield from _check(source, ("goal_assignment",), f.goal_assignment, what, goals)
    for place, m in ctx.measures:
        assert place.field is not None
        if m.involvement is not None:
            what = _("involvement in {owner}").format(owner=m.id)
            path = (*place.path, "involvement")
            clause = [place.field.clause] if place.field.clause else []
            yield from _check(ctx.source(place), path, m.involvement, what, texts_of(m) + clause)
        if m.goal_assignment is not None:
            what = _("goal assignment of {owner}").format(owner=m.id)
            path = (*place.path, "goal_assignment")
            yield from _check(ctx.source(place), path, m.goal_assignment, what, texts_of(m))
        elif m.goals and place.field.goal_assignment is None:
            yield ctx.diagnostic(
                place,
                ("goals",),
                "provenance-missing",
                _(
                    "{measure}: how are its goals known? Add `goal_assignment` to the measure or "
                    "to {field} (basis and quote or derivation)"
                ).format(measure=m.id, field=place.field.id),
                severity="warning",
            )


def misspellings(ctx: Context) -> Iterator[Diagnostic]:
    """Each misspelling the plan lists occurs in its texts (else search gains nothing)."""
    if not ctx.plan.misspellings:
        return
    texts = plan_texts(ctx.plan)
    texts += [t for _, m in ctx.measures for t in (m.title, *measure_texts(m))]
    texts += [ms.title for _, ms in ctx.milestones]
    for i, entry in enumerate(ctx.plan.misspellings):
        # Word for word first: normalising all the text of a large plan costs time and memory.
        if any(entry.written in text for text in texts):
            continue
        if any(quoted_in(entry.written, text) for text in texts):
            continue
        yield ctx.plan_source.diagnostic(
            ("misspellings", i, "written"),
            "misspelling",
            _("{written} occurs nowhere in the plan's texts").format(written=repr(entry.written)),
            severity="warning",
        )
