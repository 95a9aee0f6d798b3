"""A version read block by block, each measure's block reused from the version before where
its bytes are the same (mpi.loading.history, for `mpi changes`), reads as the file read
whole; where the blocks would not read alone, the whole file is read."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_read_changed import MEASURES, TEXT, change

from mpi.loading.history import _parse, blockwise

KINDS = ["title", "comment", "comment-before", "status", "blank", "hash-line", "hash-last", "note"]


def parts(known: dict[bytes, Any]) -> int:
    """The parts read (the head and each measure), not the checks kept beside them."""
    return sum(not key.startswith(b"\0") for key in known)  # NUL: the checks and the log


def whole(text: str) -> Any:
    return _parse(text.encode("utf-8"), None)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(MEASURES), st.sampled_from(KINDS)), min_size=1, max_size=6)
)
def test_versions_read_block_by_block_read_as_whole_files(steps: list[tuple[str, str]]) -> None:
    text, known = TEXT, {}
    tree, known = blockwise(text.encode("utf-8"), known)
    assert tree == whole(text) and parts(known) == len(MEASURES) + 1  # read by blocks
    for measure, kind in steps:
        text = change(text, measure, kind)
        tree, known = blockwise(text.encode("utf-8"), known)
        assert tree == whole(text), (measure, kind)


ODD = {
    "flow": "id: HF1\nmeasures: [{id: HF1.1, title: A}, {id: HF1.2, title: B}]\n",
    "anchor across": (
        "id: HF1\nmeasures:\n  - id: HF1.1\n    tags: &t [a]\n  - id: HF1.2\n    tags: *t\n"
    ),
    "keep": "id: HF1\nmeasures:\n  - id: HF1.1\n    text: |+\n      a\n\n  - id: HF1.2\n",
    "crlf": "id: HF1\r\nmeasures:\r\n  - id: HF1.1\r\n    title: A\r\n  - id: HF1.2\r\n",
    "after": "id: HF1\nmeasures:\n- id: HF1.1\n  title: A\n# dazwischen\n- id: HF1.2\ngoals: []\n",
    "none": "id: HF1\ngoals: []\n",
    "empty": "id: HF1\nmeasures:\ngoals: []\n",
    "no end": "measures:\n  - id: HF1.1\n    title: A",
    "dash text": "id: HF1\nmeasures:\n  - id: HF1.1\n    text: |\n      - eins\n  - id: HF1.2\n",
    "log": (
        "id: HF1\nmeasures:\n  - id: HF1.1\n    updates:\n      - date: 2026-01-01\n"
        "        text: |\n          - a\n\n      # Kommentar\n      - {date: 2026-02-01, text: b}\n"
        "    status: ongoing\n  - id: HF1.2\n    updates:\n    - {date: 2026-03-01, text: c}\n"
    ),
    "log kept": (
        "id: HF1\nmeasures:\n  - id: HF1.1\n    updates:\n      - date: 2026-01-01\n"
        "        text: |+\n          a\n\n  - id: HF1.2\n"
    ),
    "log nested": (
        "id: HF1\nmeasures:\n  - id: HF1.1\n    indicators:\n      - id: x\n        updates:\n"
        "          - {date: 2026-01-01, text: a}\n"
    ),
}


def test_items_at_column_0_are_read_by_blocks_too() -> None:
    text = "id: HF1\nmeasures:\n- id: HF1.1\n  title: A\n- id: HF1.2\n  title: B\ngoals: []\n"
    tree, known = blockwise(text.encode("utf-8"), {})
    assert tree == whole(text) and parts(known) == 3


@pytest.mark.parametrize("name", ODD)
def test_odd_files_read_as_whole_files(name: str) -> None:
    data = ODD[name].encode("utf-8")
    first, known = blockwise(data, {})
    assert first == whole(ODD[name])
    again, _known = blockwise(data, known)  # every block reused
    assert again == first


def test_quoted_text_that_runs_on_over_measures_is_read_whole() -> None:
    """A quoted scalar may go on over a line `measures:` at column 0: it is text, not the
    list of measures, and the file is read whole."""
    text = 'id: HF9\ntitle: "Feld\nmeasures:\n  - id: HF9.1\nweiter"\n'
    tree, known = blockwise(text.encode("utf-8"), {})
    assert tree == whole(text) and tree["title"] == "Feld measures: - id: HF9.1 weiter"
    assert known == {}


def test_a_growing_log_is_read_entry_by_entry() -> None:
    """A new report parses only itself: the log's other entries are the version before's."""
    from mpi.loading import history

    text = ODD["log"]
    _tree, known = blockwise(text.encode("utf-8"), {})
    entries = known[b"\0entries"]
    assert len(entries) == 5  # two measures without their logs, three entries
    grown = text.replace(
        "    status: ongoing\n", "      - {date: 2026-04-01, text: d}\n    status: ongoing\n"
    )
    parsed: list[bytes] = []
    real = history._alone
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "_alone", lambda part: parsed.append(part) or real(part))
        tree, _known = blockwise(grown.encode("utf-8"), known)
    assert tree == whole(grown)
    assert parsed == [b"      - {date: 2026-04-01, text: d}\n"]
