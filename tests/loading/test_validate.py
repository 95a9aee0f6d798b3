"""`mpi validate`: each broken fixture is reported at its exact file:line:column."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import MINI, SHIPPED, break_plan, mpi

HF1 = "hf1-flaechen.yaml"
HF2 = "hf2-innovation.yaml"
PLAN = "plan.yaml"

# (id, file, old text, new text, expected line, column, code, message fragment)
BROKEN = [
    (
        "unknown-key",
        HF1,
        "    tags: [Flächen]",
        "    tag: [Flächen]",
        23,
        5,
        "schema",
        "unknown key 'tag'; did you mean 'tags'?",
    ),
    (
        "missing-key",
        HF2,
        "    status: planned\n    tags: [Innovation]",
        "    tags: [Innovation]",
        8,
        5,
        "schema",
        "missing required key 'status'",
    ),
    (
        "bad-status",
        HF1,
        "    status: ongoing",
        "    status: underway",
        22,
        13,
        "schema",
        "'planned'",
    ),
    (
        "bad-due",
        HF1,
        "        due: 2030\n",
        "        due: 2030-13\n",
        44,
        14,
        "schema",
        "has no month 13",
    ),
    (
        "due-range",
        HF1,
        "        due: 2035",
        "        due: 2235",
        50,
        14,
        "schema",
        "outside the plausible range",
    ),
    (
        "impossible-day",
        HF2,
        "        due: 2026",
        "        due: 2026-02-30",
        26,
        14,
        "schema",
        "not a calendar day",
    ),
    (
        "number-as-title",
        HF2,
        "    title: Additive Fertigung",
        "    title: 2026",
        9,
        12,
        "schema",
        "valid string",
    ),
    (
        "nan-value",
        HF1,
        "baseline: {value: 100, year: 2023,",
        "baseline: {value: .nan, year: 2023,",
        28,
        27,
        "schema",
        "finite number",
    ),
    (
        "duplicate-measure",
        HF2,
        "  - id: HF2.1",
        "  - id: HF1.2",
        8,
        9,
        "duplicate-id",
        "duplicate measure id 'HF1.2'",
    ),
    (
        "duplicate-milestone",
        HF1,
        "      - id: stufe-2",
        "      - id: stufe-1",
        48,
        13,
        "duplicate-id",
        "duplicate milestone id 'stufe-1' (first at line 42)",
    ),
    (
        "wrong-field",
        HF2,
        "  - id: HF2.1",
        "  - id: HF3.1",
        8,
        9,
        "wrong-field",
        "must start with HF2.",
    ),
    (
        "unknown-goal",
        HF1,
        "    goals: [HF1.II]",
        "    goals: [HF1.III]",
        37,
        13,
        "unknown-goal",
        "HF1 has no such goal",
    ),
    (
        "goal-of-other-field",
        HF1,
        "    goals: [HF1.II]",
        "    goals: [HF2.I]",
        37,
        13,
        "unknown-goal",
        "it belongs to HF2",
    ),
    (
        "unknown-partner",
        HF1,
        "    lead: [bwi, hk]",
        "    lead: [bwi, ihk]",
        38,
        17,
        "unknown-partner",
        "unknown partner 'ihk'",
    ),
    (
        "unknown-section",
        HF1,
        "    section: infrastruktur",
        "    section: verkehr",
        35,
        14,
        "unknown-section",
        "HF1 has no section 'verkehr'",
    ),
    (
        "missing-section",
        HF1,
        "    section: infrastruktur\n",
        "",
        33,
        5,
        "missing-section",
        "HF1.2 names no section",
    ),
    (
        "numbering-gap",
        HF1,
        "  - id: HF1.2",
        "  - id: HF1.4",
        33,
        9,
        "numbering",
        "HF1.2 to HF1.3 missing before HF1.4",
    ),
    (
        "done-without-date",
        HF1,
        "        due: 2030\n        status: open",
        "        due: 2030\n        status: done",
        45,
        17,
        "done-date",
        "has no `done` date",
    ),
    (
        "open-with-date",
        HF2,
        "        status: done\n        done: 2019-06",
        "        status: open\n        done: 2019-06",
        21,
        15,
        "done-date",
        "remove it",
    ),
    (
        "due-and-recurrence",
        HF1,
        "        recurrence: {every: half-yearly, start: 2023}",
        "        due: 2024\n        recurrence: {every: half-yearly, start: 2023}",
        56,
        21,
        "milestone-due",
        "has both",
    ),
    (
        "neither-due-nor-recurrence",
        HF1,
        "        due: 2035\n",
        "",
        48,
        9,
        "milestone-due",
        "needs `due` or `recurrence`",
    ),
    (
        "recurrence-ends-early",
        HF1,
        "{every: half-yearly, start: 2023}",
        "{every: half-yearly, start: 2023, end: 2021}",
        55,
        60,
        "recurrence",
        "ends (2021) before it starts (2023)",
    ),
    (
        "target-against-direction",
        HF1,
        "target: {value: 100, year: permanent,",
        "target: {value: 80, year: permanent,",
        29,
        25,
        "indicator-target",
        "target 80 lies below the baseline 100",
    ),
    (
        "duplicate-key",
        HF1,
        "    tags: [Flächen]",
        "    tags: [Flächen]\n    tags: [Klima]",
        24,
        5,
        "duplicate-key",
        "duplicate key 'tags' (first at line 23, column 5)",
    ),
    (
        "unknown-tag",
        HF1,
        "    status: ongoing",
        "    status: !custom ongoing",
        22,
        13,
        "unknown-tag",
        "unknown tag '!custom'",
    ),
    (
        "python-tag",
        PLAN,
        "vision: Eine Vision.",
        "vision: !!python/object/apply:os.system [ls]",
        11,
        9,
        "unknown-tag",
        "!!python/object/apply",
    ),
    (
        "malformed-yaml",
        HF2,
        "    text: Ein Neubau ist geplant,",
        "    text: [Ein Neubau",
        11,
        10,
        "yaml-syntax",
        "YAML syntax error",
    ),
    (
        "alias",
        PLAN,
        "vision: Eine Vision.",
        "vision: &v Eine Vision.\nagreements: [*v]",
        11,
        9,
        "alias",
        "anchors and aliases are not allowed",
    ),
    (
        "tab-indent",
        HF2,
        "    status: planned",
        "\tstatus: planned",
        13,
        1,
        "yaml-syntax",
        "tab character",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "column", "code", "fragment"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize("parser", ["libyaml", "pure"])
def test_broken_fixture_reported_at_exact_position(
    mini: Path,
    monkeypatch: pytest.MonkeyPatch,
    parser: str,
    fmt: str,
    file: str,
    old: str,
    new: str,
    line: int,
    column: int,
    code: str,
    fragment: str,
) -> None:
    monkeypatch.setenv("MPI_PURE_YAML", "1" if parser == "pure" else "0")
    break_plan(mini, file, old, new)
    result = mpi("validate", "--format", fmt, plan=mini, code=1)
    assert "Traceback" not in result.output
    if fmt == "json":
        rows = json.loads(result.stdout)
        hits = [r for r in rows if r["code"] == code and fragment in r["message"]]
        assert hits, rows
        assert (Path(hits[0]["file"]).name, hits[0]["line"], hits[0]["column"]) == (
            file,
            line,
            column,
        ), rows
        assert hits[0]["severity"] == "error"
    elif fmt == "github":
        expected = f"file={mini / file},line={line},col={column}".replace(":", "%3A")
        lines = [
            x
            for x in result.stdout.splitlines()
            if fragment.replace(",", "%2C") in x or fragment in x
        ]
        assert any(x.startswith("::error ") and expected in x for x in lines), result.stdout
    else:
        expected = f"{mini / file}:{line}:{column}: error: "
        assert any(
            x.startswith(expected) and fragment in x and x.endswith(f"  [{code}]")
            for x in result.stdout.splitlines()
        ), result.stdout


def test_mini_plan_is_valid_and_a_draft() -> None:
    """The test plan declares no adopted plan: valid, and a draft, said once."""
    result = mpi("validate", plan=MINI)
    assert "plan is valid: 0 errors, 0 warnings, 1 note in 3 files" in result.stderr
    assert result.stdout.count("the plan is a draft") == 1


def test_json_of_valid_plan_holds_only_the_draft_note() -> None:
    result = mpi("validate", "--format", "json", plan=MINI)
    [row] = json.loads(result.stdout)
    assert (row["severity"], row["code"], row["file"], row["line"]) == (
        "info",
        "draft",
        "tests/fixtures/mini/plan.yaml",
        3,
    )


def test_warning_keeps_exit_zero(mini: Path) -> None:
    break_plan(mini, HF2, "        due: 2026", "        due: 2080")
    result = mpi("validate", "--format", "json", plan=mini)
    [row] = [r for r in json.loads(result.stdout) if r["severity"] != "info"]
    assert (row["severity"], row["code"], row["line"], row["column"]) == (
        "warning",
        "date-range",
        26,
        14,
    )


def test_bad_format_is_usage_error() -> None:
    result = mpi("validate", "--format", "xml", plan=MINI, code=2)
    assert "is not one of 'text', 'json', 'github'" in result.stderr


def test_missing_plan_dir_is_usage_error(tmp_path: Path) -> None:
    result = mpi("validate", plan=tmp_path / "nope", code=2)
    assert "is not a directory" in result.stderr


def test_unreadable_file_exits_2(mini: Path) -> None:
    (mini / "hf3-x.yaml").mkdir()
    result = mpi("validate", plan=mini, code=2)
    assert "hf3-x.yaml:1:1: error: " in result.stdout and "  [not-a-file]" in result.stdout


def test_plan_found_through_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPI_PLAN", str(MINI))
    mpi("validate", "--format", "json")


def test_plan_found_in_parent_directory(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MPI_PLAN", raising=False)
    deep = mini.parent / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    break_plan(mini, PLAN, "title: Testplan Industrie", "title: Testplan Eltern")
    from mpi.loading.locate import find_plan

    assert find_plan(env={}) == mini.resolve()


def test_shipped_plan_validates() -> None:
    if not (SHIPPED / "plan.yaml").exists():
        pytest.skip("plan/ not transcribed yet")
    result = mpi("validate", "--format", "json", plan=SHIPPED)
    assert [r for r in json.loads(result.stdout) if r["severity"] == "error"] == []


def test_relative_file_names_in_messages(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    break_plan(mini, HF1, "    status: ongoing", "    status: underway")
    monkeypatch.chdir(mini.parent)
    result = mpi("validate", plan="plan", code=1)
    assert result.stdout.startswith(f"plan{os.sep}{HF1}:22:13: error: ")
    assert result.stdout.splitlines()[0].endswith("  [schema]")


def test_list_instead_of_mapping(mini: Path) -> None:
    (mini / HF2).write_text("- id: HF2\n- title: x\n", encoding="utf-8")
    result = mpi("validate", plan=mini, code=1)
    assert f"{mini / HF2}:1:1: error: the file must hold a mapping" in result.stdout
    assert "  [not-a-mapping]" in result.stdout
