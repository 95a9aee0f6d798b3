"""Partners' own views and repeated filters: --lead, --partner by name, --stale, --field twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, SHIPPED, TODAY, mpi

EVERY = FIXTURES / "every"


def ids(*args: str, plan: Path = EVERY) -> list[str]:
    today = [] if args[0] == "indicators" else ["--today", TODAY]  # no day in an assessment
    result = mpi(*args, *today, "--format", "json", plan=plan)
    return [row.get("id") or row.get("measure") for row in json.loads(result.stdout)]


@pytest.mark.parametrize("name", ["dgb", "DGB", "DGB Nord", "dgb nord", "DGB N"])
def test_lead_names_the_partner_by_id_short_name_or_start(name: str) -> None:
    assert ids("list", "--lead", name) == ["HF1.6"]


def test_partner_matches_lead_or_involved_and_lead_only_the_lead() -> None:
    assert ids("list", "--partner", "DGB Nord") == ["HF1.2", "HF1.6"]
    assert ids("list", "--lead", "dgb") == ["HF1.6"]
    shipped = ids("list", "--partner", "Handelskammer Hamburg", plan=SHIPPED)
    assert shipped == ids("list", "--partner", "hk", plan=SHIPPED) and len(shipped) > 10


def test_a_repeated_option_combines_its_values() -> None:
    assert ids("list", "--status", "laufend", "--status", "gefährdet") == ["HF1.3", "HF1.5"]
    assert ids("list", "--field", "HF2", "--field", "hf1") == ids("list")
    assert ids("list", "--lead", "dgb", "--lead", "bwi") == ids("list")
    assert ids("list", "--tag", "Flächen", "--tag", "innovation") == ["HF1.1", "HF1.2"]


def test_different_options_all_apply() -> None:
    assert ids("list", "--lead", "bwi", "--status", "laufend", "--status", "entfallen") == ["HF1.3"]


def test_stale_counts_from_the_last_update_or_the_end_of_the_adoption_year() -> None:
    """HF1.2 was last updated 2025-03-01; the others never (counted from 2023-12-31)."""
    open_ones = [m for m in ids("list") if m not in ("HF1.4", "HF1.6")]  # done, dropped: not
    assert ids("list", "--stale", "6m") == open_ones  # 2025-09-01 and 2024-06-30 have passed
    assert ids("list", "--stale", "2y") == [m for m in open_ones if m != "HF1.2"]  # 2027-03-01
    assert ids("list", "--stale", "3y") == []  # 2026-12-31: not yet
    result = mpi("list", "--stale", "6m", "--format", "json", plan=EVERY)
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["HF1.2"]["last_update"] == "2025-03-01" and rows["HF1.1"]["last_update"] is None


def test_due_and_indicators_take_lead_and_repeated_fields() -> None:
    assert set(ids("due", "--all", "--lead", "dgb")) == {"HF1.6"}
    assert set(ids("due", "--all", "--field", "HF2")) == {"HF2.1"}
    assert "plan" not in ids("due", "--all", "--lead", "bwi")  # the plan level has no lead
    assert ids("indicators", "--lead", "bwi") == ["flaechenreserve"]
    assert ids("indicators", "--lead", "dgb") == []
    assert ids("indicators", "--field", "HF2") == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["list", "--lead", "xyz"], "--lead: unknown partner 'xyz' (the partners: bwi (Senat/BWI)"),
        (["list", "--partner", "bw"], "--partner: unknown partner 'bw'; did you mean bwi?"),
        (["list", "--stale", "bald"], "--stale: 'bald' is not a span like 30d, 4w, 6m or 2y"),
        (["due", "--lead", "hk", "--field", "HF9"], "--field: unknown Handlungsfeld 'HF9'"),
    ],
)
def test_bad_filters_get_one_line(args: list[str], said: str) -> None:
    result = mpi(*args, plan=MINI, code=2)
    assert result.stderr.startswith("mpi: " + said), result.stderr


def test_an_ambiguous_partner_names_the_candidates(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    for source in MINI.iterdir():
        (plan / source.name).write_bytes(source.read_bytes())
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text.replace("short: Handelskammer", "short: Behörde HK"))
    result = mpi("list", "--lead", "Beh", plan=plan, code=2)
    assert "'Beh' is ambiguous: bwi or hk?" in result.stderr
