"""`mpi calendar`: the .ics holds every milestone once, on the right days, and reads back."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from helpers import MINI, SHIPPED, TODAY, TODAY_DATE, break_plan, mpi
from mpi.domain.dates import Due, occurrences
from mpi.domain.deadlines import state
from mpi.domain.items import Milestone
from mpi.domain.walk import Place
from mpi.loading.load import load_plan, require_plan
from mpi.render.formats import ics
from mpi.views.calendar import entry as calendar_entry

STAMP = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def export(plan_dir: Path, *args: str, today: str = TODAY) -> bytes:
    result = mpi("calendar", "--today", today, *args, plan=plan_dir)
    return result.stdout_bytes


def events(ics: bytes) -> dict[str, Any]:
    """The milestones' own events (a series once), by UID."""
    found = Calendar.from_ical(ics).walk("VEVENT")
    return {str(e["UID"]): e for e in found if "RECURRENCE-ID" not in e}


def overrides(ics: bytes) -> dict[tuple[str, date], Any]:
    """The events that override one occurrence of a series, by UID and occurrence."""
    found = Calendar.from_ical(ics).walk("VEVENT")
    return {(str(e["UID"]), e.decoded("RECURRENCE-ID")): e for e in found if "RECURRENCE-ID" in e}


def expected(plan_dir: Path) -> dict[str, Any]:
    """UID → the milestone, straight from the model."""
    plan = require_plan(load_plan(plan_dir))
    out = {}
    for body, m in plan.plan_milestones():
        out[f"{body or 'plan'}-{m.id}@mpi.masterplan-industrie"] = m
    for measure in plan.measures():
        for m in measure.milestones:
            out[f"{measure.id}-{m.id}@mpi.masterplan-industrie"] = m
    return out


def expand(event: Any) -> list[date]:
    """Every date of an event: DTSTART, its RRULE expanded, and any RDATEs."""
    start = event.decoded("DTSTART")
    dates = [start]
    if "RRULE" in event:
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=datetime.combine(start, time()))
        dates = [d.date() for d in rule]
    rdates = event.get("RDATE", [])
    for rdate in rdates if isinstance(rdates, list) else [rdates]:
        dates += [d.dt for d in rdate.dts]
    return dates


@pytest.mark.parametrize("plan_dir", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_one_event_per_milestone_on_the_last_day_of_its_period(plan_dir: Path) -> None:
    cal = Calendar.from_ical(export(plan_dir))
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == ics.PRODID
    assert str(cal["X-WR-CALNAME"]) == require_plan(load_plan(plan_dir)).title
    found = events(export(plan_dir))
    milestones = expected(plan_dir)
    masters = [e for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e]
    assert len(masters) == len(found) == len(milestones)
    assert set(found) == set(milestones)
    for uid, m in milestones.items():
        event = found[uid]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)
        assert str(event["STATUS"]) == ("CANCELLED" if m.status == "missed" else "CONFIRMED")
        conditional = " (conditional)" if m.condition else ""  # said in the summary too
        assert str(event["SUMMARY"]).endswith(f": {m.title}{conditional}")
        if m.recurrence is None:
            late = state(m.status, m.kind, m.due, TODAY_DATE, m.context, m.aspiration)
            assert str(event["CATEGORIES"].cats[0]) == late
            assert start == (m.due.start if m.kind == "from" else m.due.end)
            assert "RRULE" not in event
        else:
            assert "RRULE" in event


