"""fsutil.atomic_write: the one writer behind edits, reports and calendars."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from helpers import mpi
from mpi.fsutil import NotRegularFile, atomic_write, remove_stale_temps


def test_new_file_gets_the_umask_and_an_existing_one_keeps_its_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "new.txt"
    old = os.umask(0o022)
    try:
        assert atomic_write(fresh, b"a") is None
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    os.chmod(fresh, 0o600)
    atomic_write(fresh, b"b")
    assert fresh.read_bytes() == b"b" and stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_only_a_regular_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(b"keep")
    link = tmp_path / "out.txt"
    link.symlink_to(target)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (link, fifo, tmp_path):
        with pytest.raises(NotRegularFile):
            atomic_write(path, b"new")
    assert link.is_symlink() and target.read_bytes() == b"keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.txt", "out.txt", "pipe"]


def test_a_failed_rename_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"old")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def fail_directory_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """fsync works on files and fails on directories (as on some network file systems)."""
    real = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_failed_directory_sync_after_the_rename_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.md"
    fail_directory_fsync(monkeypatch)
    warning = atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert warning is not None and "could not be synced" in warning


def test_an_edit_whose_directory_sync_fails_succeeds_with_a_warning(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_directory_fsync(monkeypatch)
    result = mpi("note", "HF1.1", "Notiz", plan=mini)
    assert "mpi: warning:" in result.stderr and "could not be synced" in result.stderr
    assert "Notiz" in (mini / "hf1-flaechen.yaml").read_text(encoding="utf-8")


def test_stale_temp_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / ".hf1.yaml.mpi-999999999-0123456789ab.tmp"
    alive = tmp_path / f".hf1.yaml.mpi-{os.getpid()}-0123456789ab.tmp"
    other = tmp_path / ".hf1.yaml.tmp"
    for path in (dead, alive, other):
        path.write_bytes(b"x")
    remove_stale_temps(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])
