"""Rich building blocks of the text format: inert cells, tables, status colours and bars."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mpi.domain.words import MEASURE_STATUSES
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


STATUS_STYLE = {
    "done": "green",
    "in_progress": "cyan",
    "ongoing": "blue",
    "planned": "white",
    "at_risk": "yellow",
    "dropped": "red",
    "open": "white",
    "missed": "red",
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


def table(*columns: tuple[str, dict[str, Any]], title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD,
        title=title,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        highlight=False,
    )
    for name, options in columns:
        table.add_column(name, **{"overflow": "fold", **options})
    return table


def id_column(name: str, ids: Iterable[str]) -> tuple[str, dict[str, Any]]:
    width = max([len(name), *(len(i) for i in ids)])
    return name, {"no_wrap": True, "min_width": width, "style": "bold"}


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
                out.append(" · ")
            out.append(f"{by_status[name]} {name}", style=STATUS_STYLE[name])
    return out
