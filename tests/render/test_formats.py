"""The format registry and every format's draw functions, called directly on view rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from icalendar import Calendar
from rich.console import Console

from helpers import MINI, TODAY_DATE
from mpi.cli.app import full_app
from mpi.domain.change import Change
from mpi.domain.diagnostics import Diagnostic
from mpi.domain.meetings import Meeting
from mpi.loading.load import load_plan, require_plan
from mpi.render import registry, values
from mpi.render.formats import github, markdown, text
from mpi.render.registry import Unwrapped
from mpi.views import (
    calendar,
    changes,
    diff,
    form,
    history,
    indicators,
    made_from,
    measures,
    meetings,
    report,
    schema,
    status,
    timeline,
)
from mpi.views import round as round_view
from mpi.views.due import DueQuery, select_due
from mpi.views.milestones import owner_detail

PLAN = require_plan(load_plan(MINI))
DIAGNOSTICS = [
    Diagnostic("plan/hf1.yaml", 3, 7, "error", "schema", "unknown key 'x'\nsecond line"),
    Diagnostic("plan/hf2.yaml", 9, 1, "warning", "date-range", "due 2099, 100%: odd"),
]
CHANGES = diff.diff(PLAN, PLAN.model_copy(update={"title": "Neu"}))
POSTPONED = Change("postponed", "HF1.2", "netz", "due", "2030", "2032", months=24,
                   what="milestone", weakening=True)  # fmt: skip
DATA: dict[str, Any] = {
    "status": status.status(PLAN, TODAY_DATE),
    "measures": measures.list_measures(PLAN, measures.MeasureFilter(), TODAY_DATE),
    "measure": measures.measure_detail(PLAN, "HF1.2", TODAY_DATE),
    "body": owner_detail(PLAN, "evaluation", TODAY_DATE),
    "due": select_due(PLAN, DueQuery(include_done=True), TODAY_DATE),
    "timeline": timeline.timeline(PLAN, TODAY_DATE),
    "report": report.build(PLAN, TODAY_DATE, "v1", CHANGES),
    "diff": diff.PlanDiff("v1", None, CHANGES),
    "history": history.History(
        "HF1.2",
        "Wasserstoffnetz",
        None,
        ("abc1234", TODAY_DATE),
        [
            history.Event(
                "def5678",
                TODAY_DATE,
                POSTPONED,
            )
        ],
        [history.Course("netz", "Netz", "milestone", "bis 2030", "bis 2032", 1, 1, 24)],
    ),
    "changes": changes.ChangeLog(
        PLAN.title,
        [
            changes.Logged(
                "urn:uuid:0747952e-3bb8-55bd-8ca9-27eb81a2f7e7",
                "def5678",
                TODAY_DATE,
                POSTPONED,
                "HF1",
                ("bwi",),
                datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
            )
        ],
        diff.names(PLAN),
        diff.titles(PLAN),
    ),
    "diagnostics": DIAGNOSTICS,
    "calendar": calendar.calendar(PLAN, datetime(2026, 11, 25, tzinfo=UTC), TODAY_DATE),
    "schema": schema.build("field"),
    "indicators": indicators.all_indicators(PLAN),
    "round": round_view.build(
        PLAN,
        made_from.MadeFrom("plan", None, False, TODAY_DATE, "0", 0, 0),
        TODAY_DATE,
        since="v1",
        changes=CHANGES,
    ),
}
MEETING = Meeting.model_validate(
    {
        "id": "evaluation-2026-06-10",
        "body": "evaluation",
        "date": "2026-06-10",
        "chair": "Amtsleitung",
        "agenda": [
            {"title": "Begrüßung", "kind": "opening"},
            {"title": "Bericht", "lead": ["bwi"]},
        ],
        "attendance": [{"partner": "bwi", "names": ["A. Beispiel"]}],
        "decisions": [{"top": 2, "text": "Kenntnisnahme <b>"}],
        "actions": [{"number": 1, "text": "Bericht", "owner": "bwi", "due": "2026-09-30"}],
    }
)
DATA["minutes"] = meetings.minutes(PLAN, MEETING, TODAY_DATE)
DATA["form"] = form.form(PLAN, "bwi", TODAY_DATE, "Erstellt aus dem Plan")
DATA["meetings"] = meetings.meeting_rows(
    PLAN.model_copy(update={"meetings": [MEETING]}), TODAY_DATE
)
PAIRS = [(f, v) for f, fmt in registry.formats().items() for v in registry.VIEWS if getattr(fmt, v)]
VIEW = {v: registry.View[Any](v) for v in registry.VIEWS}


def as_text(drawn: Any) -> str:
    if isinstance(drawn, str | bytes):
        return drawn.decode() if isinstance(drawn, bytes) else drawn
    console = Console(width=100, color_system=None)
    with console.capture() as out:
        if isinstance(drawn, Unwrapped):
            console.print(drawn.renderable, soft_wrap=True)
        else:
            console.print(drawn)
    return out.get()


def test_the_registry_lists_every_format_module_in_order() -> None:
    import pkgutil

    from mpi.render import formats

    modules = [m.name for m in pkgutil.iter_modules(formats.__path__) if m.name[0] != "_"]
    assert sorted(registry.FORMATS) == sorted(modules)  # none left out of the list
    assert list(registry.formats()) == [
        "text", "json", "csv", "markdown", "html", "docx", "xlsx", "github", "ics", "atom"
    ]  # fmt: skip
    assert registry.choices(registry.CHANGES) == ["text", "json", "csv", "markdown", "atom"]
    assert registry.choices(registry.STATUS) == ["text", "json", "csv", "markdown", "xlsx"]
    assert registry.choices(registry.REPORT) == ["markdown", "html", "docx"]
    assert registry.choices(registry.DIAGNOSTICS) == ["text", "json", "github"]
    assert registry.choices(registry.DIFF) == ["text", "json", "markdown"]


def test_every_view_has_sample_data_and_a_format() -> None:
    assert {v for _, v in PAIRS} == set(DATA)


def test_format_options_offer_exactly_the_registry_choices() -> None:
    """Each command's --format is a parser choice taken from the registry."""
    import typer.main

    views = {"validate": "diagnostics", "list": "measures", "show": "measure"}
    group = typer.main.get_command(full_app())
    checked = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if param.name == "format":
                view = views.get(name, name)
                names = registry.choices(VIEW[view])
                assert param.metavar == "[" + "|".join(names) + "]", name
                checked.append(name)
    assert sorted(checked) == ["changes", "diff", "due", "history", "indicators", "list",
                               "report", "round", "show", "status", "timeline",
                               "validate"]  # fmt: skip


