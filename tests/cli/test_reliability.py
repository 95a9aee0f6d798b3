"""The second outside probe of reliability (issue 25): each case as it was seen."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import MINI, TODAY, adopted_copy, break_plan, git, mpi

# The C locale, as on CI: the language comes from the plan's `language:` line.
C_LOCALE = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "MPI_"))}
C_LOCALE |= {"LANG": "C", "MPI_TODAY": TODAY}
RUN = "import sys; sys.argv[0] = 'mpi'; from mpi.console import main; main()"


@pytest.mark.parametrize("command", ["status", "validate", "completion"])
def test_a_plan_yaml_that_is_a_fifo_hangs_nothing(tmp_path: Path, command: str) -> None:
    """A FIFO must not be opened for reading: it would wait for a writer forever."""
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    (plan / "plan.yaml").unlink()
    os.mkfifo(plan / "plan.yaml")
    env = C_LOCALE | {"MPI_PLAN": str(plan)}
    args = [command]
    if command == "completion":
        env |= {"_MPI_COMPLETE": "complete_bash", "COMP_WORDS": "mpi show HF", "COMP_CWORD": "2"}
        args = []
    run = subprocess.run(
        [sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in run.stderr
    assert run.returncode == (0 if command == "completion" else 2), run.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["report", "-o", "plan.yaml"],
        ["calendar", "-o", "hf1-flaechen.yaml"],
        ["round", "-o", "plan.yaml"],
        ["report", "-o", "hf9-bericht.yaml"],
        ["report", "--format", "html", "-o", "sub/../bericht.html"],
    ],
)
def test_no_output_goes_into_the_plan_directory(mini: Path, command: list[str]) -> None:
    """`-o` onto a plan file replaced it with a report; a new file there was read as a
    Handlungsfeld. Refused, and the plan is as it was, byte for byte."""
    (mini / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in mini.iterdir() if p.is_file()}
    *words, target = command
    result = mpi(*words, str(mini / target), plan=mini, code=2)
    assert "plan" in result.stderr
    assert {p.name: p.read_bytes() for p in mini.iterdir() if p.is_file()} == before


def test_output_beside_the_plan_directory_is_written(mini: Path) -> None:
    report = mini.parent / "bericht.md"
    mpi("report", "--format", "markdown", "-o", str(report), plan=mini)
    assert report.read_text(encoding="utf-8").startswith("#")


def test_a_hostile_plan_directory_name_reaches_the_terminal_inert(tmp_path: Path) -> None:
    """ESC, BEL, a bidi override and a newline in the directory's name: shown as escapes in
    the edit's summary and validate's, never raw (a window title set, a forged line)."""
    plan = tmp_path / "plan\x1b]0;owned\x07\u202e\nmpi: plan is valid"
    shutil.copytree(MINI, plan)
    said = mpi("note", "HF1.1", "Sachstand", plan=plan, color=True).stderr
    said += mpi("validate", plan=plan, color=True).stderr
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in said
    assert "\nmpi: plan is valid" not in said
    assert "\\x1b]0;owned\\x07" in said


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git copy of the shipped plan, committed: returns the plan directory."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return adopted_copy(tmp_path / "repo")


HF5 = "hf5-industrie-und-gesellschaft.yaml"


def made_from(plan: Path) -> str:
    said = mpi("report", "--format", "markdown", plan=plan, lang="en", code=None).stdout
    return next(line for line in said.splitlines() if "Made from" in line)


def test_a_report_of_record_names_a_plan_file_git_ignores(repo: Path) -> None:
    """A file that .gitignore hides is read, but is not the commit's: the report says so
    (git status does not list ignored files, so it said "at git commit …" alone)."""
    root = repo.parent
    (root / ".gitignore").write_text(f"plan/{HF5}\n", encoding="utf-8")
    git(root, "rm", "-q", "--cached", f"plan/{HF5}")
    git(root, "add", ".gitignore")
    git(root, "commit", "-q", "-m", "ignore HF5")
    assert f"{HF5} (not committed)" in made_from(repo)


def test_a_report_of_record_names_a_file_a_sparse_checkout_left_out(repo: Path) -> None:
    root = repo.parent
    git(root, "update-index", "--skip-worktree", f"plan/{HF5}")
    (repo / HF5).unlink()
    assert f"{HF5} (not read, not in the folder)" in made_from(repo)


def test_a_clean_checkout_is_the_commit(repo: Path) -> None:
    head = git(repo.parent, "rev-parse", "HEAD").strip()
    assert f"the plan at git commit {head[:12]};" in made_from(repo)


def test_a_hostile_repository_runs_nothing(repo: Path, tmp_path: Path) -> None:
    """A repository's own configuration (an unpacked archive, a shared folder) names an
    fsmonitor and a hooks directory: no git call of mpi runs them."""
    root = repo.parent
    ran = tmp_path / "ran"
    script = tmp_path / "evil.sh"
    script.write_text(f'#!/bin/sh\necho "$0 $*" >> {ran}\n', encoding="utf-8")
    script.chmod(0o755)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("post-index-change", "post-checkout", "pre-auto-gc", "reference-transaction"):
        (hooks / hook).symlink_to(script)
    git(root, "config", "core.fsmonitor", str(script))
    git(root, "config", "core.hooksPath", str(hooks))
    git(root, "config", "core.pager", str(script))
    git(root, "config", "log.showSignature", "true")
    mpi("note", "HF1.1", "Sachstand", plan=repo)
    (repo / "hf1-flaechen-und-infrastruktur.yaml").touch()  # a stat change: status would refresh
    mpi("diff", "HEAD", plan=repo, code=None)
    mpi("report", "--since", "HEAD", plan=repo, code=None)
    mpi("round", "--since", "HEAD", plan=repo, code=None)
    mpi("history", "HF1.1", plan=repo, code=None)
    mpi("validate", "--baseline", "HEAD", plan=repo, code=None)
    assert not ran.exists(), ran.read_text(encoding="utf-8")


@pytest.mark.parametrize("char", ["\u200d", "\u200c", "\u00a0", "\u2800", "\u3164", "\u2062"])
@pytest.mark.parametrize("format", ["text", "json", "github"])
def test_an_invisible_character_in_an_id_is_shown_as_an_escape(
    mini: Path, char: str, format: str
) -> None:
    break_plan(mini, "hf1-flaechen.yaml", "id: HF1.1\n", f"id: HF1.1{char}\n")
    said = mpi("validate", "--format", format, plan=mini, code=1, color=True)
    out = said.stdout + said.stderr
    assert char not in out
    assert (
        f"HF1.1\\\\u{ord(char):04x}" in out
        if format == "json"
        else f"HF1.1\\u{ord(char):04x}" in out
    )


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX ACL as Linux stores it in `system.posix_acl_access` (what setfacl writes)."""
    import struct

    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


