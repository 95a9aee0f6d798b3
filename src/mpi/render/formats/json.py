"""`--format json`: stable records, documented in docs/json-output.md; keys and values English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mpi.render import records
from mpi.render.registry import Format
from mpi.render.safe import json_safe

if TYPE_CHECKING:
    from mpi.domain.diagnostics import Diagnostic
    from mpi.views.due import DueRow
    from mpi.views.measures import MeasureRow


def _dump(data: Any) -> str:
    """UTF-8 JSON with every control, bidi and invisible character as a \\u escape."""
    import json

    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def measures(rows: list[MeasureRow]) -> str:
    return _dump([records.measure_row(r) for r in rows])


def due(rows: list[DueRow]) -> str:
    return _dump([records.due_row(r) for r in rows])


def diagnostics(items: Sequence[Diagnostic]) -> str:
    return _dump([records.diagnostic(d) for d in items])


def schema(data: dict[str, Any]) -> str:
    """A JSON Schema as indented ASCII JSON (safe on any terminal encoding)."""
    import json

    return json.dumps(data, indent=2) + "\n"


FORMAT = Format(
    name="json",
    status=lambda summary: _dump(records.status(summary)),
    measures=measures,
    measure=lambda detail: _dump(records.measure(detail)),
    body=lambda detail: _dump(records.body(detail)),
    due=due,
    timeline=lambda view: _dump(records.timeline(view)),
    diff=lambda view: _dump(records.diff(view)),
    history=lambda view: _dump(records.history(view)),
    changes=lambda view: _dump(records.changes(view)),
    diagnostics=diagnostics,
    schema=schema,
    indicators=lambda rows: _dump([records.assessed(r) for r in rows]),
    meetings=lambda rows: _dump([records.meeting_row(r) for r in rows]),
)
