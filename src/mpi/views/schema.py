"""JSON Schemas of the plan files, generated from the pydantic models for editors and CI.

The models stay the single source of truth: `mpi schema` and the committed files in schema/
are both this module's output (drawn by the json format), and a test keeps them equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpi.domain.errors import InvalidValue
from mpi.i18n import _

if TYPE_CHECKING:
    from pydantic import BaseModel

KINDS = ("field", "plan", "adopted")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Stricter than the model's pattern: years 1900-2100, months 01-12, days 01-31, so that an
# editor flags `2030-13` while typing (impossible days like 02-30 are left to `mpi validate`).
DUE_PATTERN = r"^(19\d\d|20\d\d|2100)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

_TITLES = {
    "field": "mpi Handlungsfeld file",
    "plan": "mpi plan.yaml",
    "adopted": "mpi adopted.yaml",
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
}

# Descriptions for models without a docstring; the docstring wins where there is one.
_DEF_DESCRIPTIONS = {
    "Partner": "A signing partner; its id is used in a measure's lead and involved lists.",
    "GlossaryEntry": "An abbreviation of the Abkürzungsverzeichnis and what it stands for.",
    "Baseline": "Where an indicator started: its value in a year.",
    "SubItem": "A lettered sub-item (a., b., ...) of a measure.",
    "Measure": "A numbered measure (Maßnahme) of a Handlungsfeld, with its progress record.",
    "Section": "A section heading inside a Handlungsfeld; measures refer to it by id.",
    "Goal": "A goal (Ziel) of a Handlungsfeld; its id is the field id plus a Roman numeral.",
    "Monitoring": "The Dialog und Monitoring part of the plan.",
    "Due": "A year (2031: by the end of 2031), a month (2030-06) or a day (2023-12-31).",
}

# Descriptions of single properties, keyed by model name and property name.
_PROPERTY_DESCRIPTIONS = {
    ("FieldFile", "id"): "The field id, e.g. HF1; measure and goal ids start with it.",
    ("FieldFile", "sections"): "Section headings inside the field, in order.",
    ("Measure", "id"): "Field id, dot, the number the document gives: HF1.10.",
    ("Measure", "title"): "A short title of the measure.",
    ("Measure", "section"): "Id of a section of this field (required when it has sections).",
    ("Measure", "text"): "The full German text of the measure.",
    ("Measure", "goals"): "Ids of the goals of this field that the measure serves.",
    ("Measure", "lead"): "Ids of the partners the text names as responsible.",
    ("Measure", "involved"): "Ids of the partners the text names as taking part.",
    ("Measure", "status"): "Where the measure stands; `mpi set` changes it and logs the change.",
    ("Measure", "updates"): "The progress log, oldest first (`mpi set`, `mpi note`, ...).",
    ("Milestone", "id"): "Unique within its measure or monitoring body.",
    ("Milestone", "due"): "When it is due; a milestone has either `due` or `recurrence`.",
    ("Milestone", "recurrence"): "Instead of `due`: a commitment that repeats.",
    ("Milestone", "status"): "open, done (then `done` says when) or missed.",
    ("Milestone", "done"): "When it was done; only with status done.",
    ("Recurrence", "start"): "The first occurrence.",
    ("Recurrence", "end"): "The last possible occurrence; default: the plan's horizon.",
    ("Recurrence", "last_done"): (
        "Deprecated: counts every occurrence up to it as held. Record occurrences one by one "
        "in the milestone's `occurrences` (mpi milestone ... --occurrence)."
    ),
    ("Milestone", "kind"): (
        "How the date reads: by (bis: by the end of the period), from (ab: not before it, "
        "never overdue), expected (voraussichtlich: delayed once past, not overdue)."
    ),
    ("Milestone", "occurrences"): (
        "Recorded occurrences of a recurring milestone; one not listed is open."
    ),
    ("Occurrence", "due"): "Which occurrence, as the recurrence generates it (2026-12).",
    ("Occurrence", "done"): "When it was held (for status done).",
    ("Measure", "goal_assignment"): "How its goals are known; default: the field's.",
    ("FieldFile", "goal_assignment"): "How the goals of its measures are known.",
    ("PlanFile", "preamble"): "The Präambel, whole, as the document words it.",
    ("PlanFile", "updates"): "The log of the plan-level milestones (`mpi note plan ...`).",
    ("PlanFile", "misspellings"): "Terms the document misspells; search finds both spellings.",
    ("MonitoringBody", "updates"): "The body's log (`mpi note BODY ...`).",
    ("Indicator", "id"): "Unique in the whole plan; `mpi record` uses it.",
    ("Indicator", "direction"): "Whether the value should reach at least or at most the target.",
    ("Indicator", "values"): "Recorded values (`mpi record`).",
    ("Target", "year"): "The year the target is due, `permanent`, or absent.",
    ("Source", "footnote"): "The footnote's number in the document.",
    ("Update", "status"): "The status the measure changed to with this entry, if it did.",
    ("PlanFile", "adopted"): "The year the plan was adopted.",
    ("PlanFile", "language"): (
        "The language of the plan's text (de or en). mpi speaks it to readers who choose no "
        "language themselves (--lang, $MPI_LANG, a German or English locale)."
    ),
    ("PlanFile", "agreements"): "The Präambel's list of what the partners agree on.",
    ("PlanFile", "milestones"): "Plan-level milestones; the latest sets the plan's horizon.",
    ("PlanFile", "adopted_plan"): (
        "adopted.yaml: the plan as adopted, in the plan directory (`mpi adopt` writes it). "
        "`mpi validate` compares every commitment with it: a postponed deadline, a lowered "
        "target, a dropped or removed measure is an error unless a decision records it. Without "
        "it the plan is a draft."
    ),
    ("PlanFile", "adopted_revision"): (
        "Replaced by adopted_plan: a git revision holding the plan as adopted, compared where "
        "this repository holds it (an error where it does not). `mpi adopt --revision REV` "
        "moves it into the plan directory."
    ),
    ("AdoptedRevision", "commit"): "A commit id (travels with every clone).",
    ("AdoptedRevision", "tag"): "A tag such as beschlossen-2023 (tried first when fetched).",
    ("Decision", "date"): "The day of the decision.",
    ("Decision", "text"): (
        "The decision's words, which identify it: a meeting of a body of the plan with its day "
        "(Koordinierungsrunde 12.06.2026, TOP 3), a Drucksache (Drucksache 22/12345) or a "
        "decision of the Senate with its day. A day they name is `date`."
    ),
    ("Correction", "date"): "The day the reading was corrected.",
    ("Correction", "reason"): "Why the editor's reading (basis: inferred) was corrected.",
    ("Milestone", "corrections"): (
        "Corrections of an editor's reading of its date (`mpi reschedule --correction`)."
    ),
    ("Indicator", "corrections"): (
        "Corrections of an editor's reading of its target (`mpi retarget --correction`)."
    ),
    ("AdoptedPlan", "adoption"): "Where the adopted plan comes from.",
    ("AdoptedPlan", "milestones"): "The plan-level milestones as adopted.",
    ("AdoptedPlan", "bodies"): "The bodies of Dialog und Monitoring and their milestones.",
    ("AdoptedPlan", "fields"): "The Handlungsfelder: goals, measures and their commitments.",
    ("Adoption", "date"): "The day of the decision, or its year where no day is known.",
    ("Adoption", "decision"): "The decision that adopted the plan, in words that identify it.",
    ("Adoption", "revision"): "The git commit the commitments were taken from, if any.",
    ("Adoption", "renewals"): "Readings of the document corrected since (`--correction`).",
    ("Renewal", "revision"): "The git commit the corrected commitments were taken from.",
    ("AdoptedMeasure", "dropped"): "Whether it was adopted as dropped.",
    ("AdoptedIndicator", "target"): "The target value as adopted.",
    ("AdoptedIndicator", "year"): "The target year, `permanent`, or absent.",
    ("MilestoneDecision", "due"): "The deadline decided (`mpi reschedule`).",
    ("MilestoneDecision", "kind"): "The kind of date decided (by, from, expected).",
    ("MilestoneDecision", "recurrence"): "The recurrence decided (how often, until when).",
    ("IndicatorDecision", "target"): "The target value decided (`mpi retarget`).",
    ("IndicatorDecision", "year"): "The target year decided.",
    ("IndicatorDecision", "direction"): "The direction decided (at_least, at_most).",
    ("MeasureDecision", "status"): "The status decided: dropped (`mpi drop`).",
    ("MeasureDecision", "lead"): "The lead partners decided.",
    ("MeasureDecision", "removed"): "Id of a milestone or indicator the decision removed.",
    ("Removal", "removed"): "Id of what the decision removed.",
    ("Milestone", "decisions"): "Decisions that changed its date (`mpi reschedule`).",
    ("Indicator", "decisions"): "Decisions that changed its target (`mpi retarget`).",
    ("Measure", "decisions"): "Decisions that dropped it, changed its lead or removed items.",
    ("FieldFile", "decisions"): "Decisions that removed a measure or a goal.",
    ("PlanFile", "decisions"): "Decisions that removed a milestone, a body or a Handlungsfeld.",
    ("MonitoringBody", "decisions"): "Decisions that removed one of its milestones.",
}
# How a fact is known, on every model that says it (docs/plan-format.md, "Provenance").
_PROVENANCE = {
    "basis": (
        "How it is known: stated (the document says it), derived (computed from stated words), "
        "inferred (an editor's reading), decided (changed by a decision of the partners, "
        "recorded in `decisions`)."
    ),
    "quote": (
        "The document's words, found by `mpi validate` in the text the plan stores (… for "
        "words left out)."
    ),
    "derivation": (
        "For derived: how it was computed; for inferred: the reason; for decided: which decision."
    ),
}
_PROPERTY_DESCRIPTIONS |= {
    (model, name): text
    for model in ("Milestone", "Baseline", "Target", "Sourced", "AdoptedMilestone")
    for name, text in _PROVENANCE.items()
}


def _models(kind: str) -> type[BaseModel]:
    from mpi.domain import model
    from mpi.domain.adopted import AdoptedPlan

    models: dict[str, type[BaseModel]] = {
        "field": model.FieldFile,
        "plan": model.PlanFile,
        "adopted": AdoptedPlan,
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
    root_name = root_model.__name__
    generated.pop("title", None)
    generated.pop("description", None)
    _describe(root_name, generated)
    for name, definition in defs.items():
        _describe(name, definition)
    defs = {name: _ref_due(d, DUE_SCHEMA) for name, d in defs.items()}
    defs["Due"] = _due(DUE_SCHEMA)
    return {
        "$schema": DRAFT,
        "$id": f"urn:mpi:schema:{kind}",
        "title": _TITLES[kind],
        "description": _ROOT_DESCRIPTIONS[kind],
        **_ref_due(generated, DUE_SCHEMA),
        "$defs": dict(sorted(defs.items())),
    }


def _due(model_schema: dict[str, Any]) -> dict[str, Any]:
    """The model's Due schema, its string pattern tightened, as one shared definition."""
    branches = [
        {**b, "pattern": DUE_PATTERN} if b.get("type") == "string" else b
        for b in model_schema["anyOf"]
    ]
    return {"anyOf": branches, "description": _DEF_DESCRIPTIONS["Due"]}


def _describe(name: str, definition: dict[str, Any]) -> None:
    """Add the descriptions the models lack (editors show them on hover)."""
    if "description" not in definition and name in _DEF_DESCRIPTIONS:
        definition["description"] = _DEF_DESCRIPTIONS[name]
    for prop, sub in definition.get("properties", {}).items():
        text = _PROPERTY_DESCRIPTIONS.get((name, prop))
        if text is not None:
            sub["description"] = text


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
