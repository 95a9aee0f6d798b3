"""Property tests: validate never raises and always points inside the file; edits keep the
plan valid."""

from __future__ import annotations

import math
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MINI, SHIPPED, TODAY_DATE
from mpi.domain.errors import MpiError
from mpi.domain.words import MEASURE_STATUSES
from mpi.edit import mutations, transaction
from mpi.loading.load import load_plan
from mpi.loading.locate import display_name, plan_files

FILES = [SHIPPED / "plan.yaml", *plan_files(SHIPPED)[1]]
TEXTS = {path: path.read_text(encoding="utf-8") for path in FILES}
VALUES = [
    "",
    "~",
    "[]",
    "{}",
    "12",
    "-1",
    ".nan",
    "1e999",
    "yes",
    "2023-02-30",
    "0",
    "99999",
    '"unterminated',
    "!tag x",
    "&a x",
    "*a",
    "[a, [b",
    "{a: 1}",
    "- x",
    "? x",
    "'x'",
    "\t",
    ":",
    "HF1.99",
    "2030-13",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, str]:
    path = draw(st.sampled_from(FILES))
    lines = TEXTS[path].split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["value", "drop", "dup", "swap", "indent", "key", "text"]))
        line = lines[i]
        if kind == "value" and ": " in line:
            value = draw(st.one_of(st.sampled_from(VALUES), st.text(max_size=12)))
            lines[i] = line.split(": ", 1)[0] + ": " + value
        elif kind == "drop":
            del lines[i]
        elif kind == "dup":
            lines.insert(i, line)
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(0, 3)) + line.lstrip(" ")
        elif kind == "key" and ":" in line:
            lines[i] = line.replace(line.strip().split(":")[0], "x" + line.strip()[:3], 1)
        elif kind == "text":
            lines[i] = line[: len(line) // 2] + draw(st.text(max_size=8)) + line[len(line) // 2 :]
        if not lines:
            lines = [""]
    return path, "\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_validate_never_raises_and_points_inside_the_file(case: tuple[Path, str]) -> None:
    path, text = case
    loaded = load_plan(SHIPPED, overrides={path: text})
    line_count = text.count("\n") + 1
    names = {display_name(p) for p in FILES}
    for d in loaded.diagnostics:
        assert d.file in names
        assert d.message and d.code and d.severity in ("error", "warning")
        if d.file == display_name(path):
            assert 1 <= d.line <= line_count + 1, d
            assert d.column >= 1
    if not loaded.errors:
        assert loaded.plan is not None


change = st.one_of(
    st.tuples(
        st.just("set"),
        st.sampled_from(["HF1.1", "HF1.2", "HF2.1"]),
        st.sampled_from(MEASURE_STATUSES),
        st.text(max_size=30),
    ),
    st.tuples(
        st.just("note"),
        st.sampled_from(["HF1.1", "HF1.2", "HF2.1"]),
        st.text(min_size=1, max_size=60),
    ),
    st.tuples(
        st.just("record"),
        st.just("flaechenreserve"),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.text(max_size=20),
    ),
    st.tuples(
        st.just("milestone"),
        st.just("HF1.2"),
        st.sampled_from(["stufe-1", "stufe-2", "bericht", "1"]),
        st.sampled_from(["done", "open", "missed"]),
    ),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(change, min_size=1, max_size=4), st.integers(0, 900))
def test_random_edits_leave_a_plan_that_validates(changes: list[tuple], days_ago: int) -> None:
    today = TODAY_DATE
    day = today - timedelta(days=days_ago)
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan"
        shutil.copytree(MINI, plan)
        for item in changes:
            before = {p.name: p.read_bytes() for p in plan.glob("*.yaml")}
            try:
                if item[0] == "set":
                    transaction.edit_measure(
                        plan, item[1], mutations.set_status(item[2], item[3] or None, day, today)
                    )
                elif item[0] == "note":
                    transaction.edit_measure(plan, item[1], mutations.add_note(item[2], day, today))
                elif item[0] == "record":
                    assert math.isfinite(item[2])
                    transaction.edit_indicator(
                        plan,
                        item[1],
                        mutations.record_value(item[2], day, item[3] or None, today),
                    )
                else:
                    transaction.edit_measure(
                        plan, item[1], mutations.set_milestone(item[2], item[3], day, today)
                    )
            except MpiError:
                # a refused change leaves every file as it was
                assert {p.name: p.read_bytes() for p in plan.glob("*.yaml")} == before
            loaded = load_plan(plan)
            assert loaded.errors == [], loaded.errors
