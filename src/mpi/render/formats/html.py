"""`mpi report --format html`: one self-contained page (inline CSS and SVG, no requests).

Only this module imports Jinja2, inside `report`: other formats and commands never pay for
it. Autoescaping is on and every value passes through `visible` first, so plan text can
neither inject markup nor hide text behind control or bidi characters. Chart geometry is
computed here, not in the template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpi import __version__
from mpi.domain.words import MEASURE_STATUSES
from mpi.i18n import language
from mpi.render import assessment, values
from mpi.render.change_words import describe
from mpi.render.decision_words import decision_line, decisions_heading
from mpi.render.formats._templates import environment, page_css
from mpi.render.messages import colophon, invalid_warning, milestone_note, standpoint
from mpi.render.provenance import basis as basis_word
from mpi.render.provenance import explanation, needs_note, worded
from mpi.render.provenance import state as state_word
from mpi.render.registry import Format

if TYPE_CHECKING:
    from mpi.domain.items import Sourced
    from mpi.views.diff import Change
    from mpi.views.due import DueRow, MilestoneLine
    from mpi.views.measures import MeasureRow
    from mpi.views.meetings import Minutes
    from mpi.views.report import IndicatorLine, Report
    from mpi.views.round import Round
    from mpi.views.status import FieldStatus


def _pct(share: float) -> str:
    """A share of the chart width as an SVG coordinate (0-100), clamped and short."""
    return f"{min(max(share, 0.0), 1.0) * 100:.2f}".rstrip("0").rstrip(".")


def _amount(value: float | None, unit: str) -> str | None:
    return None if value is None else values.amount(value, unit)


def _field(f: FieldStatus) -> dict[str, Any]:
    """A field's (or the total's) counts and its stacked status bar."""
    segments, x = [], 0.0
    for name in MEASURE_STATUSES:
        count = f.by_status.get(name, 0)
        if count:
            width = count / f.measures
            segments.append({"status": name, "count": count, "x": _pct(x), "w": _pct(width)})
            x += width
    return {
        "id": f.id,
        "title": f.title,
        "measures": f.measures,
        "open": f.open_milestones,
        "missed": f.missed,
        "overdue": f.overdue,
        "delayed": f.delayed,
        "segments": segments,
    }


def _fact(fact: Sourced | DueRow | None) -> dict[str, Any]:
    """A marker for what the document does not state in words, with its derivation, and for
    what it ties to a condition."""
    if fact is None or not (needs_note(fact.basis) or fact.condition):
        return {"basis": None, "how": None}
    how = explanation(
        fact.basis, fact.quote, fact.derivation, quotes=False, condition=fact.condition
    )
    return {"basis": basis_word(fact.basis), "how": how}


def _milestones(lines: list[MilestoneLine], late: bool) -> list[dict[str, Any]]:
    return [
        {
            "due": worded(line.row),
            "measure": line.row.whose,
            "title": line.row.title,
            "note": milestone_note(line, late),
            **_fact(line.row),
        }
        for line in lines
    ]


def _span(start: float, end: float) -> dict[str, str]:
    """A bar between two shares of the axis, in either direction (values may be negative)."""
    return {"x": _pct(min(start, end)), "w": _pct(abs(end - start))}


STATE_CLASS = {  # the assessment's colour (report.html.j2)
    "on_track": "ok",
    "moderate": "moderate",
    "insufficient": "behind",
    "moving_away": "away",
    "not_assessable": "none",
}


def _indicator(line: IndicatorLine) -> dict[str, Any]:
    """Numbers and bar geometry: baseline and last value as bars from zero, target as a line."""
    row, ind = line.row, line.row.indicator
    base = ind.baseline
    zero = line.share(0.0)
    bar = _span(zero, line.share(row.last_value)) if row.last_value is not None else None
    a = row.assessment
    return {
        "measure": line.measure,
        "name": ind.name,
        "note": ind.note,
        "baseline_how": _fact(base) if base else None,
        "target_how": _fact(ind.target),
        "baseline": values.baseline(ind) if base else None,
        "base_bar": _span(zero, line.share(base.value)) if base else None,
        "last": _amount(row.last_value, ind.unit),
        "last_date": (
            values.due(row.last_period)
            if row.last_period
            else values.day(row.last_date)
            if row.last_date
            else None
        ),
        "target": values.target(ind),
        "target_x": _pct(line.share(ind.target.value)),
        "bar": bar,
        "state": assessment.category(a),
        "state_class": STATE_CLASS[a.category],
        "assessment": assessment.details(a, ind.unit) or None,
        "bar_class": {True: "ok", False: "behind", None: "none"}[row.on_track],
        "low": _amount(line.low, ind.unit),
        "high": _amount(line.high, ind.unit),
    }


def _measure_due(m: MeasureRow) -> dict[str, Any]:
    """A measure's oldest late deadline with its state, or its next one, and how it is known."""
    shown = m.due
    if shown is None:
        return {"due": None, "state": None, "basis": None, "how": None}
    return {
        "due": worded(shown),
        "state": state_word(shown.state) if m.late else None,
        **_fact(shown),
    }


