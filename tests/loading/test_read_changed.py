"""A file read from an earlier reading of another version of it, with only the measures whose
lines differ read again (mpi.loading.reread.read_changed), is the file read whole."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHIPPED
from mpi.domain.model import Field
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
        block = block.replace("    text: >-\n", "    text: |\n      # Überschrift\n", 1)
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
MODEL = validate_model(FIRST, Field)[0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MEASURES), st.sampled_from(KINDS)), max_size=5))
def test_measures_read_again_are_the_file_read_whole(changes: list[tuple[str, str]]) -> None:
    text = TEXT
    for measure, kind in changes:
        text = change(text, measure, kind)
    whole, problems = validate_model(read_source(PATH, text)[0], Field)
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
