"""docs/json-output.md names every value a key can take: a reader of the JSON (a PR
author, a script) finds each one explained, not only the common ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mpi.domain.deadlines import STATES
from mpi.domain.words import BASES, MILESTONE_KINDS

DOC = Path(__file__).resolve().parents[1] / "docs" / "json-output.md"


def _row(key: str) -> str:
    """The table row that explains `key` for a deadline (`| `key` | … |`)."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"^\| `{key}` \|.*$", text, re.M)
    assert found, key
    return found.group(0)


@pytest.mark.parametrize(
    ("key", "values"),
    [("basis", BASES), ("kind", MILESTONE_KINDS), ("state", STATES)],
)
def test_every_value_of_a_deadline_key_is_explained(key: str, values: tuple[str, ...]) -> None:
    row = _row(key)
    assert [v for v in values if f"`{v}`" not in row] == []
