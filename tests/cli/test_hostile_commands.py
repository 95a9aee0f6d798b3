"""Every command that loads a plan fails on hostile files the way validate does."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import break_plan, mpi

HF1 = "hf1-flaechen.yaml"

CASES = {
    "alias-bomb": ("vision: Eine Vision.", 'vision: &a ["x"]\nagreements: [*a, *a, *a]', 1),
    "python-tag": ("vision: Eine Vision.", "vision: !!python/object/apply:os.system [ls]", 1),
    "deep-nesting": ("vision: Eine Vision.", "vision: " + "[" * 5000 + "]" * 5000, 1),
    "duplicate-key": ("vision: Eine Vision.", "vision: Eine Vision.\nvision: Zwei.", 1),
    "bad-utf8": ("vision: Eine Vision.", "vision: \udcff", 1),
}
COMMANDS = [
    ["status"],
    ["list"],
    ["show", "HF1.1"],
    ["due"],
    ["timeline"],
    ["report"],
    ["calendar"],
    ["note", "HF1.1", "x"],
    ["set", "HF1.1", "--status", "done"],
    ["record", "flaechenreserve", "5"],
    ["milestone", "HF1.2", "stufe-1", "done"],
]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_commands_refuse_hostile_plan(mini: Path, case: str, command: list[str]) -> None:
    old, new, code = CASES[case]
    path = mini / "plan.yaml"
    text = path.read_text(encoding="utf-8").replace(old, new)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = {p.name: p.read_bytes() for p in mini.glob("*.yaml")}
    result = mpi(*command, plan=mini, code=code)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "plan.yaml:" in result.stderr
    assert {p.name: p.read_bytes() for p in mini.glob("*.yaml")} == before


def test_symlinked_field_file_is_refused_by_queries(mini: Path) -> None:
    target = mini / HF1
    link = mini / "hf3-link.yaml"
    link.symlink_to(target)
    result = mpi("status", plan=mini, code=2)
    assert "hf3-link.yaml:1:1: error: is a symbolic link" in result.stderr


def test_invalid_field_file_makes_queries_exit_1(mini: Path) -> None:
    break_plan(mini, HF1, "    status: ongoing", "    status: kaputt")
    result = mpi("due", plan=mini, code=1)
    assert "hf1-flaechen.yaml:22:13: error: " in result.stderr and "  [schema]" in result.stderr
