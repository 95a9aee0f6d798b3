"""Rich building blocks of the text format: inert cells, tables, status colours and bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpi.domain.words import MEASURE_STATUSES
from mpi.render.provenance import status as status_word
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from mpi.render.provenance import Notes


STATUS_STYLE = {
    "done": "green",
    "in_progress": "cyan",
    "ongoing": "blue",
    "planned": "white",
    "at_risk": "yellow",
    "dropped": "red",
    "open": "white",
    "missed": "red",
    "overdue": "bold red",
    "delayed": "yellow",
    "context": "dim",
}
# Each status has its own glyph so the bar reads without colour too.
STATUS_GLYPH = {
    "done": "█",
    "in_progress": "▓",
    "ongoing": "▒",
    "planned": "░",
    "at_risk": "!",
    "dropped": "x",
}
BAR_WIDTH = 10


def t(value: Any, style: str = "") -> Text:
    """Untrusted plan text as a single line of inert Text."""
    from rich.text import Text

    return Text(one_line("" if value is None else str(value)), style=style)


def status_bar(by_status: dict[str, int], total: int) -> Text:
    """A stacked bar of measures by status, BAR_WIDTH cells wide."""
    from rich.text import Text

    bar = Text()
    if total == 0:
        return Text(" " * BAR_WIDTH)
    cells = 0
    for name in ("done", "in_progress", "ongoing", "planned", "at_risk", "dropped"):
        count = by_status.get(name, 0)
        width = round(count * BAR_WIDTH / total)
        width = min(width, BAR_WIDTH - cells)
        if count and width == 0 and cells < BAR_WIDTH:
            width = 1
        bar.append(STATUS_GLYPH[name] * width, style=STATUS_STYLE[name])
        cells += width
    return bar


def breakdown(by_status: dict[str, int]) -> Text:
    from rich.text import Text

    out = Text()
    for name in MEASURE_STATUSES:
        if by_status.get(name):
            if out:
                out.append("\u00a0· ")  # a line ends with the dot, not begins with it
            said = f"{by_status[name]} {status_word(name)}".replace(" ", "\u00a0")  # whole
            out.append(said, style=STATUS_STYLE[name])
    return out


def indent(renderable: RenderableType) -> RenderableType:
    """`renderable` two cells in, each of its lines (a section's body under its heading)."""
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, 2))


def notes_text(notes: Notes) -> list[RenderableType]:
    """The notes below a table: how each marked date or target is known, each hanging under
    its number."""
    from rich.text import Text

    if not notes.items:
        return []
    return [Text(""), notes_grid(notes, "dim")]


def notes_grid(notes: Notes, style: str = "") -> RenderableType:
    from mpi.render.formats._grid import hanging

    grid = hanging(style=style)
    for line in notes.lines():
        number, _space, said = one_line(line).partition(" ")
        grid.add_row(number, said)
    return grid
