"""How the mpi command starts (mpi.console): with pydantic's documented switch for plugins
off (no entry point of any installed package is read), a switch the user may set otherwise;
a program that imports mpi keeps its plugins; and it runs without the cycle collector."""

from __future__ import annotations

import os
import subprocess
import sys

# What a cold `mpi status` process has: the switch, and whether importlib.metadata came in.
AFTER_STATUS = (
    "import os, sys\n"
    "sys.argv = ['mpi', 'status']\n"
    "from mpi.console import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "import gc\n"
    "print('collecting:', gc.isenabled(), file=sys.stderr)\n"
    "print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'), file=sys.stderr)\n"
)


def run(code: str, **env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**environ, **env}
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-2:]


def test_the_command_loads_no_pydantic_plugins() -> None:
    assert run(AFTER_STATUS)[-1] == "__all__"


def test_a_users_own_setting_of_the_switch_stands() -> None:
    assert run(AFTER_STATUS, PYDANTIC_DISABLE_PLUGINS="logfire")[-1] == "logfire"


def test_a_program_that_imports_mpi_keeps_its_plugins() -> None:
    code = (
        "import os, sys\n"
        "import mpi.domain.model\n"
        "print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'), file=sys.stderr)\n"
        "print('-', file=sys.stderr)\n"
    )
    assert run(code) == ["None", "-"]


def test_the_command_runs_without_the_cycle_collector() -> None:
    """mpi.console turns the collector off for the run; the loader's own switching (off
    while it reads, then back as it was) leaves it off."""
    assert run(AFTER_STATUS)[0] == "collecting: False"
