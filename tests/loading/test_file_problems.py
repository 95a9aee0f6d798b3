"""What a new user trips on in a plan file, said as what it is (issue 31, point 13): a merge
conflict left in a file, a line indented wrongly, a file of mixed line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import break_plan, mpi

HF1 = "hf1-flaechen.yaml"
CONFLICT = "<<<<<<< HEAD\n    status: planned\n=======\n    status: ongoing\n>>>>>>> partner-hk\n"


def shown(plan: Path, output: str) -> list[str]:
    """The lines of `output`, the plan's files named as `plan/FILE`."""
    return output.replace(f"{plan.parent}/", "").splitlines()


@pytest.mark.parametrize("command", [["validate"], ["status"], ["show", "HF1.2"]])
def test_a_merge_conflict_is_one_message_in_every_command(mini: Path, command: list[str]) -> None:
    break_plan(mini, HF1, "    status: planned\n    tags", CONFLICT + "    tags")
    line = (mini / HF1).read_text(encoding="utf-8").splitlines().index("<<<<<<< HEAD") + 1
    result = mpi(*command, plan=mini, lang="de", code=1)
    said = [s for s in shown(mini, result.stdout + result.stderr) if "Konflikt" in s]
    assert said == [
        f"plan/{HF1}:{line}:1: Fehler: Git-Konfliktmarkierung in Zeile {line}: "
        "Merge-Konflikt auflösen (die richtigen Zeilen zwischen <<<<<<<, ======= und >>>>>>> "
        "behalten, die Markierungszeilen löschen)  [merge-conflict]"
    ]
    assert "YAML" not in result.stdout + result.stderr


def test_a_lone_conflict_marker_inside_a_text_is_found(mini: Path) -> None:
    # Git leaves `=======` at the start of a line; inside a folded text the rest may read on.
    text = "    status: planned\n    remark: >-\n      eins\n=======\n      zwei\n"
    break_plan(mini, HF1, "    status: planned\n", text)
    result = mpi("validate", plan=mini, code=1)
    assert shown(mini, result.stdout)[0].startswith(
        f"plan/{HF1}:42:1: error: git conflict marker in line 42: resolve the merge conflict"
    )


def test_a_line_indented_wrongly_is_said_to_be_indented_wrongly(mini: Path) -> None:
    break_plan(mini, HF1, "    status: planned\n    tags", "   status: planned\n    tags")
    result = mpi("validate", plan=mini, lang="de", code=1)
    assert shown(mini, result.stdout) == [
        f"plan/{HF1}:39:4: Fehler: falsche Einrückung: die Zeile beginnt nach 3 "
        "Leerzeichen, Schlüssel beginnen hier nach 0 oder 4 und Listeneinträge („- “) nach 2"
        "  [indentation]"
    ]


def test_mixed_line_endings_are_reported_by_validate_and_named_by_the_edit(mini: Path) -> None:
    path = mini / HF1
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(
        b"\n".join(line + b"\r" if 30 <= i < 40 else line for i, line in enumerate(lines))
    )
    result = mpi("validate", plan=mini, lang="de")  # readable: a warning, not an error
    assert shown(mini, result.stdout)[:1] == [
        f"plan/{HF1}:31:1: Warnung: die Datei mischt Windows- (CRLF) und "
        "Unix-Zeilenenden (LF) ab dieser Zeile; mpi liest sie, bearbeitet sie aber nicht: die "
        "Datei mit einer Art von Zeilenende speichern  [line-endings]"
    ]
    before = path.read_bytes()
    refused = mpi("note", "HF1.1", "Gespräch", plan=mini, lang="de", code=1)
    assert shown(mini, refused.stderr)[0].startswith(
        f"mpi: plan/{HF1}:31: die Datei mischt Windows- (CRLF)"
    )
    assert path.read_bytes() == before
