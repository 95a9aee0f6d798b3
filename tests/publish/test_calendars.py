"""`mpi calendar` per audience: a partner's and a Handlungsfeld's own calendar, reminders, the
lead partners in each event, and a DTSTAMP that is the plan's last commit, so an unchanged
plan gives the same bytes and a changed one a new stamp."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from icalendar import Calendar

from helpers import LATER, commit, git, mpi

run = partial(mpi, lang="de", today=LATER)


def events(data: str | bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_a_partners_calendar_of_a_field_with_reminders(year: Path, tmp_path: Path) -> None:
    target = tmp_path / "hk.ics"
    run("calendar", "--lead", "Handelskammer", "--field", "HF1", "--alarm", "4w",
        "-o", str(target), plan=year)  # fmt: skip
    found = events(target.read_bytes())
    assert found
    for event in found:
        said = str(event.get("description"))  # type: ignore[attr-defined]
        assert "Federführung: " in said and "Handelskammer" in said.split("Federführung: ")[1]
        assert str(event.get("categories").cats[-1]) == "HF1"  # type: ignore[attr-defined]
        alarms = event.walk("VALARM")  # type: ignore[attr-defined]
        summary = str(event.get("summary"))  # type: ignore[attr-defined]
        if summary.startswith(("ERLEDIGT", "VERFEHLT")):  # nothing left to remind of
            assert alarms == []
            continue
        assert len(alarms) == 1 and alarms[0].get("trigger").dt == -timedelta(days=28)
        assert str(alarms[0].get("action")) == "DISPLAY"
    whole = events(run("calendar", plan=year).stdout)
    assert len(whole) > len(found)
    assert all(e.walk("VALARM") == [] for e in whole)  # type: ignore[attr-defined]
    calendar = Calendar.from_ical(target.read_bytes())
    assert str(calendar.get("x-wr-calname")).endswith("(HF1, Handelskammer)")


def test_the_stamp_is_the_last_commit_and_stays_until_the_plan_changes(
    year: Path, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(year.parent, root)
    plan = root / "plan"
    first = run("calendar", "--lead", "dgb", plan=plan).stdout
    assert run("calendar", "--lead", "dgb", plan=plan).stdout == first
    committed = git(root, "log", "-1", "--format=%cI").strip()
    stamp = datetime.fromisoformat(committed).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTAMP:{stamp}" in first
    (root / "notes.txt").write_text("not the plan\n", encoding="utf-8")
    commit(root, "anderes")  # a commit outside the plan directory changes nothing
    assert run("calendar", "--lead", "dgb", plan=plan).stdout == first
    mpi("note", "HF4.1", "Neuer Sachstand", plan=plan, today=LATER)
    edited = datetime(2027, 10, 24, 9, 30, tzinfo=UTC).timestamp()
    os.utime(plan / "hf4-arbeit-bildung-und-qualifizierung.yaml", (edited, edited))
    pending = run("calendar", "--lead", "dgb", plan=plan).stdout
    assert "DTSTAMP:20271024T093000Z" in pending  # not committed: the files' own time


def test_bad_reminders_and_partners_are_refused_with_one_line(year: Path) -> None:
    for alarm in ("6m", "0d", "bald"):
        bad = run("calendar", "--alarm", alarm, plan=year, code=2)
        assert bad.stderr.startswith("mpi: --alarm: ") and bad.stderr.count("\n") == 1
    bad = run("calendar", "--lead", "xyz", plan=year, code=2)
    assert "xyz" in bad.stderr and bad.stderr.count("\n") == 1


def test_the_sites_calendars_are_the_commands(year: Path, year_site: Path) -> None:
    """Drawn together (each event once for all), they are the bytes `mpi calendar` draws
    alone."""
    for name, args in (("partner-dgb", ["--lead", "dgb"]), ("HF3", ["--field", "HF3"]),
                       ("plan", [])):  # fmt: skip
        drawn = run("calendar", *args, plan=year).stdout_bytes
        assert (year_site / "kalender" / f"{name}.ics").read_bytes() == drawn, name