@pytest.mark.parametrize(("format", "view"), PAIRS, ids=[f"{f}-{v}" for f, v in PAIRS])
def test_every_format_draws_every_view_it_declares(format: str, view: str) -> None:
    drawn = registry.draw(format, VIEW[view], DATA[view])
    if format == "docx":
        import docx

        assert isinstance(drawn, bytes)
        document = docx.Document(io.BytesIO(drawn))
        assert document.paragraphs[0].style is not None
        assert document.paragraphs[0].style.name == "Title"
        return
    if format == "xlsx":
        import openpyxl

        assert isinstance(drawn, bytes)
        book = openpyxl.load_workbook(io.BytesIO(drawn))
        if view == "form":
            assert book.sheetnames[-1] == "mpi" and book.worksheets[1].max_row > 1
        else:
            sheet = book.active
            assert sheet is not None and sheet.freeze_panes == "A2" and sheet.max_row > 1
        return
    out = as_text(drawn)
    assert out.strip()
    if format == "json":
        json.loads(out)
    elif format == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1 and len(rows) > 1
    elif format == "html":
        assert out.startswith("<!DOCTYPE html>") and "</html>" in out
    elif format == "ics":
        assert Calendar.from_ical(out).walk("VEVENT")
    elif format == "atom":
        import feedparser

        feed = feedparser.parse(out)
        assert not feed.bozo and feed.entries[0].id.startswith("urn:uuid:")
    if view in ("measure", "measures", "due", "report") and format not in ("json", "csv"):
        assert "HF1.2" in out


def test_text_diagnostics_are_one_unwrapped_line_each() -> None:
    drawn = text.diagnostics(DIAGNOSTICS)
    assert isinstance(drawn, Unwrapped)
    lines = Console(width=20, color_system=None)
    with lines.capture() as out:
        lines.print(drawn.renderable, soft_wrap=True)
    assert out.get().splitlines() == [
        "plan/hf1.yaml:3:7: error: unknown key 'x' second line  [schema]",
        "plan/hf2.yaml:9:1: warning: due 2099, 100%: odd  [date-range]",
    ]
    assert text.diagnostics([]) == ""


def test_github_annotations_escape_their_properties_and_message() -> None:
    assert github.diagnostics(DIAGNOSTICS).splitlines() == [
        "::error file=plan/hf1.yaml,line=3,col=7,title=mpi schema::unknown key 'x' second line",
        "::warning file=plan/hf2.yaml,line=9,col=1,title=mpi date-range::due 2099, 100%25: odd",
    ]
    assert github.diagnostics([]) == ""


def test_markdown_escapes_markup_and_writes_numbers_one_way() -> None:
    assert markdown.esc("a|b *c* <x>") == r"a\|b \*c\* &lt;x>"
    assert markdown.esc("2030 → 2032") == "2030 → 2032"  # no tag opens without "<"
    assert markdown.esc("> quoted") == r"\> quoted"  # not a quote at the start of a line
    assert markdown.esc(19.0) == "19" and markdown.esc(1234567.5) == "1234567.5"
    assert markdown.esc(None) == "" and markdown.esc(["a", "b"]) == "a, b"


def test_values_write_numbers_and_dates_for_every_format() -> None:
    assert values.number(None) == values.DASH
    assert values.number(0.1 + 0.2) == "0.30000000000000004"  # never rounded away
    assert values.amount(18.0, "%") == "18 %"
    assert values.day(date(2026, 1, 2)) == "2026-01-02"
    assert values.direction("at_least") == "≥" and values.direction("at_most") == "≤"
