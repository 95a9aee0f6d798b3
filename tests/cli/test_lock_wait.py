"""An edit that finds another writer at the plan says at once that it waits and for whom,
and `--wait SECONDS` sets how long (issue 31, point 16)."""

from __future__ import annotations

import fcntl
import getpass
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import mpi


@contextmanager
def held(directory: Path) -> Iterator[int]:
    """The plan's lock, held by this process (as another mpi would hold it)."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield fd
    finally:
        os.close(fd)


@pytest.mark.skipif(not os.path.exists("/proc/locks"), reason="no /proc/locks (not Linux)")
def test_a_waiting_edit_says_for_whom_and_gives_up_after_wait(mini: Path) -> None:
    before = (mini / "hf1-flaechen.yaml").read_bytes()
    with held(mini):
        started = time.monotonic()
        result = mpi("note", "HF1.1", "Gespräch", "--wait", "1", plan=mini, lang="de", code=1)
        took = time.monotonic() - started
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    who = f"PID {os.getpid()} ({getpass.getuser()}: "
    assert lines[0].startswith(f"mpi: wartet auf {who}"), lines[0]
    assert lines[0].endswith(
        f", das den Plan in {mini} gerade schreibt; höchstens 1 s (--wait SEKUNDEN ändert das)"
    ), lines[0]
    assert lines[1].startswith(f"mpi: {who}") and lines[1].endswith(
        f"schreibt den Plan in {mini} nach 1 s noch immer; nichts wurde geschrieben: den "
        "Befehl erneut ausführen oder mit --wait SEKUNDEN länger warten"
    ), lines[1]
    assert 1 <= took < 10
    assert (mini / "hf1-flaechen.yaml").read_bytes() == before


def test_wait_0_gives_up_at_once_naming_the_writer(mini: Path) -> None:
    with held(mini):
        started = time.monotonic()
        result = mpi("note", "HF1.1", "Gespräch", "--wait", "0", plan=mini, code=1)
        assert time.monotonic() - started < 5
    assert result.stderr.startswith("mpi: ") and "is still writing the plan" in result.stderr
    assert "waiting for" not in result.stderr  # it did not wait


def test_the_edit_goes_on_once_the_other_writer_is_done(mini: Path) -> None:
    with held(mini) as fd:
        threading.Timer(0.5, lambda: fcntl.flock(fd, fcntl.LOCK_UN)).start()
        result = mpi("note", "HF1.1", "Gespräch geführt", plan=mini)
    assert result.stderr.startswith("mpi: waiting for ")
    assert "up to 30 s" in result.stderr and "note added" in result.stderr
    assert "Gespräch geführt" in (mini / "hf1-flaechen.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("wait", ["-1", "86401"])
def test_wait_is_a_number_of_seconds(mini: Path, wait: str) -> None:
    result = mpi("note", "HF1.1", "x", "--wait", wait, plan=mini, code=2)
    assert "--wait" in result.stderr
