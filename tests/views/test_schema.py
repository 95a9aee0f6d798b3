"""`mpi schema`: the committed schema/ files match the models and accept exactly valid files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers import MINI, REPO, SHIPPED, break_plan, mpi
from mpi.loading import reader

SCHEMA_DIR = REPO / "schema"
KINDS = ("field", "plan", "adopted", "meetings")


def schema_output(*args: str) -> str:
    result = mpi("schema", *args)
    return result.stdout


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def errors(kind: str, path: Path) -> list[str]:
    """Schema errors of one plan file, read with the project's own YAML reader."""
    data = reader.parse(path.read_text(encoding="utf-8"))
    found = validator(kind).iter_errors(data)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def kind_of(path: Path) -> str:
    names = {"plan.yaml": "plan", "adopted.yaml": "adopted", "meetings.yaml": "meetings"}
    return names.get(path.name, "field")


PLAN_FILES = sorted(SHIPPED.glob("*.yaml")) + sorted(MINI.glob("*.yaml"))


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_matches_the_command(kind: str, lang: str) -> None:
    """schema/ holds the German schemas (the plan files' modelines name them: PR authors
    work in German), schema/en/ the English ones."""
    path = f"{kind}.schema.json" if lang == "de" else f"en/{kind}.schema.json"
    committed = (SCHEMA_DIR / path).read_text(encoding="utf-8")
    assert committed == mpi("schema", kind, lang=lang).stdout, (
        f"schema/{path} is out of date with the models; regenerate it with "
        f"`mpi schema {kind} --lang {lang} -o schema/{path}` and review the diff"
    )


def test_the_hover_texts_are_german_in_german() -> None:
    """Issue 31, point 8: the descriptions an editor shows on hover were English."""
    german = json.loads(mpi("schema", "field", lang="de").stdout)
    english = json.loads(mpi("schema", "field", lang="en").stdout)
    status = german["$defs"]["Measure"]["properties"]["status"]["description"]
    assert status.startswith("Wo die Maßnahme steht")
    assert english["$defs"]["Measure"]["properties"]["status"]["description"].startswith(
        "Where the measure stands"
    )
    assert german["title"] == "mpi: Datei eines Handlungsfelds"
    assert german.keys() == english.keys() and german["$defs"].keys() == english["$defs"].keys()


def test_every_schema_text_has_a_german_translation() -> None:
    """schema.po holds exactly the schemas' English texts, each translated: a description
    added to a model fails here until it is translated (docs/translating.md)."""
    from babel.messages.pofile import read_po

    from mpi.i18n import LOCALE_DIR
    from mpi.views.schema import texts

    with (LOCALE_DIR / "de" / "LC_MESSAGES" / "schema.po").open("rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle) if m.id}
    assert set(texts()) - set(catalog) == set(), "add these to schema.po"
    assert set(catalog) - set(texts()) == set(), "remove these from schema.po"
    assert all(catalog.values()), [k for k, v in catalog.items() if not v]


@pytest.mark.parametrize("kind", KINDS)
def test_no_title_but_the_schemas_own(kind: str) -> None:
    """Pydantic's titles are a key's name in English title case ("Sections"): left out,
    the editor shows the key itself."""
    titles: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            titles.extend(v for k, v in node.items() if k == "title" and isinstance(v, str))
            for key, value in node.items():
                if key not in ("default", "const", "enum", "examples"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(schema_output(kind)))
    assert len(titles) == 1, titles


def test_field_is_the_default() -> None:
    assert schema_output() == schema_output("field")


def test_unknown_kind_is_a_usage_error() -> None:
    result = mpi("schema", "measure", code=2)
    assert "'measure' is not one of 'field', 'plan', 'adopted', 'meetings'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_a_described_draft_2020_12_schema(kind: str) -> None:
    schema = json.loads(schema_output(kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:mpi:schema:{kind}"
    assert schema["title"] and schema["description"]
    undescribed = [name for name, d in schema["$defs"].items() if not d.get("description")]
    assert not undescribed, f"add descriptions for {undescribed} (model docstring or schema.py)"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (2031, True),
        ("2031", True),
        ("2030-06", True),
        ("2023-12-31", True),
        (1899, False),
        (2031.5, False),
        (True, False),
        ("2030/06", False),
        ("Ende 2030", False),
        (None, False),
    ],
)
def test_due_is_a_year_or_an_iso_month_or_day(value: Any, ok: bool) -> None:
    due = validator("field").schema["$defs"]["Due"]
    assert jsonschema.Draft202012Validator(due).is_valid(value) is ok


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_accepts_every_shipped_plan_file(path: Path) -> None:
    assert errors(kind_of(path), path) == []


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.name)
def test_modeline_points_at_the_committed_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} does not start with a yaml-language-server modeline"
    target = (path.parent / match.group(1)).resolve()
    assert target == SCHEMA_DIR / f"{kind_of(path)}.schema.json"
    assert target.is_file()


BROKEN = [
    pytest.param("hf1-flaechen.yaml", "    tags: [Wasserstoff]", "    tagz: [Wasserstoff]", "tagz",
                 id="unknown-key"),
    pytest.param("hf1-flaechen.yaml", "        status: open", "        status: pending", "pending",
                 id="wrong-milestone-status"),
    pytest.param("hf1-flaechen.yaml", "        due: 2035", "        due: Ende 2035", "Ende 2035",
                 id="bad-due"),
    pytest.param("plan.yaml", "    due: 2045", "    due: 2045-13-01", "2045-13-01",
                 id="bad-due-plan"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "mentioned"), BROKEN)
def test_schema_rejects_a_broken_file(
    mini: Path, file: str, old: str, new: str, mentioned: str
) -> None:
    path = break_plan(mini, file, old, new)
    found = errors(kind_of(path), path)
    assert len(found) == 1, found
    assert mentioned in found[0]
    # the schema and `mpi validate` agree that the file is broken
    mpi("validate", plan=mini, code=1)
