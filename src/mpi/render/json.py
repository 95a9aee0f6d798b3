"""`--format json`: stable records, documented in docs/json-output.md."""

from __future__ import annotations

import json
from typing import Any

from mpi.render import records
from mpi.render.safe import json_safe


def _dump(data: Any) -> str:
    """UTF-8 JSON with every control, bidi and invisible character as a \\u escape."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def status(summary: Any) -> str:
    return _dump(records.status(summary))


def measures(rows: list[Any]) -> str:
    return _dump([records.measure_row(r) for r in rows])


def measure(detail: Any) -> str:
    return _dump(records.measure(detail))


def due(rows: list[Any]) -> str:
    return _dump([records.due_row(r) for r in rows])


def timeline(years: list[Any]) -> str:
    return _dump(records.timeline(years))
