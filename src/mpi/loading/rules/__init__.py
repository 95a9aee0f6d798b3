"""Rules across the plan's files that the schema alone cannot express.

Each rule is a small function fed the same prepared `Context` (the walk over the plan's
measures, milestones and indicators, each with its place) that yields Diagnostics at the
position of the offending value. Rules run only on a plan whose files all passed the schema.
To add one: write `def rule(ctx: Context) -> Iterator[Diagnostic]` in the module of its
subject and list it in RULES.
"""

from __future__ import annotations

from datetime import date

from mpi.domain.dates import current_day
from mpi.domain.diagnostics import Diagnostic
from mpi.domain.model import FieldFile, Plan
from mpi.loading.rules.context import Context, Rule
from mpi.loading.rules.decisions import decisions_identified, meeting_decisions
from mpi.loading.rules.ids import contiguous_numbers, ids_match_field, unique_ids
from mpi.loading.rules.meetings import meetings_consistent
from mpi.loading.rules.milestones import (
    dates_in_span,
    finished_measures,
    milestone_dates,
    recorded_occurrences,
    recurrences,
)
from mpi.loading.rules.progress import indicator_targets, reading_dates, update_log
from mpi.loading.rules.provenance import misspellings, provenance
from mpi.loading.rules.readings import readings
from mpi.loading.rules.references import references_exist
from mpi.loading.sources import SourceFile

RULES: tuple[Rule, ...] = (
    unique_ids,
    ids_match_field,
    references_exist,
    contiguous_numbers,
    milestone_dates,
    recurrences,
    recorded_occurrences,
    dates_in_span,
    finished_measures,
    provenance,
    readings,
    misspellings,
    indicator_targets,
    reading_dates,
    update_log,
    decisions_identified,
    meetings_consistent,
    meeting_decisions,
)


def run(
    plan: Plan,
    plan_source: SourceFile,
    fields: list[tuple[SourceFile, FieldFile]],
    meetings: SourceFile | None = None,
    today: date | None = None,
) -> list[Diagnostic]:
    """Run every rule and return all their diagnostics (`meetings`: meetings.yaml, where the
    plan keeps one)."""
    context = Context.of(plan, plan_source, fields, today or current_day(), meetings)
    return [d for rule in RULES for d in rule(context)]
