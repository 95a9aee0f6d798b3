"""A file read from an earlier reading of another version of it, with only the measures whose
lines differ read again (mpi.loading.reread.read_changed), is the file read whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import SHIPPED
from mpi.domain.model import FieldFile
from mpi.loading.reread import read_changed
from mpi.loading.schema_errors import validate_model
from mpi.loading.sources import read_source

PATH = SHIPPED / "hf1-flaechen-und-infrastruktur.yaml"
TEXT = PATH.read_text(encoding="utf-8")
MEASURES = re.findall(r"^  - id: (HF1\.\d+)$", TEXT, re.M)


def region(text: str, measure: str) -> tuple[int, int]:
    start = text.index(f"  - id: {measure}\n")
    end = text.find("\n  - id: ", start)
    return start, len(text) if end < 0 else end + 1


def change(text: str, measure: str, kind: str) -> str:
    """One change inside a measure's lines (or just before them, for a comment)."""
    start, end = region(text, measure)
    block = text[start:end]
    if kind == "title":
        block = re.sub(r"^(    title: .*)$", r"\1 (geändert)", block, count=1, flags=re.M)
    elif kind == "comment":
        block = block.replace("\n", "\n    # Anmerkung\n", 1)
    elif kind == "comment-before":
        block = "  # zwischen den Maßnahmen\n" + block
    elif kind == "status":
        block = re.sub(r"^    status: \w+$", "    status: at_risk", block, count=1, flags=re.M)
    elif kind == "blank":
        block = block.replace("\n", "\n\n", 1)
    elif kind == "hash-line":  # a `#` line inside a literal text, not a comment
        heading = "    text: |\n      # Überschrift\n"
        block = re.sub(r"^    text: >-\n", heading, block, count=1, flags=re.M)
    elif kind == "hash-last":  # the text moved last, its last line a `#` line of the text
        lines = block.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("    text: "))
        stop = at + 1
        while stop < len(lines) and (lines[stop].startswith("      ") or not lines[stop]):
            stop += 1
        kept = [*lines[:at], *lines[stop:]]
        body = "\n".join(line for line in kept if line)
        tail = "    text: |\n      Text\n      # Schluss\n"
        block = body + "\n" + tail + ("\n" if block.endswith("\n\n") else "")
    elif kind == "note":
        note = "\n      - date: 2026-01-01\n        text: Vermerk"
        block = block.replace("    updates: []", "    updates:" + note, 1)
    return text[:start] + block + text[end:]


KINDS = ["title", "comment", "comment-before", "status", "blank", "hash-line", "hash-last", "note"]
FIRST = read_source(PATH, TEXT)[0]
MODEL = validate_model(FIRST, FieldFile)[0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MEASURES), st.sampled_from(KINDS)), max_size=5))
def test_measures_read_again_are_the_file_read_whole(changes: list[tuple[str, str]]) -> None:
    text = TEXT
    for measure, kind in changes:
        text = change(text, measure, kind)
    whole, problems = validate_model(read_source(PATH, text)[0], FieldFile)
    assert not problems
    again = read_changed((FIRST, MODEL), (TEXT, text))
    assert again is not None
    assert again[1] == whole
    assert again[0].tree == read_source(PATH, text)[0].tree  # the data, not only the model


def test_lines_outside_the_measures_are_left_to_the_whole_read() -> None:
    text = TEXT.replace("title: Flächen und Infrastruktur", "title: Flächen", 1)
    assert text != TEXT
    assert read_changed((FIRST, MODEL), (TEXT, text)) is None


def test_an_invalid_measure_is_left_to_the_whole_read() -> None:
    text = change(TEXT, "HF1.5", "status").replace("status: at_risk", "status: bogus", 1)
    assert read_changed((FIRST, MODEL), (TEXT, text)) is None


HEAD = "id: HF9\ntitle: T\ngoals:\n  - id: HF9.I\n    text: g\nmeasures:\n"


def item(number: int, title: str = "a", rest: str = "") -> str:
    return f"  - id: HF9.{number}\n    title: {title}\n    text: t\n    status: planned\n{rest}"


def same_or_none(old: str, new: str) -> tuple[object, bool]:
    """read_changed's answer for `new` from `old`, and whether the whole read of `new` is
    valid; a model read in part must be the whole read's, data and model."""
    path = PATH.with_name("hf9-test.yaml")
    first = read_source(path, old)[0]
    model, problems = validate_model(first, FieldFile)
    assert model is not None and not problems
    again = read_changed((first, model), (old, new))
    whole_source, problem = read_source(path, new)
    whole, errors = (
        validate_model(whole_source, FieldFile) if problem is None else (None, [problem])
    )
    if again is not None:
        assert whole is not None and not errors, "read in part, but the whole read fails"
        assert again[1] == whole and again[0].tree == whole_source.tree
    return again, whole is not None and not errors


def test_a_line_of_spaces_ending_a_text_is_kept() -> None:
    """A literal text whose last line holds only spaces, more than its indentation: text."""
    changed = "  - id: HF9.2\n    title: b\n    status: planned\n    text: |\n      x\n        \n"
    old, new = HEAD + item(1) + item(2) + item(3), HEAD + item(1) + changed + item(3)
    again, valid = same_or_none(old, new)
    assert valid and again is not None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a flow mapping continued at the list's depth, then cut: the whole read fails
        ("  - {id: HF9.2, title: b, text: t,\nstatus: planned}\n",
         "  - {id: HF9.2, title: c, text: t, status: planned}\nstatus: planned}\n"),
        # a quoted title continued at column 0 that looks like the next key
        ("  - id: HF9.2\n    text: t\n    status: planned\n"
         "    title: 'abc\nsections: [{id: s, title: S}]\n# '\n",
         "  - id: HF9.2\n    text: t\n    status: planned\n"
         "    title: abc\nsections: [{id: s, title: S}]\n# '\n"),
    ],
    ids=["flow-cut", "quoted-next-key"],
)  # fmt: skip
def test_text_continued_at_the_lists_depth_is_left_to_the_whole_read(old: str, new: str) -> None:
    again, _valid = same_or_none(HEAD + item(1) + old, HEAD + item(1) + new)
    assert again is None


def test_a_quoted_line_that_looks_like_an_item_is_left_to_the_whole_read() -> None:
    fake = '  - id: HF9.1\n    title: "abc\n  - def"\n    text: t\n    status: planned\n'
    late = '  - id: HF9.3\n    title: "y\nz"\n    text: t\n    status: planned\n'
    old = HEAD + fake + item(2, "w") + late + item(4)
    again, _valid = same_or_none(old, old.replace("title: w", "title: changed"))
    assert again is None


def test_values_read_in_part_count_against_the_limit() -> None:
    """Two measures of 600,000 tags each: more values than a plan may hold (MAX_VALUES),
    refused by the whole read; read in part they are refused too."""
    big = "    tags: [" + ", ".join(["a"] * 600_000) + "]\n"
    old, new = HEAD + item(1) + item(2), HEAD + item(1, rest=big) + item(2, rest=big)
    again, valid = same_or_none(old, new)
    assert (again, valid) == (None, False)


def test_the_block_of_an_edited_measure_keeps_a_line_of_spaces_ending_its_text() -> None:
    """The edits' and history's block finder: the same line belongs to the measure."""
    from mpi.loading.reread import block

    text = HEAD + "  - id: HF9.2\n    title: b\n    text: |\n      x\n        \n" + item(3)
    found = block(text, "HF9.2")
    assert found is not None and text[found[0] : found[1]].endswith("      x\n        ")
