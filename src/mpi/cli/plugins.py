"""The mpi command loads no pydantic plugins (a program that imports mpi keeps its own).

Pydantic looks for plugins (observability hooks such as logfire) the first time it builds a
model: it imports `importlib.metadata` and reads the entry points of every installed package,
about 13 ms of each start-up on this machine (benchmarks/README.md), for plugins mpi never
uses and would not want inside its validation. Pydantic's switch for this,
PYDANTIC_DISABLE_PLUGINS, still pays for the import, so `without_plugins()` puts a loader
module in its place that finds none. Whatever else pydantic may ask of that module (a later
version) comes from the real one, imported then: the worst case is the 13 ms, never an error.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"


def without_plugins() -> None:
    """From now on pydantic's plugin loader finds no plugins (called by the console script
    before anything imports pydantic; a model built before keeps what it found)."""
    if LOADER in sys.modules:  # a model was built already: nothing left to save
        return
    stub = types.ModuleType(LOADER, "mpi's stand-in: no pydantic plugins (mpi.cli.plugins)")
    vars(stub).update(get_plugins=_no_plugins, __getattr__=_real)
    sys.modules[LOADER] = stub


def _no_plugins(*_args: object, **_kwargs: object) -> tuple[()]:
    return ()


def _real(name: str) -> Any:
    """Any other name: the real loader's (the stand-in steps aside for good). The import
    system's own questions (`__path__`: is it a package?) are answered by the stand-in."""
    if name.startswith("__"):
        raise AttributeError(name)
    sys.modules.pop(LOADER, None)
    return getattr(importlib.import_module(LOADER), name)
