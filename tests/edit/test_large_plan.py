"""Every edit command on a generated plan of 1,000 measures (PyYAML's style, not the shipped
plan's): the edit lands in the measure it names, every byte before and after that measure's
block stays as it was, and the plan is still valid."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from helpers import REPO, TODAY, mpi

# The plan of 1,000 measures is generated once and read 15 times: about 8 s in one process.
pytestmark = pytest.mark.slow

HF1 = "hf1-flaechen-und-infrastruktur.yaml"
DECISION = ["--decision", "Koordinierungsrunde 01.01.2026, TOP 1", "--date", "2026-01-01"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("large") / "plan-1000"
    module.generate(1000, out)
    return out


def block(text: str, measure: str) -> tuple[int, int]:
    """Where the measure's block starts and where the next item (or the file) begins."""
    start = text.index(f"\n- id: {measure}\n") + 1 if f"\n- id: {measure}\n" in text else None
    if start is None:
        start = text.index(f"\n  - id: {measure}\n") + 1
    indent = text[start:].index("-")
    following = re.compile(rf"^ {{{indent}}}- id: ", re.M)
    found = following.search(text, start + 1)
    return start, found.start() if found else len(text)


def first_open_milestone(text: str) -> tuple[str, str, int]:
    """A measure of HF1 with an open milestone due in a year: (measure, milestone, year)."""
    import yaml

    for m in yaml.load(text, Loader=yaml.CSafeLoader)["measures"]:
        for ms in m.get("milestones") or []:
            if ms.get("status") == "open" and isinstance(ms.get("due"), int):
                return m["id"], ms["id"], ms["due"]
    raise AssertionError("no open milestone in HF1")


def first_indicator(text: str) -> tuple[str, str, float]:
    import yaml

    for m in yaml.load(text, Loader=yaml.CSafeLoader)["measures"]:
        for ind in m.get("indicators") or []:
            return m["id"], ind["id"], ind["target"]["value"]
    raise AssertionError("no indicator in HF1")


def cases(text: str) -> list[tuple[str, list[str]]]:
    owner, milestone, due = first_open_milestone(text)
    holder, indicator, target = first_indicator(text)
    return [
        ("HF1.5", ["set", "HF1.5", "--status", "gefährdet", "--note", "Verzug"]),
        ("HF1.5", ["note", "HF1.5", "Vermerk", "--date", "2026-01-01"]),
        (owner, ["milestone", owner, milestone, "erledigt", "--date", "2026-01-01"]),
        (holder, ["record", indicator, str(target), "--date", "2025-12-31"]),
        (owner, ["reschedule", owner, milestone, str(due + 1), *DECISION]),
        (holder, ["retarget", indicator, str(target + 1), *DECISION]),
        ("HF1.6", ["drop", "HF1.6", *DECISION]),
    ]


def test_every_edit_touches_only_its_measure(generated: Path, tmp_path: Path) -> None:
    before = (generated / HF1).read_text(encoding="utf-8")
    for owner, args in cases(before):
        plan = tmp_path / args[0]
        shutil.copytree(generated, plan)
        mpi(*args, plan=plan, today=TODAY)
        after = (plan / HF1).read_text(encoding="utf-8")
        assert after != before, args
        start, end = block(before, owner)
        grown = len(after) - len(before)
        assert after[:start] == before[:start], args
        assert after[end + grown :] == before[end:], args
        for name in (p.name for p in generated.glob("*.yaml") if p.name != HF1):
            assert (plan / name).read_bytes() == (generated / name).read_bytes(), (args, name)
        mpi("validate", plan=plan)


def test_the_edited_measure_read_alone_is_the_file_read_whole(
    generated: Path, tmp_path: Path
) -> None:
    """An edit re-reads only its measure's block where that is certain: the file's model
    made that way equals the model of the whole file read again, for every edit command;
    and a block that no longer reads on its own is left to the whole read."""
    from mpi.domain.model import FieldFile
    from mpi.loading.reread import read_changed
    from mpi.loading.schema_errors import validate_model
    from mpi.loading.sources import read_source

    path = generated / HF1
    before = path.read_text(encoding="utf-8")
    read = read_source(path, before)[0]
    model, _problems = validate_model(read, FieldFile)
    for _owner, args in cases(before):
        plan = tmp_path / ("x" + args[0])
        shutil.copytree(generated, plan)
        mpi(*args, plan=plan, today=TODAY)
        after = (plan / HF1).read_text(encoding="utf-8")
        whole, problems = validate_model(read_source(path, after)[0], FieldFile)
        assert not problems, args
        # the changed measure read again alone, as an edit and `mpi diff` read it
        again = read_changed((read, model), (before, after))
        assert again is not None and again[1] == whole, args
    start, _end = block(before, "HF1.5")
    broken = before[: start + 20] + "[" + before[start + 20 :]  # an unclosed flow sequence
    assert read_changed((read, model), (before, broken)) is None
