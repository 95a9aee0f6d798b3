"""How the mpi command starts (mpi.console): it loads no pydantic plugins, and pydantic loses
nothing else by it, while a program that imports mpi keeps its plugins (mpi.cli.plugins); and
it runs without the cycle collector."""

from __future__ import annotations

import subprocess
import sys

# What a cold `mpi status` process has: its loader and whether importlib.metadata came in.
AFTER_STATUS = (
    "import sys\n"
    "sys.argv = ['mpi', 'status']\n"
    "from mpi.console import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "loader = sys.modules['pydantic.plugin._loader']\n"
    "print('importlib.metadata' in sys.modules, list(loader.get_plugins()), file=sys.stderr)\n"
)


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_the_command_reads_no_package_metadata() -> None:
    assert run(AFTER_STATUS) == "False []"


def test_the_stand_in_takes_whatever_a_later_pydantic_passes() -> None:
    from mpi.cli.plugins import _no_plugins

    assert _no_plugins() == _no_plugins("settings", kind="model") == ()


def test_anything_else_comes_from_pydantics_own_loader() -> None:
    """A later pydantic asking the loader for another name gets the real one, and models
    built after that still validate."""
    code = (
        "import sys\n"
        "from mpi.cli.plugins import LOADER, without_plugins\n"
        "without_plugins()\n"
        "import mpi.domain.model\n"
        "print(sys.modules[LOADER].PYDANTIC_ENTRY_POINT_GROUP, file=sys.stderr)\n"
        "from pydantic import BaseModel\n"
        "class Later(BaseModel):\n"
        "    a: int\n"
        "real = sys.modules[LOADER].__file__.endswith('.py')\n"
        "print(Later.model_validate({'a': 1}).a, real, file=sys.stderr)\n"
    )
    assert run(code) == "1 True"


def test_a_program_that_imports_mpi_keeps_its_plugins() -> None:
    code = (
        "import sys\n"
        "import mpi.domain.model\n"
        "print(sys.modules['pydantic.plugin._loader'].__file__.endswith('.py'), file=sys.stderr)\n"
    )
    assert run(code) == "True"


def test_a_loader_already_imported_is_left_alone() -> None:
    code = (
        "import sys\n"
        "import pydantic.plugin._loader as real\n"
        "from mpi.cli.plugins import without_plugins\n"
        "without_plugins()\n"
        "print(sys.modules['pydantic.plugin._loader'] is real, file=sys.stderr)\n"
    )
    assert run(code) == "True"


def test_the_command_runs_without_the_cycle_collector() -> None:
    """mpi.console turns the collector off for the run; the loader's own switching (off
    while it reads, then back as it was) leaves it off."""
    code = AFTER_STATUS.replace(
        "loader = sys.modules",
        "import gc\nprint('collecting:', gc.isenabled(), file=sys.stderr)\nloader = sys.modules",
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "collecting: False" in result.stderr
