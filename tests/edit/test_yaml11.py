"""Files mpi writes read alike in YAML 1.1 and 1.2 readers, and pass the shipped JSON Schemas
in both (issue 31, point 19): PyYAML and the js-yaml behind ajv-cli read an unquoted day as
a date where the schemas say text, so every edit writes a day quoted, as the file quotes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from helpers import REPO, SHIPPED, break_plan, mpi
from mpi.loading import reader

HF1 = "hf1-flaechen.yaml"
DECISION = "Koordinierungsrunde 03.12.2026, TOP 4"
EDITS = [
    ("note", "HF1.1", "Gespräch mit der Handelskammer"),
    ("note", "plan", "Vermerk zum Plan"),
    ("set", "HF1.2", "--status", "ongoing"),
    ("milestone", "HF1.2", "stufe-1", "done"),
    ("milestone", "HF1.2", "bericht", "done", "--occurrence", "2024-06"),
    ("record", "flaechenreserve", "95", "--date", "2026-11-30"),
    ("record", "flaechenreserve", "96", "--period", "2026-06-30"),
    ("reschedule", "HF1.2", "stufe-2", "2036-06-30", "--decision", DECISION),
    ("reschedule", "HF1.2", "bericht", "2030-06-30", "--decision", DECISION),
    ("retarget", "flaechenreserve", "110", "--decision", DECISION),
    ("meeting", "new", "evaluation", "2026-12-01", "--time", "10:00", "--place", "Rathaus"),
    ("meeting", "action", "2026-12-01", "Bericht", "--owner", "bwi", "--due", "2027-03-31"),
    ("meeting", "done", "2026-12-01", "1"),
    ("drop", "HF2.1", "--decision", DECISION),
    ("adopt", "--decision", "Senatsbeschluss vom 01.12.2026"),
]


def schema_errors(path: Path, data: Any) -> list[str]:
    kinds = {"plan.yaml": "plan", "adopted.yaml": "adopted", "meetings.yaml": "meetings"}
    kind = kinds.get(path.name, "field")
    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    found = jsonschema.Draft202012Validator(schema).iter_errors(data)
    return [f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def read_both_ways(path: Path) -> list[str]:
    """The file read as YAML 1.1 (PyYAML) and 1.2 (mpi), each checked against its schema."""
    text = path.read_text(encoding="utf-8")
    return schema_errors(path, yaml.safe_load(text)) + schema_errors(path, reader.parse(text))


def test_every_file_mpi_wrote_passes_its_schema_in_yaml_1_1_and_1_2(mini: Path) -> None:
    for edit in EDITS:
        mpi(*edit, plan=mini)
    written = sorted(mini.glob("*.yaml"))
    assert {p.name for p in written} >= {"meetings.yaml", "adopted.yaml", HF1}
    assert [e for p in written for e in read_both_ways(p)] == []
    text = (mini / HF1).read_text(encoding="utf-8")
    assert "  - date: '2026-11-30'\n" in text and "        due: '2036-06-30'\n" in text
    assert "end: '2030-06-30'}" in text and "        due: 2035\n" not in text


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.name)
def test_the_shipped_plan_passes_its_schemas_in_yaml_1_1_and_1_2(path: Path) -> None:
    assert read_both_ways(path) == []


def test_a_day_is_quoted_as_the_file_quotes_its_days(mini: Path) -> None:
    break_plan(mini, HF1, "    updates: []\n\n  - id: HF1.2", (
        '    updates:\n      - date: "2026-01-05"\n        text: Auftakt\n\n  - id: HF1.2'
    ))  # fmt: skip
    mpi("note", "HF1.1", "Zweites Gespräch", plan=mini)
    text = (mini / HF1).read_text(encoding="utf-8")
    assert '      - date: "2026-12-07"\n        text: Zweites Gespräch\n' in text
