"""The output formats: each module in `mpi.render.formats` declares the views it can draw.

A format module defines `FORMAT = Format(name, {view: draw})`; the registry finds it by
listing the package, so a new format is one new file. `choices(view)` feeds the commands'
`--format` options. Format modules import their heavy libraries (rich, jinja2, icalendar)
inside the draw functions, so listing them stays cheap.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from rich.console import RenderableType


@dataclass(frozen=True)
class Unwrapped:
    """Rich text whose lines are never wrapped at the terminal's width (FILE:LINE:COL lines)."""

    renderable: RenderableType


# What a draw function returns: text, bytes (a calendar), or rich renderables (tables).
Drawn = Union[str, bytes, Unwrapped, "RenderableType"]
Draw = Callable[[Any], Drawn]

# The order choices are listed in; a format not named here comes after these, by name.
PREFERRED = ("text", "json", "csv", "markdown", "html", "docx", "github", "ics")


@dataclass(frozen=True)
class Format:
    """An output format: its `--format` name and a draw function per view it can draw.

    `piped` draws views differently when the output goes to a pipe or file instead of a
    terminal (one record per line, no wrapping or padding), where the format needs that.
    """

    name: str
    draws: Mapping[str, Draw]
    piped: Mapping[str, Draw] = field(default_factory=dict)


@cache
def formats() -> dict[str, Format]:
    """Every format, found in the `mpi.render.formats` package, in PREFERRED order."""
    from mpi.render import formats as package

    found: dict[str, Format] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        declared = getattr(module, "FORMAT", None)
        if isinstance(declared, Format):
            found[declared.name] = declared

    def rank(name: str) -> tuple[int, str]:
        return (PREFERRED.index(name) if name in PREFERRED else len(PREFERRED), name)

    return {name: found[name] for name in sorted(found, key=rank)}


def choices(view: str) -> list[str]:
    """The names of the formats that can draw `view`."""
    return [name for name, f in formats().items() if view in f.draws]


def draw(format: str, view: str, data: Any, *, terminal: bool = True) -> Drawn:
    """Draw `data` of `view` in `format` (one of `choices(view)`), for a terminal or not."""
    chosen = formats()[format]
    if not terminal and view in chosen.piped:
        return chosen.piped[view](data)
    return chosen.draws[view](data)
