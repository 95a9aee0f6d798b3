"""The value types of the plan's files: ids, dates, texts, numbers, and the strict base model.

Unknown keys are errors (typos must not pass silently), strings are strict (no number silently
becomes text) and numbers must be finite.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema

from mpi.domain.dates import MAX_YEAR, MIN_YEAR, Due, parse_day

SLUG = r"^[a-z0-9][a-z0-9-]*$"
FIELD_ID = r"^HF[1-9][0-9]*$"
GOAL_ID = r"^HF[1-9][0-9]*\.[IVXLC]+$"
MEASURE_ID = r"^HF[1-9][0-9]*\.[1-9][0-9]*$"

DUE_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    ],
    "description": (
        "A year (2031: by the end of 2031), a month (2030-06) or a day ('2023-12-31', in "
        "quotes: YAML 1.1 readers such as PyYAML and js-yaml read an unquoted day as a date)."
    ),
}

DueValue = Annotated[
    Due,
    PlainValidator(Due.parse),
    PlainSerializer(Due.yaml_value),
    WithJsonSchema(DUE_SCHEMA),
]
Day = Annotated[
    date,
    PlainValidator(parse_day),
    PlainSerializer(date.isoformat),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "description": (
                "A day, '2026-11-26', in quotes: YAML 1.1 readers such as PyYAML and js-yaml "
                "read an unquoted day as a date, not as the text the schema asks for."
            ),
        }
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=100_000)]
Slug = Annotated[str, Field(pattern=SLUG, max_length=80)]
Number = Annotated[float, Field(allow_inf_nan=False)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]


def new_list() -> list[Any]:
    """A list field's default, new for each model. A literal `[]` would be deep-copied for
    every model (60,000 copies in a 10,000-measure plan, ~4 % of validating it), and
    `default_factory=list` makes pydantic read the text signature of a builtin (~5 ms of
    every start-up); a Python function costs neither."""
    return []


class Base(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        hide_input_in_errors=True,
        frozen=True,
        defer_build=True,  # built at first validation, while Ctrl-C is held (see loading)
    )


class Recurrence(Base):
    """A commitment that repeats: yearly or half-yearly from `start` to `end`.

    `last_done` is the old way of recording held occurrences (every one up to it counts as
    held); `mpi validate` warns about it: occurrences are recorded one by one now.
    """

    every: Literal["yearly", "half-yearly"]
    start: Annotated[DueValue, Field(description="The first occurrence.")]
    end: DueValue | None = Field(
        default=None, description="The last possible occurrence; default: the plan's horizon."
    )
    last_done: DueValue | None = Field(
        default=None,
        description=(
            "Deprecated: counts every occurrence up to it as held. Record occurrences "
            "one by one in the milestone's `occurrences` (mpi milestone ... "
            "--occurrence)."
        ),
    )
