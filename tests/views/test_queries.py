"""status, list, show, due, timeline: selection rules, golden output, errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from functools import partial

import pytest

from helpers import MINI, SHIPPED, TODAY, TODAY_DATE, mpi
from mpi.domain.words import natural_key
from mpi.loading.load import load_plan, require_plan
from mpi.views.due import all_due
from mpi.views.status import status


@pytest.fixture(scope="module")
def plan():
    return require_plan(load_plan(MINI))


@pytest.fixture(autouse=True)
def fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # text as on a terminal (tables), not piped
    monkeypatch.delenv("MPI_PLAN", raising=False)


run = partial(mpi, plan=MINI, today=TODAY)  # `mpi ARGS` on the mini plan, on the test day


# --- golden output -------------------------------------------------------------------------

GOLDEN_CASES = {
    "status.txt": ["status"],
    "status.json": ["status", "--format", "json"],
    "status.md": ["status", "--format", "markdown"],
    "list.txt": ["list"],
    "list.json": ["list", "--format", "json"],
    "show-HF1.2.txt": ["show", "HF1.2"],
    "show-HF1.2.json": ["show", "HF1.2", "--format", "json"],
    "show-HF1.1.md": ["show", "HF1.1", "--format", "markdown"],
    "due-2030.txt": ["due", "--year", "2030"],
    "due-all.json": ["due", "--all", "--before", "2027"],
    "due-all.csv": ["due", "--all", "--before", "2027", "--format", "csv"],
    "timeline.txt": ["timeline"],
    "timeline.json": ["timeline", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_output(name: str, golden) -> None:
    golden(name, run(*GOLDEN_CASES[name]).stdout)


def test_text_output_has_no_escape_codes_when_piped() -> None:
    for args in GOLDEN_CASES.values():
        assert "\x1b" not in run(*args).stdout


def test_wide_terminal_keeps_ids_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    for width in ("80", "200"):
        monkeypatch.setenv("COLUMNS", width)
        out = run("due", "--all").stdout
        assert all(len(line) <= int(width) for line in out.splitlines())
        assert "HF1.2 " in out and "HF2.1 " in out


# --- due -------------------------------------------------------------------------------------


def test_due_year_and_json_shape() -> None:
    rows = json.loads(run("due", "--year", "2030", "--format", "json").stdout)
    assert [(r["measure"], r["due"]) for r in rows] == [
        ("HF1.2", "2030-06"),
        ("HF1.2", "2030-12"),
        ("HF1.2", "2030"),
    ]
    assert set(rows[0]) >= {"measure", "field", "title", "due", "status", "overdue"}
    assert rows[2] == {
        "measure": "HF1.2",
        "field": "HF1",
        "owner": "HF1.2",
        "milestone": "stufe-1",
        "title": "Ausbaustufe 1",
        "due": "2030",
        "kind": "by",
        "status": "open",
        "overdue": False,
        "delayed": False,
        "recurring": False,
        "occurrence": None,
        "done": None,
        "note": None,
        "condition": None,
        "party": None,
        "aspiration": False,
        "state": "open",
        "basis": "stated",
        "quote": "Ausbaustufe 1 bis 2030",
        "derivation": None,
    }
    assert (rows[0]["occurrence"], rows[0]["basis"]) == ("2030-06", "derived")


def test_plan_level_milestone_has_null_measure() -> None:
    rows = json.loads(run("due", "--year", "2028", "--format", "json").stdout)
    evaluation = [r for r in rows if r["milestone"] == "evaluation"]
    assert evaluation and evaluation[0]["measure"] is None and evaluation[0]["field"] is None


def test_recurring_expands_each_half_year_to_horizon(plan) -> None:
    rows = [r for r in all_due(plan, TODAY_DATE) if r.milestone == "bericht"]
    assert rows[0].due.iso() == "2023-06" and rows[-1].due.iso() == "2045-12"
    assert len(rows) == 46


def test_overdue_relative_to_today() -> None:
    early = json.loads(run("due", "--overdue", "--format", "json").stdout)
    assert {r["due"] for r in early} == {
        "2023-06",
        "2023-12",
        "2024-06",
        "2024-12",
        "2025-06",
        "2025-12",
        "2026-06",
    }
    result = mpi("due", "--overdue", "--today", "2031-01-01", "--format", "json", plan=MINI)
    late = json.loads(result.stdout)
    assert ("HF1.2", "2030") in {(r["measure"], r["due"]) for r in late}
    assert all(r["overdue"] for r in late)


def test_within_span() -> None:
    rows = json.loads(run("due", "--within", "6m", "--format", "json").stdout)
    assert [(r["measure"], r["due"]) for r in rows] == [
        ("HF1.2", "2026-12"),
        ("HF2.1", "2026"),
        ("HF1.2", "2027-06"),
        ("HF2.1", "2027"),  # "ab 2027": a start in 2027, whose period begins within six months
    ]


def test_before_and_all_include_done() -> None:
    rows = json.loads(run("due", "--all", "--before", "2023", "--format", "json").stdout)
    assert [(r["milestone"], r["status"], r["done"]) for r in rows] == [
        ("fabcity", "done", "2019-06")
    ]
    assert json.loads(run("due", "--before", "2023", "--format", "json").stdout) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--year", "2030", "--overdue"], "choose one of --year, --before, --within"),
        (["due", "--overdue", "--all"], "drop --all"),
        (["due", "--before", "2030-13"], "--before: '2030-13' has no month 13"),
        (["due", "--within", "soon"], "--within: 'soon' is not a span"),
        (["due", "--year", "99999"], "outside 1900-2100"),
        (["due", "--field", "HF9"], "unknown Handlungsfeld 'HF9'"),
        (["show", "HF1.20"], "unknown measure 'HF1.20'; did you mean HF1.2?"),
        (["list", "--status", "finished"], "--status: unknown status 'finished'"),
        (["list", "--partner", "bw"], "unknown partner 'bw'; did you mean bwi? (the partners: bwi"),
        (["list", "--goal", "HF1.IV"], "unknown goal"),
        (["status", "--format", "xml"], "'xml' is not one of 'text', 'json', 'csv', 'markdown'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = mpi(*args, "--today", TODAY, plan=MINI, today=TODAY, code=2)
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_today_is_usage_error() -> None:
    result = mpi("status", "--today", "2026-02-30", plan=MINI, code=2)
    assert "--today" in result.stderr


def test_query_on_invalid_plan_exits_1(mini) -> None:
    from helpers import break_plan

    break_plan(mini, "hf1-flaechen.yaml", "    status: ongoing", "    status: underway")
    result = mpi("status", plan=mini, code=1)
    assert "hf1-flaechen.yaml:22:13: error: " in result.stderr and "  [schema]" in result.stderr


# --- list ------------------------------------------------------------------------------------


def test_natural_order() -> None:
    assert sorted(["HF1.10", "HF1.2", "HF2.1", "HF1.1"], key=natural_key) == [
        "HF1.1",
        "HF1.2",
        "HF1.10",
        "HF2.1",
    ]


@pytest.mark.parametrize("text", ["flachen", "flaechen", "FLÄCHEN", "Flächen"])
def test_search_ignores_case_and_umlauts(text: str) -> None:
    rows = json.loads(run("list", "--search", text, "--format", "json").stdout)
    assert [r["id"] for r in rows] == ["HF1.1"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("grüner Wasserstoff", True),  # another inflection: grünem Wasserstoff
        ("Wasserstoff grüner", True),  # all words, any order
        ("GRUENEN wasserstoffs", True),  # umlaut spelled out, genitive
        ("Flächen", True),  # inside a compound: Industrieflächen
        ("Versorgung mit grünem Wasserstoff", True),  # the title as written
        ("grüner Stahl", False),  # every word must be there
        ("HF1.15", True),  # an id as written
        ("HF1.155", False),
    ],
)
def test_search_finds_every_word_in_any_form(query: str, found: bool) -> None:
    """Issue 31, point 22: "grüner Wasserstoff" finds the measure on "grünem Wasserstoff"."""
    from mpi.domain.words import matches

    text = "HF1.15 Versorgung mit grünem Wasserstoff\nIndustrieflächen und Netze"
    assert matches(query, text) is found


def test_search_finds_inflected_words_in_the_shipped_plan() -> None:
    args = ["list", "--search", "grüner Wasserstoff", "--format", "json"]
    rows = json.loads(mpi(*args, plan=SHIPPED).stdout)
    assert "HF1.15" in [r["id"] for r in rows]
    help_text = " ".join(mpi("list", "--help").stdout.split())
    assert "all of them, anywhere in the measure and in any order" in help_text


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--field", "hf2"], ["HF2.1"]),
        (["--status", "planned"], ["HF1.2", "HF2.1"]),
        (["--partner", "hk"], ["HF1.2", "HF2.1"]),
        (["--tag", "wasserstoff"], ["HF1.2"]),
        (["--goal", "HF1.I"], ["HF1.1"]),
        (["--field", "HF1", "--status", "planned"], ["HF1.2"]),
        (["--search", "hh-win"], ["HF1.2"]),
    ],
)
def test_list_filters(args: list[str], ids: list[str]) -> None:
    rows = json.loads(run("list", *args, "--format", "json").stdout)
    assert [r["id"] for r in rows] == ids
    assert all(set(r) >= {"id", "field", "title", "status"} for r in rows)


def test_list_csv_parses() -> None:
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["HF1.1", "HF1.2", "HF2.1"]
    assert rows[1]["lead"] == "bwi; hk"


# --- status ------------------------------------------------------------------------------------


def test_status_counts(plan) -> None:
    summary = status(plan, TODAY_DATE)
    hf1 = summary.fields[0]
    assert (hf1.measures, dict(hf1.by_status)) == (2, {"ongoing": 1, "planned": 1})
    assert (hf1.open_milestones, hf1.overdue_milestones, hf1.overdue) == (3, 1, 7)
    assert hf1.next_due is not None and hf1.next_due.due.iso() == "2026-12"
    assert [r.due.iso() for r in summary.next_deadlines] == [
        "2026-12",
        "2026",
        "2027-06",
        "2027-12",
        "2027",
    ]
    assert summary.totals.measures == 3
    assert [(line.row.due.iso(), line.occurrences) for line in summary.late] == [("2023-06", 7)]
    later = status(plan, date(2027, 3, 1))
    assert (later.totals.overdue, later.totals.delayed) == (8, 1)  # "voraussichtlich 2026"


def test_status_of_shipped_plan() -> None:
    result = mpi("status", "--format", "json", "--today", TODAY, plan=SHIPPED)
    data = json.loads(result.stdout)
    assert [f["measures"] for f in data["fields"]] == [17, 12, 10, 8, 4]
    assert data["totals"]["measures"] == 51


def test_shipped_plan_queries_work() -> None:
    for args in (["show", "HF1.10"], ["due", "--year", "2030"], ["timeline"], ["list"]):
        mpi(*args, "--today", TODAY, plan=SHIPPED)


def test_show_lists_everything_about_a_measure() -> None:
    data = json.loads(run("show", "hf1.1", "--format", "json").stdout)
    assert data["id"] == "HF1.1" and data["section_title"] == "Flächen"
    assert data["goals"] == [
        {
            "id": "HF1.I",
            "text": "Industrieflächen erhalten",
            "basis": "inferred",
            "quote": None,
            "derivation": "nach dem Inhalt der Maßnahme zugeordnet",
        }
    ]
    assert data["lead"] == [{"id": "bwi", "name": "Senat/BWI"}]
    [ind] = data["indicators"]
    assert (ind["baseline"], ind["target"], ind["last_value"]) == (
        {
            "value": 100.0,
            "year": 2023,
            "bound": None,
            "basis": "derived",
            "quote": "Wie bisher sind 100 Hektar",
            "derivation": "Stand 2023",
        },
        {
            "value": 100.0,
            "year": "permanent",
            "aspiration": False,
            "basis": "stated",
            "quote": "100 Hektar bereitzuhalten",
            "derivation": None,
        },
        None,
    )
