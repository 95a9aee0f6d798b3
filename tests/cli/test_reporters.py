"""Who said it: `--by PARTNER` on the commands that record progress, `by:` on the log entry
and the recorded value, and the partner named where the entry is shown."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from helpers import adopted_copy, commit, mpi

run = partial(mpi, lang="de", today="2027-06-02")


def test_a_note_by_a_partner_is_logged_with_it_and_shown_with_its_name(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    run("note", "HF4.1", "Ausbildungsmonitor vorgelegt", "--by", "DGB Nord", plan=plan)
    text = (plan / "hf4-arbeit-bildung-und-qualifizierung.yaml").read_text(encoding="utf-8")
    assert (
        "      - date: '2027-06-02'\n        text: Ausbildungsmonitor vorgelegt\n        by: dgb\n"
    ) in text
    shown = run("show", "HF4.1", plan=plan).stdout
    assert "Sachstand DGB Nord, 02.06.2027: Ausbildungsmonitor vorgelegt" in shown
    detail = json.loads(run("show", "HF4.1", "--format", "json", plan=plan).stdout)
    assert detail["updates"][-1]["by"] == "dgb"
    diff = run("diff", "HEAD", plan=plan).stdout
    assert "HF4.1 Ausbildung, Berufsorientierung und Durchlässigkeit: Sachstand DGB Nord, " in diff
    commit(tmp_path, "gemeldet")
    briefing = run("round", "--since", "beschlossen-2023", plan=plan).stdout
    assert "Sachstand DGB Nord, 02.06.2027: Ausbildungsmonitor vorgelegt" in briefing


def test_status_milestone_and_value_carry_who_reported_them(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    run("set", "HF4.2", "--status", "in Umsetzung", "--by", "hk", plan=plan)
    run("record", "elektrolyseur-leistung", "100", "--by", "ivh", plan=plan)
    run("milestone", "HF5.2", "spitzengespraech", "done", "--occurrence", "2023",
        "--by", "Senat", plan=plan)  # fmt: skip
    texts = "".join(p.read_text(encoding="utf-8") for p in plan.glob("hf*.yaml"))
    assert "status: in_progress\n        by: hk\n" in texts
    assert "value: 100\n            by: ivh\n" in texts
    assert "by: bwi\n" in texts
    assert run("validate", plan=plan).exit_code == 0


def test_an_unknown_reporter_is_refused_and_nothing_written(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    before = {p: p.read_bytes() for p in plan.glob("*.yaml")}
    out = run("note", "HF4.1", "Text", "--by", "DGX", plan=plan, code=2)
    assert "--by: unbekannter Partner 'DGX'; gemeint ist vielleicht dgb?" in out.stderr
    assert before == {p: p.read_bytes() for p in plan.glob("*.yaml")}


def test_a_reporter_written_by_hand_must_be_a_partner(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    path = plan / "hf4-arbeit-bildung-und-qualifizierung.yaml"
    text = path.read_text(encoding="utf-8")
    entry = "    updates:\n      - {date: 2026-05-04, text: Bericht, by: gewerkschaft}\n"
    path.write_text(text.replace("    updates: []\n", entry, 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index(entry.splitlines()[1]) + 1
    out = run("validate", plan=plan, code=1)
    assert f"hf4-arbeit-bildung-und-qualifizierung.yaml:{line}:47" in out.stdout
    assert "gemeldet von 'gewerkschaft': kein Partner des Plans" in out.stdout


def test_a_value_records_the_period_it_refers_to_apart_from_its_day(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    out = run("record", "elektrolyseur-leistung", "120", "--period", "2026", "--date",
              "10.03.2027", "--by", "hk", plan=plan)  # fmt: skip
    assert "120 MW für 2026, erfasst am 10.03.2027" in out.stderr
    text = (plan / "hf3-klima-energie-und-umwelt.yaml").read_text(encoding="utf-8")
    assert "- date: '2027-03-10'\n            value: 120\n            period: 2026\n" in text
    assert "Indikator „Leistung" in text and "120 MW (für 2026) (Stand 10.03.2027)" in text
    rows = json.loads(run("indicators", "--format", "json", plan=plan).stdout)
    row = next(r for r in rows if r["id"] == "elektrolyseur-leistung")
    assert (row["last_date"], row["last_period"]) == ("2027-03-10", "2026")
    assert "\tMW\t\t\t120\t2026\t" in run("indicators", plan=plan).stdout  # the period, bare
    out = run("record", "elektrolyseur-leistung", "1", "--period", "2028", plan=plan, code=2)
    assert "--period: ein Wert für 2028 kann am 02.06.2027 noch nicht bekannt sein" in out.stderr
