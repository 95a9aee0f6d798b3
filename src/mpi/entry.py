"""Console-script entry point: answer from the output cache before importing the CLI."""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    from mpi import cache

    if cache.serve(sys.argv[1:]):
        raise SystemExit(0)
    from mpi.cli import main as cli_main

    cli_main()
