"""The output formats and the views they draw, typed: mypy checks each format's draw functions
against the view's data, and each command's call against the view it emits.

A view is a typed key (`STATUS: View[StatusSummary]`); a format module ends with
`FORMAT = Format("name", status=draw_status, …)`, and `FORMATS` lists the format modules, in
the order `--format` offers them. `choices(view)` feeds the commands' `--format` options.
Format modules import their heavy libraries (rich, jinja2, icalendar) inside the draw
functions, so importing them all stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Union

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mpi.domain.diagnostics import Diagnostic
    from mpi.views.calendar import CalendarView
    from mpi.views.changes import ChangeLog
    from mpi.views.diff import PlanDiff
    from mpi.views.due import DueRow
    from mpi.views.form import Form
    from mpi.views.history import History
    from mpi.views.indicators import IndicatorRow
    from mpi.views.measures import MeasureDetail, MeasureRow
    from mpi.views.meetings import MeetingRow, Minutes
    from mpi.views.milestones import OwnerDetail
    from mpi.views.report import Report
    from mpi.views.round import Round
    from mpi.views.status import StatusSummary
    from mpi.views.timeline import Timeline


@dataclass(frozen=True)
class Unwrapped:
    """Rich text whose lines are never wrapped at the terminal's width (FILE:LINE:COL lines)."""

    renderable: RenderableType


# What a draw function returns: text, bytes (a calendar), or rich renderables (tables).
Drawn = Union[str, bytes, Unwrapped, "RenderableType"]
T = TypeVar("T")


@dataclass(frozen=True)
class View(Generic[T]):
    """A view a command emits, as a typed key: its name is the `Format` field that draws it;
    `default` is the format it is drawn in when neither --format nor -o's extension names one.
    A `page` (`mpi show`) is prose: written to a pipe or a file it is wrapped at 80 columns, as
    a file is read; any other view is rows, never wrapped there, so each stays one line."""

    name: str
    default: str = "text"
    page: bool = False


STATUS: View[StatusSummary] = View("status")
MEASURES: View[list[MeasureRow]] = View("measures")
MEASURE: View[MeasureDetail] = View("measure", page=True)
BODY: View[OwnerDetail] = View("body", page=True)
DUE: View[list[DueRow]] = View("due")
TIMELINE: View[Timeline] = View("timeline")
DIFF: View[PlanDiff] = View("diff")
HISTORY: View[History] = View("history")
CHANGES: View[ChangeLog] = View("changes")
DIAGNOSTICS: View[Sequence[Diagnostic]] = View("diagnostics")
INDICATORS: View[list[IndicatorRow]] = View("indicators")
REPORT: View[Report] = View("report", "markdown")
ROUND: View[Round] = View("round", "markdown")
MINUTES: View[Minutes] = View("minutes", "markdown")
MEETINGS: View[list[MeetingRow]] = View("meetings")
FORM: View[Form] = View("form", "xlsx")
SCHEMA: View[dict[str, Any]] = View("schema", "json")
CALENDAR: View[CalendarView] = View("calendar", "ics")


@dataclass(frozen=True)
class Draws:
    """A draw function for each view a format draws (None: it does not)."""

    status: Callable[[StatusSummary], Drawn] | None = None
    measures: Callable[[list[MeasureRow]], Drawn] | None = None
    measure: Callable[[MeasureDetail], Drawn] | None = None
    body: Callable[[OwnerDetail], Drawn] | None = None
    due: Callable[[list[DueRow]], Drawn] | None = None
    timeline: Callable[[Timeline], Drawn] | None = None
    diff: Callable[[PlanDiff], Drawn] | None = None
    history: Callable[[History], Drawn] | None = None
    changes: Callable[[ChangeLog], Drawn] | None = None
    diagnostics: Callable[[Sequence[Diagnostic]], Drawn] | None = None
    indicators: Callable[[list[IndicatorRow]], Drawn] | None = None
    report: Callable[[Report], Drawn] | None = None
    round: Callable[[Round], Drawn] | None = None
    minutes: Callable[[Minutes], Drawn] | None = None
    meetings: Callable[[list[MeetingRow]], Drawn] | None = None
    form: Callable[[Form], Drawn] | None = None
    schema: Callable[[dict[str, Any]], Drawn] | None = None
    calendar: Callable[[CalendarView], Drawn] | None = None


@dataclass(frozen=True)
class Format(Draws):
    """An output format: its `--format` name and what it draws. `piped` draws some views
    differently when the output goes to a pipe or file instead of a terminal (one record per
    line, no wrapping or padding)."""

    name: str = ""
    piped: Draws = Draws()


# The format modules of mpi.render.formats, in the order --format offers them.
FORMATS = ("text", "json", "csv", "markdown", "html", "docx", "xlsx", "github", "ics", "atom")
# The format a file's extension names (-o bericht.html): text and github have none of their own.
SUFFIXES = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".ics": "ics",
    ".atom": "atom",
}


@cache
def formats() -> dict[str, Format]:
    """Every format, by name, in FORMATS order."""
    out = {}
    for module in FORMATS:
        declared = importlib.import_module(f"mpi.render.formats.{module}").FORMAT
        out[declared.name] = declared
    return out


def choices(view: View[Any]) -> list[str]:
    """The names of the formats that can draw `view`."""
    return [name for name, f in formats().items() if getattr(f, view.name) is not None]


def draw(format: str, view: View[T], data: T, *, terminal: bool = True) -> Drawn:
    """Draw `data` of `view` in `format` (one of `choices(view)`), for a terminal or not."""
    chosen = formats()[format]
    piped: Callable[[T], Drawn] | None = getattr(chosen.piped, view.name)
    drawing: Callable[[T], Drawn] | None = getattr(chosen, view.name)
    if not terminal and piped is not None:
        return piped(data)
    assert drawing is not None, f"{format} does not draw {view.name}"
    return drawing(data)


VIEWS = tuple(f.name for f in fields(Draws))