@pytest.mark.parametrize("plan_dir", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_late_and_recorded_occurrences_override_their_series(plan_dir: Path) -> None:
    """Each occurrence `mpi due` calls overdue is an overriding event marked so."""
    result = mpi("due", "--overdue", "--format", "json", "--today", TODAY, plan=plan_dir)
    late = {
        (f"{r['owner']}-{r['milestone']}@mpi.masterplan-industrie", Due.parse(r["due"]).end)
        for r in json.loads(result.stdout)
        if r["recurring"]
    }
    assert late
    found = overrides(export(plan_dir))
    marked = {key for key, e in found.items() if str(e["SUMMARY"]).startswith("OVERDUE: ")}
    assert marked == late
    for (uid, day), event in found.items():
        assert event.decoded("DTSTART") == day and events(export(plan_dir))[uid]


def test_a_recorded_occurrence_is_shown_as_done_or_missed(mini: Path) -> None:
    break_plan(
        mini,
        "hf1-flaechen.yaml",
        "start: 2023}\n",
        "start: 2023}\n        occurrences: [{due: 2024-06, status: done, done: 2024-06-10},"
        " {due: 2024-12, status: missed}]\n",
    )
    found = overrides(export(mini))
    uid = "HF1.2-bericht@mpi.masterplan-industrie"
    done, missed = found[(uid, date(2024, 6, 30))], found[(uid, date(2024, 12, 31))]
    assert str(done["SUMMARY"]).startswith("DONE: ") and str(done["STATUS"]) == "CONFIRMED"
    assert "2024-06: done 2024-06-10" in str(done["DESCRIPTION"])
    assert str(missed["SUMMARY"]).startswith("MISSED: ") and str(missed["STATUS"]) == "CANCELLED"


def test_precisions_and_plan_level_summaries() -> None:
    found = events(export(MINI))
    stufe = found["HF1.2-stufe-1@mpi.masterplan-industrie"]  # due: 2030
    assert stufe.decoded("DTSTART") == date(2030, 12, 31)
    assert str(stufe["SUMMARY"]) == "HF1.2: Ausbaustufe 1"
    assert "Measure HF1.2" in str(stufe["DESCRIPTION"])
    assert "year precision" in str(stufe["DESCRIPTION"])
    fabcity = found["HF2.1-fabcity@mpi.masterplan-industrie"]  # due: 2019-06, done
    assert fabcity.decoded("DTSTART") == date(2019, 6, 30)
    assert "month precision" in str(fabcity["DESCRIPTION"])
    assert str(found["plan-klimaneutralitaet@mpi.masterplan-industrie"]["SUMMARY"]) == (
        "Plan: Klimaneutralität"
    )
    assert str(found["evaluation-evaluation@mpi.masterplan-industrie"]["SUMMARY"]) == (
        "Evaluation: Evaluation des Plans"
    )


@pytest.mark.parametrize("plan_dir", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_recurring_events_expand_to_the_occurrences_of_mpi_due(plan_dir: Path) -> None:
    result = mpi("due", "--all", "--format", "json", "--today", TODAY, plan=plan_dir)
    due: dict[str, list[date]] = {}
    for row in json.loads(result.stdout):
        if row["recurring"]:
            uid = f"{row['owner']}-{row['milestone']}@mpi.masterplan-industrie"
            due.setdefault(uid, []).append(Due.parse(row["due"]).end)
    assert due, "the plan should have recurring milestones"
    found = events(export(plan_dir))
    for uid, dates in due.items():
        assert "RRULE" in found[uid]
        assert expand(found[uid]) == sorted(dates), uid


starts = st.one_of(
    st.integers(2000, 2040).map(Due.parse),
    st.tuples(st.integers(2000, 2040), st.integers(1, 12)).map(
        lambda ym: Due.parse(f"{ym[0]}-{ym[1]:02d}")
    ),
    st.dates(date(2000, 1, 1), date(2040, 12, 31)).map(Due.parse),
)


@settings(max_examples=150, deadline=None)
@example(start=Due.parse("2024-08-31"), every="half-yearly", years=3)  # clamps: RDATE
@example(start=Due.parse("2024-02-29"), every="yearly", years=5)  # clamps: RDATE
@example(start=Due.parse("2024-02"), every="yearly", years=5)  # last day, 29 then 28
@given(start=starts, every=st.sampled_from(["yearly", "half-yearly"]), years=st.integers(0, 12))
def test_any_recurrence_reads_back_as_its_occurrences(start: Due, every: str, years: int) -> None:
    plan = require_plan(load_plan(MINI))
    end = Due.parse(start.year + years)
    milestone = Milestone.model_validate(
        {"id": "x", "title": "X", "recurrence": {"every": every, "start": start, "end": end}}
    )
    place = Place(plan.fields[0], ("measures", 0, "milestones", 0), "HF1.1")
    entry = calendar_entry(plan, place, milestone, TODAY_DATE)
    assert entry is not None
    event = ics.event(entry, STAMP, {})
    wanted = [o.end for o in occurrences(start, every, end)]
    assert expand(Calendar.from_ical(event.to_ical())) == wanted


def test_hostile_text_is_escaped(mini: Path) -> None:
    hostile = "Bericht, Teil 1; Anhang\\n\nBEGIN:VEVENT\x1b[31m"
    break_plan(
        mini,
        "hf1-flaechen.yaml",
        "title: Ausbaustufe 1",
        f"title: {json.dumps(hostile)}",
    )
    ics = export(mini)
    raw = ics.decode("utf-8")
    assert "\x1b" not in raw
    # no event smuggled in: the newline stays inside the escaped SUMMARY value
    assert raw.split("\r\n").count("BEGIN:VEVENT") == len(expected(mini)) + len(overrides(ics))
    assert "Bericht\\, Teil 1\\; Anhang\\\\n\\nBEGIN:VEVENT\\\\x1b[31m" in raw.replace("\r\n ", "")
    event = events(ics)["HF1.2-stufe-1@mpi.masterplan-industrie"]
    assert str(event["SUMMARY"]) == "HF1.2: Bericht, Teil 1; Anhang\\n\nBEGIN:VEVENT\\x1b[31m"


def test_output_file_is_written_atomically(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.ics"
    target.parent.mkdir()
    target.write_text("old")
    os.chmod(target, 0o640)
    result = mpi("calendar", "-o", str(target), plan=mini)
    assert result.stdout == ""
    assert set(events(target.read_bytes())) == set(expected(mini))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["plan.ics"]


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.ics"
    result = mpi("calendar", "-o", str(target), plan=MINI, code=2)
    assert f"cannot write {target}" in result.stderr


def test_missed_milestone_is_cancelled(mini: Path) -> None:
    break_plan(mini, "hf1-flaechen.yaml", "        due: 2030\n        status: open",
               "        due: 2030\n        status: missed")  # fmt: skip
    event = events(export(mini))["HF1.2-stufe-1@mpi.masterplan-industrie"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["missed", "HF1"]
    assert str(event["SUMMARY"]).startswith("MISSED: ")


def test_invalid_plan_is_refused(mini: Path) -> None:
    break_plan(mini, "hf1-flaechen.yaml", "        due: 2035", "        due: soon")
    result = mpi("calendar", plan=mini, code=1)
    assert "mpi validate" in result.stderr
