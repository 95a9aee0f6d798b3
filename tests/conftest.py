"""Fixtures and hooks only; what tests share besides them is in tests/helpers.py.

The default run (`python -m pytest`) is fast and hermetic: it needs no root, no other OS
users, no browser and no network. Tests that need more carry a marker (pyproject.toml) and
are skipped by default with the reason:

- `root`: root and other OS users (useradd, setpriv, files given to another uid),
- `browser`: headless Chromium (/usr/bin/chromium),
- `slow`: more than about 5 s on their own.

`python -m pytest --run-all` runs them too (`-m browser` and the like for one kind);
.ci/run does, after the default run. A marked test that still cannot run here (not root,
no Chromium) skips and says why.
"""

from __future__ import annotations

import shutil
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import GOLDEN, MINI, TODAY, stable


@pytest.fixture(autouse=True, scope="session")
def english_on_the_test_day() -> Iterator[None]:
    """MPI_LANG=en and MPI_TODAY=TODAY for the whole run (subprocesses inherit them).

    The tests written before mpi spoke German read English; German output is tested with
    --lang de or MPI_LANG=de, and the language order itself with the variables set explicitly
    (tests/cli/test_language.py). No test reads the machine's clock through mpi: a test that
    means another day says so (today=..., --today, its own named constant)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPI_LANG", "en")
        patch.setenv("MPI_TODAY", TODAY)
        yield


@pytest.fixture(autouse=True, scope="session")
def one_reading_of_each_text() -> Iterator[None]:
    """The suite runs thousands of commands inside its workers, most on the same plans, and
    each would parse the same files again (a third of the suite's time in mpi). Here a text
    already read is not parsed again: `reader.parse` is a function of the text and the
    parser alone, and the values its reading took are charged to the budget as before (a
    budget too small for them parses again, so that the limit is met at its place). Texts
    over 256 KiB and errors are not kept. That nothing changes a tree after it was read is
    checked at the end: every tree given out twice or more must equal a new reading, or the
    run fails."""
    from mpi.loading import reader

    real = reader.parse
    kept: OrderedDict[tuple[str, bool], list[Any]] = OrderedDict()  # [tree, values, hits]

    def parse(text: str, budget: reader.Budget | None = None) -> Any:
        key = (text, reader.use_c_parser())
        hit = kept.get(key)
        if hit is not None and (budget is None or budget.left >= hit[1]):
            kept.move_to_end(key)
            hit[2] += 1
            if budget is not None:
                budget.left -= hit[1]
            return hit[0]
        budget = budget if budget is not None else reader.Budget()
        left = budget.left
        tree = real(text, budget)
        if len(text) <= 256 * 1024:
            kept[key] = [tree, left - budget.left, 0]
            if len(kept) > 512:
                kept.popitem(last=False)
        return tree

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "parse", parse)
        yield
    changed = [text for (text, _), (tree, _, hits) in kept.items()
               if hits and _as_read(tree) != _as_read(real(text))]  # fmt: skip
    assert not changed, f"a tree was changed after it was read: {changed[0][:200]!r}"


def _as_read(tree: Any) -> Any:
    """A tree with its positions, as plain values that compare."""
    from mpi.loading.positions import PList, PMap

    if isinstance(tree, PMap):
        return ("map", tree.start, [(k, tree.at.get(k), _as_read(v)) for k, v in tree.items()])
    if isinstance(tree, PList):
        return ("list", tree.start, list(tree.items_at), [_as_read(v) for v in tree])
    return (type(tree).__name__, tree)


@pytest.fixture
def german() -> Iterator[None]:
    """German for the test's own calls into mpi (CLI runs choose their language themselves)."""
    from mpi.i18n import activate, language

    before = language()
    activate("de")
    yield
    activate(before)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini."""
    target = tmp_path / "plan"
    shutil.copytree(MINI, target)
    return target


MARKED = {
    "root": "needs root and other OS users",
    "browser": "needs headless Chromium",
    "slow": "takes more than about 5 s",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/* from the current output (review the diff)",
    )
    parser.addoption(
        "--run-all",
        action="store_true",
        help="also run the tests marked " + ", ".join(MARKED) + " (skipped by default)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the marked tests unless --run-all is given."""
    if config.getoption("--run-all"):
        return
    for item in items:
        for name, why in MARKED.items():
            if item.get_closest_marker(name):
                reason = f"{name}: {why}; run with --run-all"
                # skipif, first: pytest tells the first skipif that holds before any skip
                item.add_marker(pytest.mark.skipif(True, reason=reason), append=False)
                break


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare output with tests/golden/NAME; `pytest --update-golden` rewrites the file."""

    def check(name: str, output: str) -> None:
        output = stable(output)
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(output, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert output == path.read_text(encoding="utf-8")

    return check
