"""Several people writing one plan folder: owners and groups kept, in-place writers survived."""

from __future__ import annotations

import grp
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import mpi as mpi_package
from helpers import MINI, mpi
from mpi.loading.load import load_plan, require_plan

HF1 = "hf1-flaechen.yaml"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TOOLS = all(shutil.which(t) for t in ("useradd", "groupadd", "userdel", "groupdel", "setpriv"))
# Names of this run's own: two runs on one machine never delete each other's users.
GROUP, OWNER, EDITOR = (f"mpi-{role}-{os.getpid()}" for role in ("team", "owner", "editor"))


@pytest.mark.root
@pytest.mark.skipif(not ROOT, reason="only root can give a file to another user")
def test_root_keeps_owner_group_and_mode(mini: Path) -> None:
    path = mini / HF1
    os.chown(path, 4242, 4343)
    os.chmod(path, 0o640)
    mpi("note", "HF1.1", "von root", plan=mini)
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4343, 0o640)


@pytest.fixture(scope="module")
def team() -> Iterator[tuple[int, int, int]]:
    """A group and two of its members: the file's owner and another editor (root only)."""
    if not (ROOT and TOOLS):
        pytest.skip("needs root and useradd/setpriv to act as a second user")
    import pwd

    try:
        subprocess.run(["groupadd", GROUP], check=True)
        for user in (OWNER, EDITOR):
            subprocess.run(["useradd", "-M", "-N", "-g", GROUP, user], check=True)
        gid = grp.getgrnam(GROUP).gr_gid
        for user in (OWNER, EDITOR):
            uid = pwd.getpwnam(user).pw_uid
            if not can_read(uid, gid, Path(mpi_package.__file__)):
                pytest.skip(
                    f"{user} cannot read {mpi_package.__file__}: the checkout lies in a "
                    "directory other users cannot enter, so mpi cannot run as another user"
                )
        yield pwd.getpwnam(OWNER).pw_uid, pwd.getpwnam(EDITOR).pw_uid, gid
    finally:
        for user in (OWNER, EDITOR):
            subprocess.run(["userdel", user], capture_output=True)
        subprocess.run(["groupdel", GROUP], capture_output=True)


def can_read(uid: int, gid: int, path: Path) -> bool:
    """Whether that user can read `path` (os.access answers for this process, root)."""
    probe = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "test", "-r"]
    return subprocess.run([*probe, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the team can reach (pytest's own folders are root's alone)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="mpi-team-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def shared_plan(tmp_path: Path, owner: int, gid: int, mode: int) -> Path:
    plan = tmp_path / "team" / "plan"
    shutil.copytree(MINI, plan)
    for directory in (tmp_path / "team", plan):
        os.chown(directory, owner, gid)
        os.chmod(directory, 0o2775)
    for path in plan.iterdir():
        os.chown(path, owner, gid)
        os.chmod(path, mode)
    os.chmod(tmp_path, 0o755)
    return plan


def as_user(uid: int, gid: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", sys.executable, "-m",
         "mpi", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": "/tmp"},
    )  # fmt: skip


@pytest.mark.root
def test_a_group_member_edits_a_colleagues_file_and_both_keep_access(
    shared_dir: Path, team: tuple[int, int, int]
) -> None:
    owner, editor, gid = team
    plan = shared_plan(shared_dir, owner, gid, 0o664)
    result = as_user(editor, gid, "note", "HF1.1", "vom Kollegen", "--plan", str(plan))
    assert result.returncode == 0, result.stderr
    info = (plan / HF1).stat()
    assert (info.st_gid, stat.S_IMODE(info.st_mode)) == (gid, 0o664)
    again = as_user(owner, gid, "note", "HF1.1", "von der Besitzerin", "--plan", str(plan))
    assert again.returncode == 0, again.stderr
    texts = [u.text for u in require_plan(load_plan(plan)).fields[0].measures[0].updates]
    assert texts == ["vom Kollegen", "von der Besitzerin"]


@pytest.mark.root
def test_an_edit_that_would_lock_the_owner_out_is_refused(
    shared_dir: Path, team: tuple[int, int, int]
) -> None:
    owner, editor, gid = team
    plan = shared_plan(shared_dir, owner, gid, 0o644)
    before = (plan / HF1).read_bytes()
    result = as_user(editor, gid, "note", "HF1.1", "x", "--plan", str(plan))
    assert result.returncode == 1 and f"lock {OWNER} out" in result.stderr
    assert (plan / HF1).read_bytes() == before and (plan / HF1).stat().st_uid == owner
    assert not [p for p in plan.iterdir() if p.name.endswith(".tmp")]


def test_an_in_place_writer_never_makes_mpi_lose_measures(mini: Path) -> None:
    """Another program truncates and rewrites the file slowly while mpi writes notes."""
    path = mini / HF1
    original = path.read_bytes()
    stop = threading.Event()

    def rewrite_slowly() -> None:
        while not stop.is_set():
            with path.open("r+b") as handle:
                handle.truncate(0)
                handle.write(original[: len(original) // 2])
                handle.flush()
                time.sleep(0.02)
                handle.write(original[len(original) // 2 :])
            time.sleep(0.01)

    writer = threading.Thread(target=rewrite_slowly)
    writer.start()
    try:
        outcomes = [
            subprocess.run(
                [sys.executable, "-m", "mpi", "note", "HF1.1", f"Notiz {i}", "--plan", str(mini)],
                capture_output=True,
                text=True,
            )
            for i in range(6)
        ]
    finally:
        stop.set()
        writer.join()
    for outcome in outcomes:
        assert outcome.returncode in (0, 1, 2), outcome.stderr
        assert "Traceback" not in outcome.stderr
    plan = require_plan(load_plan(mini))
    assert [m.id for m in plan.fields[0].measures] == ["HF1.1", "HF1.2"]
