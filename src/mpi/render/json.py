"""`--format json`: stable records, documented in docs/json-output.md."""

from __future__ import annotations

import json
import re
from typing import Any

from mpi.render import records

# json.dumps escapes C0 controls; these it leaves raw, and a terminal may act on them.
_RAW = re.compile("[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _dump(data: Any) -> str:
    """UTF-8 JSON with every control, bidi and invisible character as a \\u escape."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


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
