"""The README is executable: every `mpi` command in its code blocks runs as written.

Against a git copy of the shipped plan, with today fixed (MPI_TODAY) and with the history the
examples name: tags v2025-06 and v2025-12, and at least three commits for HEAD~3.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHIPPED, commit, git

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


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the shipped plan and the tags the README's examples name."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("readme") / "repo"
    shutil.copytree(SHIPPED, repo / "plan")
    (repo / "schema").mkdir()
    git(repo, "init", "-q")
    commit(repo, "v2025-06")
    for n in range(3):
        (repo / f"notes-{n}.txt").write_text(f"{n}\n", encoding="utf-8")
        commit(repo, f"step-{n}")
    commit(repo, "v2025-12")
    return repo


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) >= 20


@pytest.mark.parametrize("command", COMMANDS)
def test_every_readme_command_runs_as_written(checkout: Path, command: str) -> None:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "MPI_TODAY": TODAY, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    env.pop("MPI_PLAN", None)
    result = subprocess.run(
        ["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert "Traceback" not in result.stderr
