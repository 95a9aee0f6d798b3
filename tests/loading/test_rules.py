"""Each cross-file rule called on its own: silent on the valid plan, exact on one break."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import MINI, SHIPPED, TODAY_DATE, break_plan
from mpi.domain.meetings import MeetingsFile
from mpi.domain.model import FieldFile, PlanFile, join
from mpi.loading import rules
from mpi.loading.locate import plan_files
from mpi.loading.rules.context import Context, Rule
from mpi.loading.schema_errors import validate_model
from mpi.loading.sources import read_source

HF1 = "hf1-flaechen.yaml"
HF2 = "hf2-innovation.yaml"
PLAN = "plan.yaml"


def context(plan_dir: Path) -> Context:
    """The context the loader feeds the rules, built from files that pass the schema."""
    plan_path, field_paths = plan_files(plan_dir)
    plan_source, problem = read_source(plan_path)
    assert problem is None
    plan_file, errors = validate_model(plan_source, PlanFile)
    assert plan_file is not None, errors
    fields = []
    for path in field_paths:
        source, problem = read_source(path)
        assert problem is None
        model, errors = validate_model(source, FieldFile)
        assert model is not None, errors
        fields.append((source, model))
    meetings, listed = None, None
    if (plan_dir / "meetings.yaml").exists():
        meetings, problem = read_source(plan_dir / "meetings.yaml")
        assert problem is None
        listed, errors = validate_model(meetings, MeetingsFile)
        assert listed is not None, errors
    plan = join(plan_file, [f for _, f in fields], listed.meetings if listed else None)
    return Context.of(plan, plan_source, fields, TODAY_DATE, meetings)


# A meeting of the mini plan's one body, with its results (written for the meeting rules).
MEETINGS = """\
meetings:
  - id: evaluation-2026-06-10
    body: evaluation
    date: 2026-06-10
    agenda:
      - title: Begrüßung
        kind: opening
      - title: Bericht
        lead: [bwi]
        items: [HF1.1]
    attendance:
      - partner: bwi
    decisions:
      - top: 2
        text: Kenntnisnahme
    actions:
      - number: 1
        text: Bericht vorlegen
        owner: bwi
        due: 2027-03-31
