"""The README is executable: every `mpi` command in its code blocks runs as written.

Against a git copy of the shipped plan, with today fixed (MPI_TODAY) and with the history the
examples name: tags v2025-06 and v2025-12, and at least three commits for HEAD~3.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, SHIPPED, SITE_YAML, commit, git, mpi

README = REPO / "README.md"
TODAY = "2026-12-15"  # after the round of 10.12.2026 the README records a decision of


def readme_commands() -> list[str]:
    """`mpi ...` lines of the sh and console code blocks, comments removed."""
    commands = []
    in_block = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_block = line.strip() in ("```sh", "```console")
            continue
        if in_block:
            text = line.removeprefix("$ ")
            if text.startswith("mpi "):
                commands.append(re.sub(r"\s+#\s.*$", "", text).strip())
    return commands


COMMANDS = readme_commands()
SHELL = re.compile(r"[|<>;&$`*?]")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the shipped plan and the tags the README's examples name."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("readme") / "repo"
    shutil.copytree(SHIPPED, repo / "plan")
    (repo / "plan" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")  # mpi export opendata
    (repo / "schema").mkdir()
    git(repo, "init", "-q")
    days = ["2025-06-30", "2025-09-01", "2025-10-01", "2025-11-01", "2025-12-15"]
    for tag, day in zip(["v2025-06", "step-0", "step-1", "step-2", "v2025-12"], days, strict=True):
        if tag.startswith("step-"):
            (repo / f"notes-{tag}.txt").write_text(f"{tag}\n", encoding="utf-8")
        os.environ["GIT_COMMITTER_DATE"] = os.environ["GIT_AUTHOR_DATE"] = f"{day}T12:00:00"
        try:
            commit(repo, tag)
        finally:
            del os.environ["GIT_COMMITTER_DATE"], os.environ["GIT_AUTHOR_DATE"]
    return repo


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) >= 20


@pytest.mark.parametrize("command", COMMANDS)
def test_every_readme_command_runs_as_written(
    checkout: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain command runs in this process (the console script's app, a tenth of the time of a
    process); one with a pipe, a redirection or a substitution runs in bash."""
    if not SHELL.search(command):
        monkeypatch.chdir(checkout)
        mpi(*shlex.split(command)[1:], today=TODAY, env={"MPI_PLAN": None})
        return
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "MPI_TODAY": TODAY, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    env.pop("MPI_PLAN", None)
    result = subprocess.run(
        ["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert "Traceback" not in result.stderr


def new_repository_block() -> list[str]:
    """The lines of the README's one `shell` block: a plan repository of one's own."""
    text = README.read_text(encoding="utf-8")
    block = text.split("```shell\n", 1)[1].split("```", 1)[0]
    return [re.sub(r"\s+#\s.*$", "", line).strip() for line in block.splitlines() if line]


MEASURE = """\
  - id: HF1.1
    title: Flächen erhalten
    text: Bestehende Industrieflächen werden bis 2030 gesichert.
    lead: [bwi]
    status: planned
    milestones:
      - id: flaechen-gesichert
        title: Industrieflächen gesichert
        due: 2030
        kind: by
        basis: stated
        quote: bis 2030 gesichert
"""
EDITOR = f"""\
#!{sys.executable}
import sys
path = sys.argv[1]
with open(path, encoding="utf-8") as handle:
    text = handle.read()
with open(path, "w", encoding="utf-8") as handle:
    handle.write(text.replace("measures: []\\n", "measures:\\n" + {MEASURE!r}))
"""


def test_a_plan_repository_of_ones_own_as_the_readme_shows(tmp_path: Path) -> None:
    """The four commands, run as written (the editor adds one measure with a deadline): the
    new repository's guard then fails a deadline moved later by hand."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    lines = new_repository_block()
    assert len(lines) == 4
    assert [line.split()[0] for line in lines] == ["mpi", '"${EDITOR:-vi}"', "mpi", "mpi"]
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    editor.chmod(0o755)
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "MPI_TODAY": TODAY,
        "EDITOR": str(editor),
        "PATH": bin_dir + os.pathsep + os.environ["PATH"],
    }
    env.pop("MPI_PLAN", None)
    script = "set -e\n" + "\n".join(lines) + "\n"
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    repo = tmp_path / "masterplan-2028"
    assert (repo / ".git").is_dir() and (repo / ".github/workflows/plan.yml").is_file()
    adopted = (repo / "plan" / "adopted.yaml").read_text(encoding="utf-8")
    assert "  decision: Senatsbeschluss vom 01.12.2026\n" in adopted
    assert "id: flaechen-gesichert" in adopted
    hf1 = repo / "plan" / "hf1.yaml"
    hf1.write_text(hf1.read_text(encoding="utf-8").replace("due: 2030", "due: 2032"), "utf-8")
    moved = subprocess.run(
        ["mpi", "validate", "--format", "github"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert moved.returncode == 1 and "title=mpi weakened::" in moved.stdout, moved.stdout
