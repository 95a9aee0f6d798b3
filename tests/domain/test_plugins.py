"""mpi loads no pydantic plugins, and pydantic loses nothing else by it (mpi.domain.plugins)."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_building_the_models_reads_no_package_metadata() -> None:
    code = (
        "import sys\n"
        "import mpi.domain.model\n"
        "loader = sys.modules['pydantic.plugin._loader']\n"
        "print('importlib.metadata' in sys.modules, list(loader.get_plugins()))\n"
    )
    assert run(code) == "False []"


def test_anything_else_comes_from_pydantics_own_loader() -> None:
    """A later pydantic asking the loader for another name gets the real one, and models
    built after that still validate."""
    code = (
        "import sys\n"
        "import mpi.domain.model\n"
        "from mpi.domain.plugins import LOADER\n"
        "print(sys.modules[LOADER].PYDANTIC_ENTRY_POINT_GROUP)\n"
        "from pydantic import BaseModel\n"
        "class Later(BaseModel):\n"
        "    a: int\n"
        "print(Later.model_validate({'a': 1}).a, sys.modules[LOADER].__file__.endswith('.py'))\n"
    )
    assert run(code).splitlines() == ["pydantic", "1 True"]


def test_a_loader_already_imported_is_left_alone() -> None:
    code = (
        "import sys\n"
        "import pydantic.plugin._loader as real\n"
        "import mpi.domain.model\n"
        "print(sys.modules['pydantic.plugin._loader'] is real)\n"
    )
    assert run(code) == "True"