"""
MET = "meetings.yaml"
DROPPED = "    status: ongoing\n    tags: [Flächen]\n"


def decided(day: str, top: str) -> str:
    """HF1.1 dropped by a meeting of the evaluation body on `day`, under `top`."""
    words = f"Evaluation {'.'.join(reversed(day.split('-')))}, {top}"
    record = f"    decisions: [{{date: {day}, text: '{words}', status: dropped}}]\n"
    return DROPPED.replace("ongoing", "dropped") + record


@pytest.mark.parametrize("plan_dir", [MINI, SHIPPED], ids=["mini", "shipped"])
@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.__name__)
def test_rule_is_silent_on_a_valid_plan(rule: Rule, plan_dir: Path) -> None:
    found = [d for d in rule(context(plan_dir)) if d.severity == "error"]
    assert found == []


# (rule, file, old, new, line, column, code, message fragment)
CASES = [
    (rules.meetings_consistent, MET, "owner: bwi", "owner: bwx", 19, 16, "unknown-ref", "bwx"),
    (rules.meetings_consistent, MET, "due: 2027-03-31", "due: 2026-05-01", 20, 14, "action-date", "before"),  # noqa: E501
    (rules.meetings_consistent, MET, "top: 2", "top: 3", 14, 14, "decision-top", "TOP 3"),
    (rules.meetings_consistent, MET, "date: 2026-06-10", "date: 2026-12-10", 11, 5, "meeting-future", "not taken"),  # noqa: E501
    (rules.meetings_consistent, MET, "body: evaluation", "body: evaluaton", 3, 11, "unknown-ref", "evaluation"),  # noqa: E501
    (rules.meeting_decisions, HF1, DROPPED, decided("2026-06-11", "TOP 2"), 24, 42, "decision-meeting", "2026-06-11"),  # noqa: E501
    (rules.meeting_decisions, HF1, DROPPED, decided("2026-06-10", "TOP 7"), 24, 42, "decision-top", "TOP 7"),  # noqa: E501
    (rules.readings, HF2, "kind: start", "kind: from", 33, 15, "earliest-without-party", "party"),
    (rules.readings, HF2, "kind: history", "kind: by", 19, 15, "before-plan", "kind: history"),
    (rules.readings, HF2, "kind: expected", "kind: history", 27, 15, "history-unquoted", "no year"),
    (rules.readings, HF2, "voraussichtlich 2026 fertig\n", "2026 fertig\n", 27, 15,
     "kind-unquoted", "voraussichtlich"),
    (rules.readings, HF2, "kind: start", "kind: start\n        party: Bund", 34, 16,
     "party-unquoted", "`party`"),
    (rules.readings, HF2, "kind: start", "kind: start\n        aspiration: true", 34, 21,
     "aspiration-unquoted", "strebt"),
    (rules.readings, HF1, "quote: Wie bisher sind 100 Hektar", "quote: mehr als 100 Hektar",
     28, 19, "bound-missing", "mehr als 100"),
    (rules.unique_ids, HF1, "  - id: HF1.2\n", "  - id: HF1.1\n", 33, 9, "duplicate-id", "line 15"),
    (rules.unique_ids, HF1, "id: stufe-2", "id: stufe-1", 48, 13, "duplicate-id", "milestone"),
    (rules.unique_ids, PLAN, "  - id: hk\n", "  - id: bwi\n", 8, 9, "duplicate-id", "partner"),
    (rules.ids_match_field, HF2, "  - id: HF2.1\n", "  - id: HF1.3\n", 8, 9, "wrong-field", "HF2"),
    (rules.references_exist, HF2, "goals: [HF2.I]", "goals: [HF1.I]", 11, 13, "unknown-goal",
     "belongs to HF1"),
    (rules.references_exist, HF1, "lead: [bwi, hk]", "lead: [bwi, ivh]", 38, 17,
     "unknown-partner", "'ivh'"),
    (rules.references_exist, HF1, "section: infrastruktur", "section: hafen", 35, 14,
     "unknown-section", "'hafen'"),
    (rules.contiguous_numbers, HF1, "  - id: HF1.2\n", "  - id: HF1.4\n", 33, 9, "numbering",
     "HF1.2 to HF1.3 missing"),
    (rules.milestone_dates, HF1, "        due: 2035\n", "        due: 2035\n        status: done\n",
     51, 17, "done-date", "no `done` date"),
    (rules.recurrences, HF1, "start: 2023}", "start: 2023, end: 2022}", 55, 60, "recurrence",
     "ends (2022) before it starts"),
    (rules.recurrences, HF1, "        derivation: ab dem Beschluss 2023\n",
     "        derivation: ab dem Beschluss 2023\n        status: done\n", 59, 17, "recurrence",
     "record each occurrence"),
    (rules.recorded_occurrences, HF1, "start: 2023}\n",
     "start: 2023}\n        occurrences: [{due: 2026-11, status: done, done: 2026-11-01}]\n",
     56, 29, "occurrence", "has no occurrence 2026-11 (in 2026: 2026-06, 2026-12)"),
    (rules.finished_measures, HF1, "    status: planned", "    status: done", 39, 13,
     "open-milestone", "still open (stufe-1, stufe-2, bericht)"),
    (rules.provenance, HF1, "quote: Ausbaustufe 1 bis 2030", "quote: Ausbaustufe 1 bis 2031",
     47, 16, "quote-not-found", "not in the text the measure stores"),
    (rules.provenance, HF1, "quote: Ausbaustufe 1 bis 2030",
     "quote: Ausbaustufe 1 bis 2030\n        condition: wenn gefördert", 48, 20,
     "condition-unquoted", "the condition is not in the quote"),
    (rules.misspellings, PLAN, "preamble:",
     "misspellings: [{written: Wassrstoff, correct: x}]\npreamble:", 34, 26, "misspelling",
     "occurs nowhere"),
    (rules.dates_in_span, HF1, "        due: 2035\n", "        due: 2099\n", 50, 14, "date-range",
     "outside the plan's span"),
    (rules.indicator_targets, HF1, "target: {value: 100,", "target: {value: 90,", 29, 25,
     "indicator-target", "below the baseline 100"),
    (rules.reading_dates, HF1, "        direction: at_least\n",
     "        direction: at_least\n        values: [{date: 2027-01-01, value: 1}]\n", 31, 25,
     "reading-date", "in the future"),
    (rules.reading_dates, HF1, "        direction: at_least\n",
     "        direction: at_least\n        values: [{date: 2025-01-01, value: 1, period: 2026}]\n",
     31, 55, "reading-date", "before that period began"),
    (rules.update_log, HF2, "    updates: []", "    updates: [{date: 2027-01-01, text: x}]", 36,
     22, "update-date", "in the future"),
    (rules.decisions_identified, HF2, "    updates: []",
     "    updates: []\n    decisions: [{date: 2026-06-12, text: Runde, status: dropped}]", 37,
     42, "decision-unidentified", "does not say which decision"),
    (rules.decisions_identified, HF2, "    updates: []",
     "    updates: []\n    decisions: [{date: 2026-06-12, text: Drucksache 22/1234 vom 11.06.2026, "
     "status: dropped}]", 37, 24, "decision-date", "name 2026-06-11, its date is 2026-06-12"),
    (rules.decisions_identified, HF2, "    updates: []",
     "    updates: []\n    decisions: [{date: 2026-12-10, text: Koordinierungsrunde 10.12.2026, "
     "status: dropped}]", 37, 24, "decision-future", "lies after today"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "file", "old", "new", "line", "column", "code", "fragment"),
    CASES,
    ids=[f"{c[0].__name__}-{c[6]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_reports_one_break_at_its_place(
    mini: Path,
    rule: Rule,
    file: str,
    old: str,
    new: str,
    line: int,
    column: int,
    code: str,
    fragment: str,
) -> None:
    if rule in (rules.meetings_consistent, rules.meeting_decisions):
        (mini / "meetings.yaml").write_text(MEETINGS, encoding="utf-8")
    break_plan(mini, file, old, new)
    found = list(rule(context(mini)))
    assert len(found) == 1, found
    d = found[0]
    assert (Path(d.file).name, d.line, d.column, d.code) == (file, line, column, code)
    assert fragment in d.message


def test_every_rule_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(rules.RULES)


def test_an_occurrence_recorded_before_it_comes_round_is_an_error(mini: Path) -> None:
    break_plan(
        mini,
        HF1,
        "start: 2023}\n",
        "start: 2023}\n        occurrences: [{due: 2027-06, status: done, done: 2026-11-20}]\n",
    )
    [d] = list(rules.recorded_occurrences(context(mini)))
    assert (d.line, d.code) == (56, "occurrence")
    assert "2027-06 has not come round yet (the current one is 2026-12)" in d.message


def test_decisions_from_before_the_meetings_were_recorded_stay_as_they_are(mini: Path) -> None:
    (mini / "meetings.yaml").write_text(MEETINGS, encoding="utf-8")
    break_plan(mini, HF1, DROPPED, decided("2026-05-04", "TOP 9"))
    assert list(rules.meeting_decisions(context(mini))) == []
    # the day of the meeting on record, whose agenda has no TOP 9
    break_plan(mini, HF1, decided("2026-05-04", "TOP 9"), decided("2026-06-10", "TOP 9"))
    [found] = list(rules.meeting_decisions(context(mini)))
    assert found.code == "decision-top"
