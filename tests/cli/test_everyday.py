"""Everyday use: ids you can find, a useful default for due, help that fits."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from helpers import SHIPPED, TODAY, mpi, repository, words
from mpi.loading.load import load_plan, require_plan


def test_show_gives_the_ids_milestone_and_record_take(mini: Path) -> None:
    out = mpi("show", "HF1.1", plan=mini).stdout
    assert "flaechenreserve" in out
    out = mpi("show", "HF1.2", "--today", TODAY, plan=mini).stdout
    assert "1   stufe-1" in out and "3   bericht" in out


def test_an_indicator_is_found_by_its_start_or_its_measure(mini: Path) -> None:
    hint = mpi("record", "flaechen", "1", plan=mini, code=2)
    assert "did you mean flaechenreserve?" in hint.stderr
    mpi("record", "HF1.1", "99", "--date", "2026-01-10", plan=mini)
    values = require_plan(load_plan(mini)).fields[0].measures[0].indicators[0].values
    assert [v.value for v in values] == [99.0]
    none = mpi("record", "HF1.2", "1", plan=mini, code=2)
    assert "HF1.2 has 0 indicators (none)" in none.stderr


def test_due_without_options_lists_overdue_and_the_next_twelve_months() -> None:
    args = ["due", "--plan", str(SHIPPED), "--today", TODAY, "--format", "json"]
    rows = json.loads(mpi(*args).stdout)
    everything = json.loads(mpi(*args, "--all").stdout)
    assert rows and len(rows) < len(everything)
    limit = date(2027, 12, 7).isoformat()
    for row in rows:
        assert row["overdue"] or (row["status"] == "open" and row["due"][:7] <= limit[:7])
    overdue = json.loads(mpi(*args, "--overdue").stdout)
    assert all(r in rows for r in overdue)


def test_every_command_has_a_short_help_that_fits() -> None:
    out = mpi("--help").stdout
    commands = out.split("Commands:", 1)[1].strip().splitlines()
    from mpi.cli.app import COMMANDS

    assert len(commands) == len(COMMANDS)
    for line in commands:
        assert len(line) <= 80 and not line.rstrip().endswith("..."), line


def test_tables_never_cut_an_id_a_date_or_a_status(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # as on a terminal
    for width in ("80", "100", "160"):
        monkeypatch.setenv("COLUMNS", width)
        out = mpi("list", "--field", "HF1", "--today", TODAY, plan=SHIPPED).stdout
        lines = out.splitlines()
        assert all(len(line) <= int(width) for line in lines)
        row = next(line for line in lines if line.startswith("HF1.10 "))
        assert "! 2023-12" in row and "ongoing" in row, row  # its oldest overdue deadline
        row = next(line for line in lines if line.startswith("HF1.15 "))
        assert "2030" in row and "planned" in row, row
        assert sum(line.startswith("HF1.") for line in lines) == 17
        due = mpi("due", "--today", TODAY, plan=SHIPPED).stdout
        assert "overdue" in due and all(len(line) <= int(width) for line in due.splitlines())


def test_piped_text_is_one_record_per_line() -> None:
    """Not a terminal: tab-separated records, nothing wrapped or padded, so grep, cut, wc work."""
    args = ["--plan", str(SHIPPED), "--today", TODAY]
    lines = mpi("list", *args).stdout.splitlines()
    records = [line.split("\t") for line in lines]
    assert len(lines) == 51 and all(len(r) == 6 for r in records)
    assert all(cell == cell.strip() for r in records for cell in r)
    # an empty cell is empty in every column, never "–" in one and blank in another
    assert "–" not in {cell for r in records for cell in r} and [r[3] for r in records].count("")
    assert any(r[-1] == "" for r in records)
    hf110 = next(line for line in lines if line.startswith("HF1.10\t")).split("\t")
    assert hf110[1] == "ongoing" and hf110[-1] == "! 2023-12"
    assert any("Industriegebiete" in line and line.startswith("HF1.6\t") for line in lines)
    due = mpi("due", *args).stdout.splitlines()
    assert due and all(len(line.split("\t")) == 8 for line in due)
    status = mpi("status", *args).stdout.splitlines()
    assert status[0].startswith("HF1\t") and any(line.startswith("total\t") for line in status)
    timeline = mpi("timeline", *args).stdout.splitlines()
    assert all(line[:4].isdigit() and line[4] == "\t" for line in timeline)
    show = mpi("show", "HF1.10", *args).stdout.splitlines()
    assert all(line == line.rstrip() for line in show)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_body_is_headed_by_its_name_not_its_slug(fmt: str) -> None:
    """`mpi show evaluation`: the reader typed the id; the heading is the name, and a footnote
    does not say the id twice ("evaluation evaluation")."""
    args = ["--plan", str(SHIPPED), "--today", TODAY, "--lang", "de", "-f", fmt]
    out = mpi("show", "evaluation", *args).stdout
    assert out.splitlines()[0].lstrip("# ") == "Evaluation"
    assert "evaluation evaluation" not in out and "evaluation: " in out
    plan = mpi("show", "plan", *args).stdout
    assert plan.splitlines()[0].lstrip("# ") == "Hamburger Masterplan Industrie 2023"
    assert "buendnis buendnis" not in mpi("show", "buendnis", *args).stdout


def test_an_empty_cell_reads_the_same_in_every_column(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the terminal an empty cell is "–" in every column (lead, tags, deadline)."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "160")
    out = mpi("list", "--field", "HF1", "--plan", str(SHIPPED), "--today", TODAY).stdout
    hf11 = next(line for line in out.splitlines() if line.startswith("HF1.1 "))
    assert hf11.split()[-1] == "–" and "   –   " in hf11.rstrip()[: -len("–")]


def test_a_quote_inside_a_quote_is_single(tmp_path: Path) -> None:
    """„… ‚…‘ …“, not „… „…““: in a date's source and in the log an edit writes; the round
    still finds the log line it wrote for a title that holds quotes, and a line written the
    old way."""
    from mpi.domain.words import names

    args = ["--today", TODAY, "--lang", "de"]
    shown = mpi("show", "buendnis", "--plan", str(SHIPPED), *args).stdout
    assert "‚Bündnis für die Industrie der Zukunft‘.“" in words(shown) and "„„" not in shown
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    mark = ["milestone", "HF2.7", "cyber-security-portfolio", "verfehlt", "--date", "2026-12-01"]
    mpi(*mark, "--plan", str(plan), "--lang", "de")
    log = mpi("show", "HF2.7", "--plan", str(plan), *args).stdout
    assert "Meilenstein „Abschluss des Projekts ‚Cyber Security Portfolio Hamburg‘“" in words(log)
    briefing = mpi("round", "--plan", str(plan), *args).stdout  # its own words for the title
    assert "„Abschluss des Projekts ‚Cyber Security Portfolio Hamburg‘“ verfehlt" in briefing
    assert "„„" not in briefing and "““" not in briefing
    title = "Abschluss des Projekts „Cyber Security Portfolio Hamburg“"
    assert names(title, "Meilenstein „Abschluss des Projekts ‚Cyber Security Portfolio Hamburg‘“")
    assert names(title, f"Meilenstein „{title}“: offen → verfehlt")
    assert not names(title, "Meilenstein „Abschluss des Projekts“")


def test_every_format_of_list_names_partners_as_people_do(tmp_path: Path) -> None:
    """Markdown and the workbook show "Senat/BWI" where the terminal does, never the id."""
    from openpyxl import load_workbook

    args = ["--plan", str(SHIPPED), "--today", TODAY, "--lang", "de"]
    md = mpi("list", "--field", "HF1", "-f", "markdown", *args).stdout
    assert "| HF1.2 | laufend | Flächen weiterentwickeln | Senat/BWI |" in md and "bwi" not in md
    assert "| HF1.1 | laufend | Bestehende Industrieflächen erhalten und entwickeln | – |" in md
    mpi("list", "-o", str(tmp_path / "l.xlsx"), *args)
    cells = {c.value for row in load_workbook(tmp_path / "l.xlsx").active.iter_rows() for c in row}
    assert "Senat/BWI" in cells and "bwi" not in cells


@pytest.mark.parametrize("lang", ["de", "en"])
def test_diff_and_history_wrap_under_their_text_at_80_columns(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = repository(tmp_path, SHIPPED, "v1")
    hf1 = plan / "hf1-flaechen-und-infrastruktur.yaml"
    text = hf1.read_text(encoding="utf-8")
    hf1.write_text(text.replace("    lead: [bwi]\n", "    lead: []\n", 1), encoding="utf-8")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    out = mpi("diff", "--plan", str(plan), "--lang", lang, today=TODAY).stdout
    rows = out.splitlines()
    assert all(len(r) <= 80 for r in rows) and len(rows) >= 3, out
    assert rows[1].startswith("! HF1.2") and rows[2].startswith("  ")  # under its text
    assert "Senat/BWI → –" in words(out) and "bwi" not in out
    monkeypatch.delenv("TTY_COMPATIBLE")
    piped = mpi("diff", "--plan", str(plan), "--lang", lang, today=TODAY).stdout
    assert len(piped.splitlines()) == 2  # the heading and one whole line


def test_history_and_totals_name_without_ids() -> None:
    """`mpi history evaluation` is the history of "Evaluation", not of "evaluation Evaluation";
    the totals row says "Gesamt" once."""
    from mpi.views.history import History

    assert History("evaluation", "Evaluation", None, None, [], []).name == "Evaluation"
    measure = History("HF1.15", "Versorgung mit grünem Wasserstoff", None, None, [], [])
    assert measure.name == "HF1.15 Versorgung mit grünem Wasserstoff"
    md = mpi("status", "-f", "markdown", "--plan", str(SHIPPED), "--today", TODAY, "--lang", "de")
    assert "| gesamt |" not in md.stdout and "|  | Gesamt |" in md.stdout
