"""docs/json-output.md names every value a key can take: a reader of the JSON (a PR
author, a script) finds each one explained, not only the common ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import SHIPPED, TODAY, mpi
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


DOCS = [*sorted((DOC.parent).glob("*.md")), DOC.parents[1] / "README.md"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_no_example_pins_mpi_to_a_made_up_version(doc: Path) -> None:
    """Issue 31, point 20: docs/ci.md installed mpi@v0.1.0, a tag that does not exist; an
    example names a commit as a placeholder (COMMIT) until mpi has releases."""
    text = doc.read_text(encoding="utf-8")
    pinned = re.findall(r"mpi@([\w.\-]+)|^\s*rev:\s*([\w.\-]+)", text, re.M)
    assert all((a or b) == "COMMIT" for a, b in pinned), pinned


def test_a_repository_of_plan_files_alone_gets_the_schemas_its_modelines_name(
    tmp_path: Path,
) -> None:
    """Issue 31, point 20: a repository holding only plan/ had nothing at ../schema/, and the
    editor said "Unable to load schema"; docs/ci.md says how to write them, and that works."""
    import shutil

    from helpers import SHIPPED, mpi

    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    guide = (DOC.parent / "ci.md").read_text(encoding="utf-8")
    loop = (
        "for kind in field plan adopted meetings; do mpi schema $kind -o schema/$kind.schema.json"
    )
    assert "Unable to load schema" in guide and loop in guide
    (tmp_path / "schema").mkdir()
    for kind in ("field", "plan", "adopted", "meetings"):
        mpi("schema", kind, "-o", str(tmp_path / "schema" / f"{kind}.schema.json"))
    for file in plan.glob("*.yaml"):
        named = re.match(r"# yaml-language-server: \$schema=(\S+)", file.read_text("utf-8"))
        assert named, file.name
        schema = (file.parent / named[1]).resolve()
        assert schema.is_file(), f"{file.name} names {named[1]}"
        assert schema.read_text(encoding="utf-8") == mpi("schema", schema.name.split(".")[0]).stdout


def test_the_status_keys_the_doc_lists_are_the_keys_of_the_json() -> None:
    listed = re.search(r"## `mpi status --format json`\n\n`\{([^}]*)\}`", DOC.read_text())
    assert listed is not None
    out = json.loads(mpi("status", "--format", "json", plan=SHIPPED, today=TODAY).stdout)
    assert [k.strip() for k in listed.group(1).split(",")] == list(out)


def test_the_docs_quote_mpi_with_its_arrow() -> None:
    """mpi writes "2030 → 2032"; a quote of it in the docs does too (architecture.md's
    Python signatures are code)."""
    docs = [DOC.parents[1] / "README.md", *DOC.parent.glob("*.md")]
    for path in docs:
        if path.name != "architecture.md":
            found = re.search(r"(^|\s)->(\s|$)", path.read_text(encoding="utf-8"), re.M)
            assert found is None, (path.name, found)
