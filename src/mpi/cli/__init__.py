"""The `mpi` command line: parse, call a view or an edit, print, exit code. No plan logic here."""

from mpi.cli.app import app, main

__all__ = ["app", "main"]
