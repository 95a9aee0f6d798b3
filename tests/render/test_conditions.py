"""Rule 4 of the second reading: a date the document ties to a condition (HF1.13: "in 2030
…, wenn die dafür notwendigen Voraussetzungen … geschaffen sind") says that it is conditional
in every output that shows it: text, JSON, CSV, the calendar, the report, the round, the
site."""

from __future__ import annotations

import csv
import io
import json
from functools import partial
from pathlib import Path

from icalendar import Calendar

from helpers import SHIPPED, mpi

run = partial(mpi, plan=SHIPPED, lang="de", today="2026-12-07")
MILESTONE = "emissionsfreie-nutzfahrzeuge"
CONDITION = "wenn die dafür notwendigen Voraussetzungen gemäß der Verordnung (EU) 2019/1242"


def test_the_condition_in_text_json_and_csv() -> None:
    shown = run("show", "HF1.13").stdout
    assert "bis 2030 (bedingt)" in shown and f"Bedingung: „{CONDITION}" in " ".join(shown.split())
    due = run("due", "--year", "2030").stdout
    line = next(x for x in due.splitlines() if MILESTONE in x)
    assert "bis 2030 (bedingt)" in line
    rows = json.loads(run("due", "--year", "2030", "--format", "json").stdout)
    row = next(r for r in rows if r["milestone"] == MILESTONE)
    assert row["condition"].startswith(CONDITION) and CONDITION in " ".join(row["quote"].split())
    table = list(csv.DictReader(io.StringIO(run("due", "--year", "2030", "-f", "csv").stdout)))
    assert next(r for r in table if r["milestone"] == MILESTONE)["condition"].startswith(CONDITION)
    others = [r for r in rows if r["milestone"] != MILESTONE]
    assert others and all(r["condition"] is None for r in others)


def test_the_condition_in_the_calendar_report_and_round(tmp_path: Path) -> None:
    events = Calendar.from_ical(run("calendar").stdout).walk("VEVENT")
    event = next(e for e in events if MILESTONE in str(e.get("uid")))
    assert str(event.get("summary")).endswith("(bedingt)")
    assert "Bedingung: „wenn die dafür" in str(event.get("description"))
    report = run("report").stdout
    assert "bis 2030 (bedingt)" in report
    briefing = run("round", "--until", "31.12.2030").stdout
    assert "bis 2030 (bedingt)" in briefing


def test_the_condition_on_the_site(tmp_path: Path) -> None:
    out = tmp_path / "public"
    run("site", "-o", str(out), "--no-search")
    page = (out / "massnahmen" / "HF1.13.html").read_text(encoding="utf-8")
    assert "bis 2030 (bedingt)" in page and "Bedingung: „wenn die dafür" in page
    embed = (out / "einbetten" / "massnahmen" / "HF1.13.html").read_text(encoding="utf-8")
    assert "(bedingt)" in embed
