"""JSON Schemas of the plan files, generated from the pydantic models for editors and CI.

The models stay the single source of truth: `mpi schema` and the committed files in schema/
are both this module's output (drawn by the json format), and a test keeps them equal.
Their descriptions are what an editor shows on hover, so they speak the reader's language:
German from the catalog `schema.po` (the English texts of the models are its message ids;
schema/ holds the German files, schema/en/ the English ones). Pydantic's titles (the key's
name in English title case) are left out: the editor shows the key itself.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from mpi.domain.errors import InvalidValue
from mpi.i18n import LOCALE_DIR, _, language, speaking

if TYPE_CHECKING:
    from gettext import NullTranslations

    from pydantic import BaseModel

KINDS = ("field", "plan", "adopted", "meetings")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Stricter than the model's pattern: years 1900-2100, months 01-12, days 01-31, so that an
# editor flags `2030-13` while typing (impossible days like 02-30 are left to `mpi validate`).
DUE_PATTERN = r"^(19\d\d|20\d\d|2100)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

_TITLES = {
    "field": "mpi Handlungsfeld file",
    "plan": "mpi plan.yaml",
    "adopted": "mpi adopted.yaml",
    "meetings": "mpi meetings.yaml",
}
_ROOT_DESCRIPTIONS = {
    "field": (
        "One Handlungsfeld of the Hamburger Masterplan Industrie 2023 (plan/hf<N>-<slug>.yaml): "
        "its goals, sections and numbered measures. Rules across files (references, unique ids, "
        "dates within the plan) are checked by `mpi validate`, not by this schema."
    ),
    "plan": (
        "plan/plan.yaml of the Hamburger Masterplan Industrie 2023: title, partners, vision, "
        "agreements, plan-level milestones, Dialog und Monitoring and glossary. Rules across "
        "files are checked by `mpi validate`, not by this schema."
    ),
    "adopted": (
        "plan/adopted.yaml: the plan as adopted, every commitment (deadlines, recurring duties, "
        "targets, leads, measures and milestones) with how it was known, and the decision that "
        "adopted it. Written by `mpi adopt`; `mpi validate` compares the plan with it."
    ),
    "meetings": (
        "plan/meetings.yaml: the meetings of the plan's bodies (Koordinierungsrunde, Task Force, "
        "working groups) with day, place, chair, invited partners and agenda (TOPs, numbered "
        "from 1), and after each its attendance, decisions and action items. Written by `mpi "
        "meeting`; rules across files (bodies, partners, TOPs, days) are checked by `mpi "
        "validate`, not by this schema."
    ),
}


def _models(kind: str) -> type[BaseModel]:
    from mpi.domain import model
    from mpi.domain.adopted import AdoptedPlan
    from mpi.domain.meetings import MeetingsFile

    models: dict[str, type[BaseModel]] = {
        "field": model.FieldFile,
        "plan": model.PlanFile,
        "adopted": AdoptedPlan,
        "meetings": MeetingsFile,
    }
    return models[kind]


def build(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of plan file."""
    if kind not in KINDS:
        raise InvalidValue(
            "kind",
            _("unknown schema kind {kind} (one of {choices})").format(
                kind=repr(kind), choices=", ".join(KINDS)
            ),
        )
    from mpi.domain.types import DUE_SCHEMA

    root_model = _models(kind)
    generated = root_model.model_json_schema()
    defs: dict[str, Any] = generated.pop("$defs", {})
    generated.pop("title", None)
    generated.pop("description", None)
    defs = {name: _ref_due(d, DUE_SCHEMA) for name, d in defs.items()}
    defs["Due"] = _due(DUE_SCHEMA)
    body = _spoken(_ref_due(generated, DUE_SCHEMA), _texts())
    return {
        "$schema": DRAFT,
        "$id": f"urn:mpi:schema:{kind}",
        "title": _texts().gettext(_TITLES[kind]),
        "description": _texts().gettext(_ROOT_DESCRIPTIONS[kind]),
        **body,
        "$defs": {name: _spoken(d, _texts()) for name, d in sorted(defs.items())},
    }


# Where a schema holds values, not annotations: a "title" or "description" there is data.
_VALUES = ("default", "const", "enum", "examples")


def _spoken(node: Any, texts: NullTranslations) -> Any:
    """A schema without pydantic's titles, its descriptions in the reader's language."""
    if isinstance(node, list):
        return [_spoken(v, texts) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and isinstance(value, str):
            out[key] = texts.gettext(value)
        else:
            out[key] = value if key in _VALUES else _spoken(value, texts)
    return out


def _texts() -> NullTranslations:
    return _catalog(language())


@cache
def _catalog(language: str) -> NullTranslations:
    """The schema's texts in `language` (schema.mo, built from schema.po); the English
    message ids where there is none."""
    import gettext

    try:
        with (LOCALE_DIR / language / "LC_MESSAGES" / "schema.mo").open("rb") as file:
            return gettext.GNUTranslations(file)
    except OSError:
        return gettext.NullTranslations()


def texts() -> list[str]:
    """Every English text of every schema: the message ids of schema.po."""
    found: dict[str, None] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "description") and isinstance(value, str):
                    found[value] = None
                elif key not in _VALUES:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    with speaking("en"):
        for kind in KINDS:
            walk(build(kind))
    return sorted(found)


def _due(model_schema: dict[str, Any]) -> dict[str, Any]:
    """The model's Due schema, its string pattern tightened, as one shared definition."""
    branches = [
        {**b, "pattern": DUE_PATTERN} if b.get("type") == "string" else b
        for b in model_schema["anyOf"]
    ]
    return {"anyOf": branches, "description": model_schema["description"]}


def _ref_due(node: Any, due: dict[str, Any]) -> Any:
    """Replace each inline copy of the Due schema by a reference to the one definition."""
    if isinstance(node, dict):
        core = {k: v for k, v in node.items() if k not in ("title", "description")}
        if core == {k: v for k, v in due.items() if k != "description"}:
            keep = {
                k: node[k]
                for k in ("title", "description")
                if node.get(k, due.get(k)) != due.get(k)
            }
            return {"$ref": "#/$defs/Due", **keep}
        return {k: _ref_due(v, due) for k, v in node.items()}
    if isinstance(node, list):
        return [_ref_due(v, due) for v in node]
    return node
