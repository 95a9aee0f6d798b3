"""What the tests share besides fixtures: where things are, the CLI runner, git in a test
repository. Imported as `helpers` (pytest puts tests/ on sys.path: `pythonpath` in
pyproject.toml); tests/conftest.py holds only fixtures and hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from typer.testing import CliRunner, Result

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "plan"


def break_plan(plan: Path, file: str, old: str, new: str) -> Path:
    """Replace `old` (which must occur exactly once) by `new` in one file of the plan."""
    path = plan / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def stable(output: str) -> str:
    """Output as a golden file keeps it: what a report was made from (its git commit, whether
    the tree had changes) depends on where the tests run, so it reads `<git>` there
    (tests/views/test_round.py checks the real values)."""
    where = (
        r"(the plan|dem Plan)"
        r"( at git commit [0-9a-f]{12}|, Git-Commit [0-9a-f]{12}| \(not in git\)| \(nicht in Git\)"
        r"| \(in a git repository, not committed yet\)"
        r"| \(in einem Git-Repository, noch nicht eingecheckt\))"
        r"(, with files that differ from it: [^;\n]*|, mit abweichenden Dateien: [^;\n]*)?"
    )
    return re.sub(where, r"\1 <git>", output)


# The day the tests take as today: MPI_TODAY of every run (tests/conftest.py), unless a test
# names another day and says why.
TODAY = "2026-11-25"
TODAY_DATE = date.fromisoformat(TODAY)

_RUNNER = CliRunner()


def mpi(
    *args: str,
    plan: Path | str | None = None,
    lang: str | None = None,
    today: str | date | None = None,
    env: Mapping[str, str | None] | None = None,
    code: int | None = 0,
    input: str | None = None,
    color: bool = False,
) -> Result:
    """Run `mpi ARGS [--plan PLAN] [--lang LANG]` in this process through Typer's runner
    (stdout and stderr apart) and check that it ended with exit code `code` (None: any, for
    a test that looks at it itself) and never with an exception or a traceback.

    `today` is MPI_TODAY for the run, `env` more variables (None unsets one). `color=True`
    keeps every byte (the runner strips ANSI sequences otherwise). The app is the one the
    console script runs for these words (`app_for`: the command alone). A module that runs
    mostly one way names its defaults once: `run = functools.partial(mpi, lang="de")`.
    """
    from mpi.cli.app import app_for

    words = [*args]
    if plan is not None:
        words += ["--plan", str(plan)]
    if lang is not None:
        words += ["--lang", lang]
    variables = {**(env or {})}
    if today is not None:
        variables["MPI_TODAY"] = str(today)
    app = app_for(words, {**os.environ, **variables})
    result = _RUNNER.invoke(app, words, input=input, env=variables or None, color=color)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback (most recent call last)" not in result.output, result.output
    if code is not None:
        assert result.exit_code == code, (result.exit_code, result.output)
    return result


def git(repo: Path, *args: str) -> str:
    """Run git in a test repository, independent of the user's git configuration."""
    result = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def commit(repo: Path, tag: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", tag)
    git(repo, "tag", tag)


ADOPTED = "beschlossen-2023"  # the tag plan.yaml names for the adopted plan


def adopted_copy(root: Path) -> Path:
    """A git copy of the shipped plan whose first commit is tagged as the adopted plan (the
    commit id plan.yaml names is not in this repository; the tag is): returns the plan."""
    shutil.copytree(SHIPPED, root / "plan")
    git(root, "init", "-q")
    commit(root, ADOPTED)
    return root / "plan"
