"""One definition of overdue: every view counts the same deadlines on the same day.

`mpi due --overdue` lists the overdue deadlines (each occurrence of a recurring milestone on
its own); status, list, show, timeline, the report and the calendar must count exactly those,
and agree on delayed and missed ones too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from helpers import MINI, SHIPPED, TODAY, break_plan, mpi

DAYS = [TODAY, "2031-01-01"]  # and a day when most deadlines have passed


def data(plan: Path, today: str, *args: str) -> Any:
    return json.loads(mpi(*args, "--format", "json", "--today", today, plan=plan).stdout)


def counts(plan: Path, today: str) -> dict[str, int]:
    """What every view says: overdue, delayed and missed deadlines, per view."""
    rows = data(plan, today, "due", "--all")
    out = {
        "due --overdue": len(data(plan, today, "due", "--overdue")),
        "due: overdue": sum(r["overdue"] for r in rows),
        "due: delayed": sum(r["delayed"] for r in rows),
        "due: missed": sum(r["status"] == "missed" for r in rows),
    }
    status = data(plan, today, "status")
    totals = status["totals"]
    out["status"] = totals["overdue_deadlines"]
    out["status: delayed"] = totals["delayed_deadlines"]
    out["status: missed"] = totals["missed_deadlines"]
    parts = [*status["fields"], status["plan_level"]]
    out["status: fields"] = sum(f["overdue_deadlines"] for f in parts)
    out["status: late list"] = sum(line["count"] for line in status["late"] if line["overdue"])
    measures = data(plan, today, "list")
    owners = (
        [m["id"] for m in measures]
        + ["plan"]
        + sorted({r["owner"] for r in rows if r["measure"] is None and r["owner"] != "plan"})
    )
    shown = [data(plan, today, "show", owner)["milestones"] for owner in owners]
    out["show"] = sum(r["overdue"] for milestones in shown for r in milestones)
    out["list + plan level"] = sum(m["overdue_deadlines"] for m in measures) + sum(
        f["overdue_deadlines"] for f in [status["plan_level"]]
    )
    years = data(plan, today, "timeline")
    out["timeline"] = sum(r["overdue"] for y in years for r in [*y["milestones"], *y["recurring"]])
    report = mpi("report", "--today", today, plan=plan).stdout
    out["report"] = int(re.search(r"## Overdue \((\d+) deadlines?\)", report)[1])  # type: ignore[index]
    out["report: delayed"] = int(re.search(r"## Delayed \((\d+) deadlines?", report)[1])  # type: ignore[index]
    out["report: missed"] = int(re.search(r"## Missed \((\d+) deadlines?\)", report)[1])  # type: ignore[index]
    ics = Calendar.from_ical(mpi("calendar", "--today", today, plan=plan).stdout_bytes)
    out["calendar"] = sum(str(e["SUMMARY"]).startswith("OVERDUE: ") for e in ics.walk("VEVENT"))
    return out


OVERDUE = [
    "due --overdue",
    "due: overdue",
    "status",
    "status: fields",
    "status: late list",
    "show",
    "list + plan level",
    "timeline",
    "report",
    "calendar",
]


def agree(found: dict[str, int]) -> None:
    assert len({found[view] for view in OVERDUE}) == 1, found
    assert found["due: delayed"] == found["status: delayed"] == found["report: delayed"], found
    assert found["due: missed"] == found["status: missed"] == found["report: missed"], found


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize("plan", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_every_view_counts_the_same_overdue_deadlines(plan: Path, today: str) -> None:
    found = counts(plan, today)
    agree(found)
    assert found["due --overdue"] > 0


def test_they_agree_with_recorded_missed_and_delayed_ones_too(mini: Path) -> None:
    break_plan(
        mini,
        "hf1-flaechen.yaml",
        "start: 2023}\n",
        "start: 2023}\n        occurrences: [{due: 2024-06, status: done, done: 2024-06-10},"
        " {due: 2024-12, status: missed}]\n",
    )
    break_plan(mini, "hf1-flaechen.yaml", "        due: 2030\n        status: open",
               "        due: 2030\n        status: missed")  # fmt: skip
    found = counts(mini, "2027-03-01")
    agree(found)
    assert (found["due --overdue"], found["due: delayed"], found["due: missed"]) == (6, 1, 2)