NOBODY = 0xFFFFFFFF  # the id of the entries that name no user or group


def test_an_edit_keeps_the_files_acl_and_extended_attributes(mini: Path) -> None:
    """On a 640 file with `user:4001:rw`, the edited file had no ACL (that user lost
    access) and mode 660 (the owning group gained write)."""
    path = mini / "hf1-flaechen.yaml"
    path.chmod(0o640)
    acl = _acl((1, 6, NOBODY), (2, 6, 4001), (4, 4, NOBODY), (0x10, 6, NOBODY), (0x20, 0, NOBODY))
    try:
        os.setxattr(path, "system.posix_acl_access", acl)
        os.setxattr(path, "user.origin", b"BWI")
    except OSError as exc:
        pytest.skip(f"this file system keeps no ACL or extended attributes: {exc}")
    mode = path.stat().st_mode
    mpi("note", "HF1.1", "Sachstand", plan=mini)
    assert "Sachstand" in path.read_text(encoding="utf-8")
    assert os.getxattr(path, "system.posix_acl_access") == acl
    assert os.getxattr(path, "user.origin") == b"BWI"
    assert path.stat().st_mode == mode


def test_a_killed_reports_temp_file_is_removed_by_the_next(tmp_path: Path) -> None:
    report = tmp_path / "bericht.md"
    dead = 2**22 + 1  # above the largest pid Linux gives
    left = tmp_path / f".bericht.md.mpi-{dead}-0123456789ab.tmp"
    other = tmp_path / f".notes.txt.mpi-{dead}-0123456789ab.tmp"
    left.write_text("half", encoding="utf-8")
    other.write_text("not ours to judge", encoding="utf-8")
    mpi("report", "--format", "markdown", "-o", str(report), plan=MINI)
    assert report.exists() and not left.exists() and other.exists()


