"""Edits change only the bytes they edit, in files of any style; what they write reads back."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
import yaml

from helpers import MINI, mpi
from mpi.domain.dates import current_day
from mpi.loading.load import load_plan, require_plan
from mpi.loading.sources import read_source

HF1 = "hf1-flaechen.yaml"
EDITS = [
    ["note", "HF1.1", "Notiz mit: Doppelpunkt", "--date", "2026-01-10"],
    ["set", "HF1.2", "--status", "in_progress", "--date", "2026-02-01"],
    ["milestone", "HF1.2", "stufe-1", "done", "--date", "2026-03-01"],
    ["milestone", "HF1.2", "bericht", "done", "--occurrence", "2026-06", "--date", "2026-05-10"],
    ["milestone", "HF1.2", "bericht", "missed", "--occurrence", "2025-12", "--date", "2026-05-11"],
    ["milestone", "HF1.2", "bericht", "done", "--occurrence", "2025-12", "--date", "2026-05-12"],
    ["milestone", "HF1.2", "bericht", "open", "--occurrence", "2025-12", "--date", "2026-05-13"],
    ["record", "flaechenreserve", "97,5", "--date", "2026-06-30", "--source", "Amt"],
    ["note", "HF1.1", "zweite Notiz", "--date", "2026-07-01"],
]


def pyyaml_style(text: str, indent: int) -> str:
    """The same data as PyYAML writes it: lists flush with their key, other indentation."""
    data = json.loads(json.dumps(read_source(Path("x"), text)[0].tree))
    return yaml.safe_dump(data, indent=indent, sort_keys=False, allow_unicode=True, width=4096)


STYLES = {
    "as shipped": lambda t: t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "pyyaml, 2 spaces": lambda t: pyyaml_style(t, 2),
    "pyyaml, 4 spaces": lambda t: pyyaml_style(t, 4),
    "document end and directive": lambda t: "%YAML 1.2\n---\n" + t + "...\n",
    "timestamp-like title": lambda t: t.replace(
        "title: Flächen und Infrastruktur", "title: 2024-01-01 10:00:00Z"
    ),
    "long line": lambda t: t.replace(
        "text: Das Wasserstoffnetz HH-WIN wird aufgebaut",
        "text: Das Wasserstoffnetz HH-WIN wird aufgebaut" + " sehr lang" * 80,
    ),
}


def changes(before: str, after: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [
        (op, a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    ]


@pytest.mark.parametrize("style", STYLES)
def test_every_edit_keeps_every_other_byte(mini: Path, style: str) -> None:
    path = mini / HF1
    path.write_bytes(STYLES[style](path.read_text(encoding="utf-8")).encode("utf-8"))
    mpi("validate", plan=mini)
    for args in EDITS:
        before = path.read_bytes().decode("utf-8")
        mpi(*args, plan=mini)
        after = path.read_bytes().decode("utf-8")
        for op, old, new in changes(before, after):
            # Only lines that say what the command set may go; everything else is inserted.
            removed = [re.sub(r"^-\s+", "- ", line.strip()) for line in old]
            said = ("status:", "updates:", "- status:", "recurrence:", "occurrences:", "- due:")
            assert all(
                line.startswith(said) or line.endswith("[]") or "done: '2026-05" in line
                for line in removed
            ), (style, args, op, old, new)
        if "\r\n" in before:
            assert after.count("\n") == after.count("\r\n"), "line endings stay CRLF"
    plan = require_plan(load_plan(mini))
    hf11, hf12 = plan.fields[0].measures[:2]
    logged = {u.text: u.date for u in hf11.updates}
    assert logged["zweite Notiz"].isoformat() == "2026-07-01"
    # A value is logged the day it is recorded, naming its own date (the plan's German).
    recorded = "Indikator „Flächenreserve“: 97,5 ha (Stand 30.06.2026) (Quelle: Amt)"
    assert logged[recorded] == current_day()
    assert hf12.status == "in_progress" and hf12.milestones[0].status == "done"
    held = [(o.due.iso(), o.status, o.done.iso()) for o in hf12.milestones[2].occurrences]
    assert held == [("2026-06", "done", "2026-05-10")]
    assert hf11.indicators[0].values[-1].value == 97.5
    if style == "timestamp-like title":
        assert "title: 2024-01-01 10:00:00Z\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "Zeile eins\u0085Zeile zwei",  # NEL: a line break to YAML, kept as the character
        "zwei\nZeilen",
        "'Zitat' und \"Anführung\"",
        "# kein Kommentar",
        "- keine Liste",
        "19.5",
        "true",
        "2026-01-01",
        "Steuer \x1b[31m rot",
        "Ende mit Doppelpunkt:",
        "Tab\tim Text",
        "\u202eumgedreht",
    ],
)
def test_a_note_reads_back_exactly(mini: Path, text: str) -> None:
    mpi("note", "--date", "2026-01-10", "--plan", str(mini), "--", "HF1.1", text)
    assert require_plan(load_plan(mini)).fields[0].measures[0].updates[-1].text == text


def test_a_directive_other_than_yaml_1_2_is_refused(mini: Path) -> None:
    path = mini / HF1
    path.write_text("%YAML 1.1\n---\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = mpi("validate", plan=mini, code=1)
    assert "%YAML 1.1" in result.stdout
    before = path.read_bytes()
    note = mpi("note", "HF1.1", "x", plan=mini, code=1)
    assert "the plan on disk is invalid" in note.stderr
    assert path.read_bytes() == before


def test_mixed_line_endings_are_refused_not_rewritten(mini: Path) -> None:
    path = mini / HF1
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n", 3)
    path.write_bytes(text.encode("utf-8"))
    result = mpi("note", "HF1.1", "x", plan=mini, code=1)
    assert "mixes Windows (CRLF) and Unix (LF)" in result.stderr
    assert path.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize(
    ("value", "stored", "message"),
    [
        ("0,1", 0.1, None),
        ("-3", -3.0, None),
        ("12345678901234567890", None, "cannot be stored exactly"),
        ("1e400", None, "cannot be stored exactly"),
        ("１２", None, "must be a number"),
        ("inf", None, "finite"),
    ],
)
def test_recorded_values_are_stored_exactly_or_refused(
    mini: Path, value: str, stored: float | None, message: str | None
) -> None:
    args = ["--date", "2026-01-10", "--plan", str(mini), "--", "flaechenreserve", value]
    result = mpi("record", *args, code=None)
    if message is None:
        assert result.exit_code == 0, result.output
        assert (
            require_plan(load_plan(mini)).fields[0].measures[0].indicators[0].values[-1].value
            == stored
        )
    else:
        assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("day", ["２０２６-01-01", "2026-٠١-01", "2026-1-01"])
def test_dates_are_ascii_digits_only(mini: Path, day: str) -> None:
    result = mpi("note", "HF1.1", "x", "--date", day, plan=mini, code=2)
    assert "--date" in result.stderr


def test_a_file_changed_right_before_the_rename_is_not_overwritten(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mpi.edit.transaction as transaction

    path = mini / HF1
    real = transaction.load_plan
    calls = []

    def load_then_someone_writes(*args: object, **kwargs: object) -> object:
        loaded = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(1)
        if len(calls) == 2:  # after validating the new text, before the rename
            path.write_text(path.read_text(encoding="utf-8") + "# von Hand\n", encoding="utf-8")
        return loaded

    monkeypatch.setattr(transaction, "load_plan", load_then_someone_writes)
    result = mpi("note", "HF1.1", "x", plan=mini, code=1)
    assert "changed on disk" in result.stderr
    assert path.read_text(encoding="utf-8").endswith("# von Hand\n")
    assert "text: x" not in path.read_text(encoding="utf-8")


def test_dry_run_takes_no_lock_and_leaves_no_trace(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mpi.edit.lock as lock

    def no_lock(*_args: object) -> None:
        raise AssertionError("dry run took the lock")

    monkeypatch.setattr(lock, "plan_lock", no_lock)
    before = {p.name: p.read_bytes() for p in mini.iterdir()}
    result = mpi("note", "HF1.1", "x", "--dry-run", plan=mini)
    assert "+        text: x" in result.stdout
    assert {p.name: p.read_bytes() for p in mini.iterdir()} == before


def test_an_edit_removes_temp_files_of_killed_writers(mini: Path) -> None:
    stale = mini / f".{HF1}.mpi-999999999-0123456789ab.tmp"
    stale.write_text("half", encoding="utf-8")
    mpi("note", "HF1.1", "x", plan=mini)
    assert not stale.exists()
    assert sorted(p.name for p in mini.iterdir()) == sorted(p.name for p in MINI.iterdir())


@pytest.mark.parametrize("number", ["²", "٣", "0", "9"])
def test_a_milestone_number_that_is_not_one_is_an_unknown_milestone(
    mini: Path, number: str
) -> None:
    result = mpi("milestone", "HF1.2", number, "done", plan=mini, code=2)
    assert "has no milestone" in result.stderr
