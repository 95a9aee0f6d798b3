"""Commands of the reports group, registered on the main Typer app (imported by cli.py)."""

from __future__ import annotations

from mpi.cli import app  # noqa: F401  (commands below register on it)