def _change(rep: Report, change: Change) -> tuple[str, str, bool]:
    """The change's subject (shown in bold), the rest of its one-line description, and
    whether it weakens a commitment."""
    line = describe(change, rep.names, rep.titles, rep.units)
    return change.subject, line[len(change.subject) :], change.weakening


def report(rep: Report) -> str:
    """The whole report as one HTML document."""
    s = rep.summary
    context = {
        "title": rep.title,
        "lang": language(),
        "made_from": colophon(rep.made_from) if rep.made_from else None,
        "leads": values.report_of(rep.leads, rep.partners) if rep.leads else None,
        "invalid": invalid_warning(rep.made_from) if rep.made_from else None,
        "today": values.day(rep.today),
        "standpoint": standpoint(
            rep.today,
            rep.made_from.as_of if rep.made_from else None,
            rep.made_from.read_on if rep.made_from else None,
        ),
        "version": __version__,
        "statuses": MEASURE_STATUSES,
        "fields": [_field(f) for f in s.fields],
        # the plan's own milestones and those of Dialog und Monitoring: a card of their own
        "plan_level": _field(s.plan_level) if s.plan_level.open_milestones else None,
        "measures": {
            f.id: [
                {
                    "id": m.id,
                    "title": m.title,
                    "status": m.status,
                    **_measure_due(m),
                }
                for m in rep.measures
                if m.field == f.id
            ]
            for f in s.fields
        },
        "total": _field(s.totals),
        "overdue": _milestones(rep.overdue, True),
        "delayed": _milestones(rep.delayed, True),
        "missed": _milestones(rep.missed, True),
        "upcoming": _milestones(rep.upcoming, False),
        "late_counts": {
            "overdue": s.totals.overdue,
            "delayed": s.totals.delayed,
            "missed": s.totals.missed,
        },
        "indicators": [_indicator(line) for line in rep.indicators],
        "since": rep.since,
        "changes": None if rep.changes is None else [_change(rep, c) for c in rep.changes],
        "decisions": [decision_line(r) for r in rep.decisions],
        "decisions_heading": decisions_heading(rep.decisions),
        "page_css": page_css(rep.title),
    }
    return environment().get_template("report.html.j2").render(context)


def round_(view: Round) -> str:
    """The briefing for the coordination round as one page, print-ready on A4."""
    from mpi.render.formats._html_round import context

    return environment().get_template("round.html.j2").render(context(view))


def minutes(view: Minutes) -> str:
    """The minutes of a meeting as one page, print-ready on A4."""
    from mpi.render.formats._minutes import html

    return html(view)


FORMAT = Format(name="html", report=report, round=round_, minutes=minutes)
