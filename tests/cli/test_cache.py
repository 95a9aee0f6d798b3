"""The output cache answers only when every input is the same, and never serves stale data."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import break_plan


def mpi(plan: Path, cache: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MPI_CACHE_DIR": str(cache), "COLUMNS": "80", **env}
    environment.pop("MPI_NO_CACHE", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "mpi", *args, "--plan", str(plan)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_second_run_is_served_from_the_cache(mini: Path, cache: Path) -> None:
    first = mpi(mini, cache, "status", "--today", "2026-11-25")
    assert first.returncode == 0 and first.stdout
    [entry] = list(cache.iterdir())
    # Prove the second answer comes from the entry: give it a different (valid) payload.
    payload = b"from the cache\n"
    entry.write_bytes(
        b"mpi-cache-1\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    )
    assert mpi(mini, cache, "status", "--today", "2026-11-25").stdout == "from the cache\n"


def test_changed_plan_is_never_answered_from_the_cache(mini: Path, cache: Path) -> None:
    before = mpi(mini, cache, "show", "HF1.1", "--format", "json").stdout
    break_plan(mini, "hf1-flaechen.yaml", "    status: ongoing", "    status: at_risk")
    after = mpi(mini, cache, "show", "HF1.1", "--format", "json").stdout
    assert '"status": "ongoing"' in before and '"status": "at_risk"' in after
    assert len(list(cache.iterdir())) == 2


@pytest.mark.parametrize("change", [["--today", "2031-01-01"], ["--format", "json"]])
def test_other_arguments_get_other_entries(mini: Path, cache: Path, change: list[str]) -> None:
    base = mpi(mini, cache, "due", "--overdue", "--today", "2026-11-25").stdout
    other = mpi(mini, cache, "due", "--overdue", "--today", "2026-11-25", *change).stdout
    assert base != other


def test_terminal_settings_are_part_of_the_key(mini: Path, cache: Path) -> None:
    narrow = mpi(mini, cache, "list", COLUMNS="60").stdout
    wide = mpi(mini, cache, "list", COLUMNS="150").stdout
    assert max(map(len, narrow.splitlines())) <= 60 < max(map(len, wide.splitlines()))


def test_corrupt_entry_is_ignored(mini: Path, cache: Path) -> None:
    good = mpi(mini, cache, "timeline").stdout
    [entry] = list(cache.iterdir())
    entry.write_bytes(entry.read_bytes()[:-20])
    assert mpi(mini, cache, "timeline").stdout == good


def test_failures_and_disabled_cache_store_nothing(mini: Path, cache: Path) -> None:
    assert mpi(mini, cache, "status", MPI_NO_CACHE="1").returncode == 0
    assert not cache.exists() or not list(cache.iterdir())
    break_plan(mini, "hf1-flaechen.yaml", "    status: ongoing", "    status: kaputt")
    assert mpi(mini, cache, "status").returncode == 1
    assert mpi(mini, cache, "status").returncode == 1
    assert not cache.exists() or not list(cache.iterdir())


def test_unwritable_cache_falls_back_silently(mini: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    result = mpi(mini, blocked / "cache", "status")
    assert result.returncode == 0 and result.stdout and result.stderr == ""