HF1 = "hf1-flaechen-und-infrastruktur.yaml"
STAGE_1 = "      - id: hh-win-stufe-1\n        title: HH-WIN Ausbaustufe 1\n        due: 2030\n"


def _history(plan: Path, *args: str) -> str:
    return mpi("history", "HF1.15", *args, plan=plan, lang="en").stdout


def test_history_follows_the_first_parent_line_through_a_merge(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A branch moves a deadline (committed earlier), the main line changes the file
    elsewhere (later), then the branch is merged: one move, at the merge. Walking every
    commit by date invented a "brought forward" and called the merged state "not committed"."""
    root = repo.parent
    git(root, "checkout", "-q", "-b", "side")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-10T12:00:00")
    break_plan(repo, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    git(root, "commit", "-q", "-am", "move on a branch")
    git(root, "checkout", "-q", "-")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-02-10T12:00:00")
    text = (repo / HF1).read_text(encoding="utf-8")
    (repo / HF1).write_text(text + "# a comment on the main line\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "comment")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-03-10T12:00:00")
    git(root, "merge", "-q", "--no-ff", "-m", "merge", "side")
    said = _history(repo)
    assert said.count("(2030 → 2032), without decision") == 1, said
    assert "advanced" not in said and "brought forward" not in said
    assert "not committed" not in said


def test_history_reads_a_plan_whose_path_is_not_ascii(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "Maßnahmenpläne"
    plan = adopted_copy(root)
    git(root, "config", "core.quotePath", "true")
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2031"))
    git(root, "commit", "-q", "-am", "moved")
    assert "2030 → 2031" in _history(plan)


def test_indicators_take_today_and_leave_out_later_values(mini: Path) -> None:
    """`indicators` had no --today (the README says every query takes it): as of a day, a
    value recorded after it is not the latest."""
    mpi("record", "flaechenreserve", "90", "--date", "2026-03-01", plan=mini)
    mpi("record", "flaechenreserve", "80", "--date", "2026-09-01", plan=mini)

    def latest(day: str) -> object:
        rows = json.loads(mpi("indicators", "--format", "json", "--today", day, plan=mini).stdout)
        return next(r for r in rows if r["id"] == "flaechenreserve")["last_value"]

    assert latest("2026-11-25") == 80
    assert latest("2026-06-30") == 90
    assert latest("2026-01-01") is None


def test_history_as_csv(repo: Path) -> None:
    break_plan(repo, HF1, STAGE_1, STAGE_1.replace("2030", "2031"))
    git(repo.parent, "commit", "-q", "-am", "moved")
    out = mpi("history", "HF1.15", "--format", "csv", plan=repo).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["item"], r["kind"], r["old"], r["new"]) for r in rows] == [
        ("hh-win-stufe-1", "postponed", "2030", "2031")
    ]
    assert rows[0]["commit"] == git(repo.parent, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize(
    "command",
    [["status"], ["validate"], ["note", "HF1.1", "x"], ["set", "HF1.1", "--status", "done"]],
)
def test_a_plan_folder_that_cannot_be_opened_is_exit_2_for_queries_and_edits(
    mini: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """A folder without read permission (root reads any, so it is made so here): an edit
    exited 1 where the queries exit 2."""
    real_open, real_listdir = os.open, os.listdir

    def refused(path: object, *args: object, **kwargs: object) -> object:
        if Path(str(path)) == mini:
            raise PermissionError(13, "Permission denied")
        return None

    def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
        refused(path)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def listdir(path: object = ".") -> list[str]:
        refused(path)
        return real_listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "listdir", listdir)
    said = mpi(*command, plan=mini, code=2).stderr
    assert "Permission denied" in said or "Keine Berechtigung" in said


def test_the_round_names_a_removed_field_without_an_adopted_plan(repo: Path) -> None:
    """Without adopted.yaml to compare with, the round dropped a Handlungsfeld removed since
    the last round (its section no longer exists), where diff and report --since list it."""
    root = repo.parent
    (repo / "adopted.yaml").unlink()
    plan_yaml = repo / "plan.yaml"
    kept = [
        line
        for line in plan_yaml.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("adopted_plan:")
    ]
    plan_yaml.write_text("".join(kept), encoding="utf-8")
    git(root, "commit", "-q", "-am", "no adopted plan")
    git(root, "tag", "runde")
    git(root, "rm", "-q", f"plan/{HF5}")
    git(root, "commit", "-q", "-m", "HF5 removed")
    for command in (
        ["diff", "runde"],
        ["report", "--since", "runde"],
        ["round", "--since", "runde"],
    ):
        said = mpi(*command, plan=repo, lang="en", code=None).stdout
        assert "HF5 removed: Industrie und Gesellschaft" in said, command


def test_a_tag_named_like_a_day_is_read_one_way_everywhere_and_said(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag `2026-06-12` was a tag to diff and a day to round and report, silently. Now a
    word git resolves is the revision everywhere (and mpi says so where it could be a day),
    and a day is the last commit made by its end, for diff too."""
    root = repo.parent
    git(root, "tag", "2026-06-12")  # the adopted plan, committed today
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-01T12:00:00")
    break_plan(repo, HF1, STAGE_1, STAGE_1.replace("2030", "2031"))
    git(root, "commit", "-q", "-am", "moved")
    for command in (
        ["diff", "2026-06-12"],
        ["report", "--since", "2026-06-12", "--format", "markdown"],
        ["round", "--since", "2026-06-12"],
    ):
        said = mpi(*command, plan=repo, lang="en", code=None)
        assert "2030 → 2031" in said.stdout or "2030 → 2031" in said.stdout, command
        assert "read as the git revision of that name, not as a day" in said.stderr
        assert "write 12.06.2026" in said.stderr
    by_day = mpi("diff", "02.11.2026", plan=repo, lang="en")
    assert "02.11.2026 (commit " in by_day.stderr + by_day.stdout or "2026-11-02 (commit " in (
        by_day.stderr + by_day.stdout
    )
    assert "revision" not in by_day.stderr


@pytest.mark.parametrize("plan_language", ["de", "en"])
@pytest.mark.parametrize("reader", ["de", "en"])
@pytest.mark.parametrize("command", ["record", "retarget"])
def test_a_number_reads_the_plans_way_whoever_types_it(
    mini: Path, plan_language: str, reader: str, command: str
) -> None:
    """`1.234` was 1234 for a German reader and 1.234 for an English one; retarget took it
    without the warning record gives. Now the plan's language decides, for everyone, and
    both commands warn where a lone separator is read as thousands."""
    break_plan(mini, "plan.yaml", "adopted: 2023\n", f"adopted: 2023\nlanguage: {plan_language}\n")
    grounds = ["--decision", "Koordinierungsrunde 12.06.2026, TOP 1", "--date", "2026-06-12"]
    extra = grounds if command == "retarget" else []
    thousands, decimal = ("123.456", "123,456") if plan_language == "de" else ("123,456", "123.456")
    for typed, written, warned in ((thousands, "123456", True), (decimal, "123.456", False)):
        said = mpi(command, "flaechenreserve", typed, *extra, "--dry-run", plan=mini, lang=reader)
        assert re.search(rf"\+.*value: {re.escape(written)}[,}}\n]", said.stdout), said.stdout
        assert ("123456" in said.stderr and f"'{typed}'" in said.stderr) is warned, said.stderr


@pytest.mark.parametrize("command", ["record", "retarget"])
def test_a_number_too_large_to_write_is_refused_by_name(mini: Path, command: str) -> None:
    before = (mini / "hf1-flaechen.yaml").read_bytes()
    extra = ["--correction", "Lesart geprüft"] if command == "retarget" else []
    said = mpi(command, "flaechenreserve", "1e300", *extra, plan=mini, lang="en", code=2).stderr
    assert "VALUE: 1e300 is too large" in said and ".yaml:" not in said
    assert (mini / "hf1-flaechen.yaml").read_bytes() == before


@pytest.mark.slow
def test_ctrl_c_at_any_moment_of_an_edit_is_one_line_and_exit_130(mini: Path) -> None:
    """40 Ctrl-Cs spread over an edit, each counted from the moment mpi's own code runs
    (before that, Python's start-up is not mpi's): the edit is done (exit 0) or interrupted
    (exit 130, "mpi: interrupted"), never a traceback or an internal error, and the plan
    stays valid. The probe saw 3 tracebacks and 1 exit 3 in 100 random ones."""
    import time

    for step in range(40):
        process = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-m", "mpi", "note", "HF1.1", f"Sachstand {step}",
             "--plan", str(mini), "--lang", "en"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert process.stderr is not None
        for line in process.stderr:
            if line.rsplit("|", 1)[-1].strip() == "mpi.cli":
                break
        time.sleep(step * 0.015)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        said = [line for line in err.splitlines() if not line.startswith("import time:")]
        assert "Traceback" not in err and "internal error" not in err, err
        assert process.returncode in (0, 130), (step, process.returncode, said)
        if process.returncode == 130:
            assert said[-1] == "mpi: interrupted" and len(said) <= 2, said
    mpi("validate", plan=mini)


def test_a_report_in_a_repository_without_a_commit_says_so(tmp_path: Path) -> None:
    """As `mpi init` leaves it: in git, nothing committed yet (it said "not in git")."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(MINI, tmp_path / "plan")
    git(tmp_path, "init", "-q")
    assert "the plan (in a git repository, not committed yet);" in made_from(tmp_path / "plan")


def test_an_edit_gives_no_acl_the_file_did_not_have(mini: Path) -> None:
    """The new file inherited the directory's default ACL (a user it names could read it)."""
    path = mini / "hf1-flaechen.yaml"
    path.chmod(0o640)
    default = _acl(
        (1, 6, NOBODY), (2, 7, 65534), (4, 4, NOBODY), (0x10, 7, NOBODY), (0x20, 0, NOBODY)
    )
    try:
        os.setxattr(mini, "system.posix_acl_default", default)
    except OSError as exc:
        pytest.skip(f"this file system keeps no ACL: {exc}")
    mpi("note", "HF1.1", "Sachstand", plan=mini)
    assert "system.posix_acl_access" not in os.listxattr(path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_the_users_git_configuration_changes_nothing_history_reads(
    repo: Path, tmp_path: Path
) -> None:
    """`log.showRoot = false` dropped the first version; `i18n.logOutputEncoding = UTF-16`
    made history fail with an internal error."""
    break_plan(repo, HF1, STAGE_1, STAGE_1.replace("2030", "2031"))
    git(repo.parent, "commit", "-q", "-am", "moved")
    plain = _history(repo)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        "[log]\n\tshowRoot = false\n\tshowSignature = true\n\tfollow = false\n"
        "[i18n]\n\tlogOutputEncoding = UTF-16\n[color]\n\tui = always\n"
        "[format]\n\tpretty = oneline\n[core]\n\tpager = false\n\tquotePath = true\n",
        encoding="utf-8",
    )
    said = mpi("history", "HF1.15", plan=repo, lang="en", env={"HOME": str(home)}).stdout
    assert said == plain and "2030 → 2031" in said


@pytest.mark.parametrize("typed", ["1_000", "1__0", "_1", "1e_5", "1e23", "123e20", "1e50"])
def test_a_number_python_reads_but_people_do_not_or_that_cannot_be_written_exactly(
    mini: Path, typed: str
) -> None:
    """Decimal takes underscores; 1e23 was written as 99999999999999991611392."""
    before = (mini / "hf1-flaechen.yaml").read_bytes()
    said = mpi("record", "flaechenreserve", typed, plan=mini, lang="en", code=2).stderr
    assert said.startswith("mpi: VALUE:"), said
    assert (mini / "hf1-flaechen.yaml").read_bytes() == before


@pytest.mark.parametrize("char", ["\u2800", "\ufe0f"])
def test_an_invisible_character_typed_into_an_id_is_an_escape_in_the_message(
    mini: Path, char: str
) -> None:
    said = mpi("milestone", "HF1.2", f"st{char}x", "done", plan=mini, lang="en", code=2).stderr
    assert char not in said and f"st\\u{ord(char):04x}x" in said


def test_an_emoji_keeps_its_presentation_selector() -> None:
    from mpi.render.safe import one_line

    assert one_line("Herz ❤\ufe0f, Text a\ufe0f") == "Herz ❤\ufe0f, Text a\\ufe0f"


def test_validate_says_its_summary_in_one_line_however_long_the_path(tmp_path: Path) -> None:
    plan = tmp_path / ("ein-sehr-langer-name-fuer-den-ordner-des-plans-" * 3)
    shutil.copytree(MINI, plan)
    said = mpi("validate", plan=plan, lang="en").stderr
    assert said.count("\n") == 1 and said.startswith("plan is valid")


def test_a_plan_yaml_that_is_no_file_is_this_plan_not_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by searching the working directory, a FIFO plan.yaml made mpi go on to the
    shipped plan, as if there were none here."""
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    (plan / "plan.yaml").unlink()
    os.mkfifo(plan / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    said = mpi("status", lang="en", env={"MPI_PLAN": None}, code=2)
    assert "plan.yaml:1:1: error: " in said.stderr and "  [not-a-file]" in said.stderr
    assert "HF3" not in said.stdout  # the shipped plan has five fields, this one two


def test_a_tiny_value_is_written_as_a_number_every_yaml_reader_reads(mini: Path) -> None:
    import yaml

    mpi("record", "flaechenreserve", "0,0000000000000000000001", plan=mini, lang="en")
    text = (mini / "hf1-flaechen.yaml").read_text(encoding="utf-8")
    assert "value: 1.0e-22" in text
    data = yaml.safe_load(text)  # PyYAML reads YAML 1.1: 1e-22 would be a string
    values = data["measures"][0]["indicators"][0]["values"]
    assert values[-1]["value"] == 1e-22


def test_a_ctrl_c_while_pydantic_validates_comes_after_it() -> None:
    """pydantic-core swallowed a Ctrl-C that came while it compiled a pattern and left the
    validator broken (a valid plan then read as invalid); SIGINT is held while models are
    built and run, and delivered after."""
    code = (
        "import os, signal\n"
        # as mpi's entry point does: a shell that started the run in the background may have
        # left SIGINT ignored, and an ignored signal is inherited
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from mpi.loading.schema_errors import held_ctrl_c\n"
        "steps = []\n"
        "try:\n"
        "    with held_ctrl_c():\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        steps.append('validated')\n"
        "    steps.append('after')\n"
        "except KeyboardInterrupt:\n"
        "    steps.append('interrupted')\n"
        "print(steps)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "['validated', 'interrupted']", done.stderr
