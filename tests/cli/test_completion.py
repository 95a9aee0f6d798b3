"""Shell completion: ids from the plan for bash, zsh and fish; nothing (and no traceback)
when the plan is broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import MINI, SHIPPED, commit, git, mpi, repository


def complete(
    shell: str,
    words: str,
    cwd: Path | None = None,
    plan: Path = SHIPPED,
    env: dict[str, str] | None = None,
) -> str:
    """What the shell's completion gets for `words` (the console script's app, in this
    process: the scripts themselves are tested by test_completion_scripts_are_offered)."""
    variables = {**(env or {}), "_MPI_COMPLETE": f"complete_{shell}", "MPI_PLAN": str(plan)}
    if shell == "bash":
        variables |= {
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
    else:
        variables |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    with pytest.MonkeyPatch.context() as patch:
        if cwd is not None:
            patch.chdir(cwd)
        result = mpi(env=variables, prog_name="mpi")
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_ids_complete_from_the_plan(shell: str) -> None:
    assert "HF1.10" in complete(shell, "mpi show HF1.1")
    assert "bahnanteil-gueterverkehr" in complete(shell, "mpi record bahn")
    assert "in-progress" in complete(shell, "mpi list --status in")
    assert "bwi" in complete(shell, "mpi list --partner b")


def test_milestones_complete_for_the_measure_given() -> None:
    out = complete("bash", "mpi milestone HF1.10 ").split()
    assert "bericht-koordinierungsrunde" in out and "1" in out
    assert complete("bash", "mpi milestone HF1.10 bericht-koordinierungsrunde d").split() == [
        "done"
    ]


def test_a_broken_plan_completes_nothing_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "plan"
    broken.mkdir()
    (broken / "plan.yaml").write_text("bad: [\n", encoding="utf-8")
    (broken / "hf1.yaml").write_text("x: [\n", encoding="utf-8")
    assert complete("bash", "mpi show HF", plan=broken).strip() == ""


def test_completion_scripts_are_offered() -> None:
    for shell in ("bash", "zsh", "fish"):
        script = Path(sys.executable).parent / "mpi"  # the console script, named mpi
        result = subprocess.run(
            [str(script), "--show-completion", shell], capture_output=True, text=True
        )
        assert result.returncode == 0 and "_MPI_COMPLETE" in result.stdout, result.stderr


# Issue 31, point 21: values in the reader's language, revisions from git, every option.


def test_statuses_are_offered_in_the_readers_language() -> None:
    german = complete("bash", "mpi list --status ", env={"MPI_LANG": "de"}).split()
    assert german == [
        "geplant",
        "in-Umsetzung",
        "laufend",
        "abgeschlossen",
        "gefährdet",
        "entfallen",
    ]
    english = complete("bash", "mpi list --status ", env={"MPI_LANG": "en"}).split()
    assert english == ["planned", "in-progress", "ongoing", "done", "at-risk", "dropped"]
    on_the_line = complete("bash", "mpi --lang en list --status ", env={"MPI_LANG": "de"})
    assert on_the_line.split() == english
    state = "mpi milestone HF1.10 bericht-koordinierungsrunde "
    assert complete("bash", state, env={"MPI_LANG": "de"}).split() == [
        "offen",
        "erledigt",
        "verfehlt",
    ]
    # a German reader typing the file's value still gets it
    assert complete("bash", "mpi list --status in_", env={"MPI_LANG": "de"}).split() == [
        "in_progress"
    ]


def test_a_hyphenated_status_is_read_as_typed(tmp_path: Path) -> None:
    from helpers import mpi

    mpi("list", "--status", "in-Umsetzung", plan=MINI)


@pytest.mark.parametrize(
    ("words", "lang", "offered"),
    [
        ("mpi reschedule HF1.2 1 --kind ", "de", ["bis", "ab", "frühestens", "voraussichtlich"]),
        ("mpi reschedule HF1.2 1 --kind ", "en", ["by", "start", "from", "expected"]),
        ("mpi reschedule HF1.2 1 --every ", "de", ["jährlich", "halbjährlich"]),
        ("mpi reschedule HF1.2 1 --every h", "en", ["half-yearly"]),
        ("mpi list --lang ", "de", ["de", "en"]),
    ],
)
def test_kinds_frequencies_and_languages_complete(
    words: str, lang: str, offered: list[str]
) -> None:
    assert complete("bash", words, env={"MPI_LANG": lang}).split() == offered


@pytest.fixture
def tagged(tmp_path: Path) -> Path:
    """A plan repository with a few commits and many tags."""
    repo = tmp_path / "repo"
    plan = repository(repo, MINI, "v2026-06")
    (repo / "notes.txt").write_text("x\n", encoding="utf-8")
    commit(repo, "v2026-12")
    for number in range(200):
        git(repo, "tag", f"runde-{number:03}")
    return plan


def test_revisions_complete_from_git(tagged: Path) -> None:
    since = complete("bash", "mpi round --since v", plan=tagged).split()
    assert sorted(since) == ["v2026-06", "v2026-12"]
    head = git(tagged, "rev-parse", "--short", "HEAD").strip()
    offered = complete("bash", "mpi diff ", plan=tagged).split()
    assert "HEAD" in offered and head in offered
    assert len(offered) <= 40  # capped: 200 tags are not offered all at once, the newest are
    assert "v2026-12" in complete("bash", "mpi diff v2026-06 v2026-1", plan=tagged).split()
    assert "v2026-06" in complete("bash", "mpi changes --since v", plan=tagged).split()
    assert "v2026-06" in complete("bash", "mpi validate --baseline v", plan=tagged).split()
    described = complete("zsh", "mpi report --since v2026-0", plan=tagged)
    assert "v2026-06" in described and "v2026-06:" in described.replace('"', "")


def test_a_revision_completes_from_many_tags_and_nothing_outside_git(
    tmp_path: Path, tagged: Path
) -> None:
    """How long it takes is a row of benchmarks/run.py ("mpi completion of a revision")."""
    offered = complete("bash", "mpi diff runde-1", plan=tagged).split()
    assert offered and len(offered) <= 40
    assert all(word.startswith("runde-1") for word in offered)
    plain = tmp_path / "elsewhere" / "plan"
    shutil.copytree(MINI, plain)
    assert complete("bash", "mpi diff ", plan=plain).strip() == ""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("de", ["Vervollständigung für bash installiert in", "wirkt in einem neuen Terminal"]),
        ("en", ["completion for bash installed in", "takes effect in a new terminal"]),
    ],
)
def test_install_completion_speaks_the_readers_language(
    tmp_path: Path, lang: str, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 31, point 8: Typer's own lines were English in a German run."""
    from helpers import mpi

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")  # shell named
    result = mpi("--install-completion", "bash", lang=lang)
    for part in said:
        assert part in result.stdout, result.stdout
    assert "completion installed" not in result.stdout or lang == "en"
    assert "mpi.sh" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
