"""Rich building blocks of the text format: inert cells, tables, status colours and bars."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mpi.domain.words import MEASURE_STATUSES
from mpi.render.provenance import status as status_word
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
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


def fixed(name: str, cells: Iterable[str]) -> tuple[str, dict[str, Any]]:
    """A column of ids, dates, numbers or statuses: never wrapped, never cut."""
    width = max([len(name), *(len(c) for c in cells)])
    return name, {"no_wrap": True, "min_width": width}


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
            out.append(f"{by_status[name]} {status_word(name)}", style=STATUS_STYLE[name])
    return out


class Fit:
    """A table whose columns fit the terminal without cutting a value.

    Fixed columns (ids, dates, numbers, statuses) always get their full width (or the
    width the column was given, where its longest lines are meant to wrap); flexible
    columns (titles, names) share what is left, each at least its longest word where that
    fits, the rest by weight up to what they need. rich's own table shrinks no_wrap columns
    when space is short, which cut `2026-12` to `2026-1`; this computes the widths itself,
    when the width is known (at render time), and hands rich exact widths.
    """

    def __init__(self, table: Table, flexible: dict[int, int]) -> None:
        self.table = table
        self.flexible = flexible  # column index -> weight

    def __rich_console__(self, console: Any, options: Any) -> Any:
        table = self.table
        columns = table.columns
        cells = [[_plain(c) for c in column._cells] for column in columns]
        natural = [
            max([_widest(column.header if isinstance(column.header, str) else ""), *(
                _widest(text) for text in texts
            )])
            for column, texts in zip(columns, cells, strict=True)
        ]  # fmt: skip
        # A fixed column given a width keeps it (a date with a long mark below it wraps).
        natural = [c.width or n for c, n in zip(columns, natural, strict=True)]
        heads = [
            max([1, *(len(w) for w in _plain(column.header).split())]) for column in columns
        ]  # a header's words never fold
        words = [
            max([heads[i], *(len(w) for text in texts for w in text.split())])
            for i, texts in enumerate(cells)
        ]
        # What the table adds around the cells: column separators and each cell's padding.
        padding = sum(table._get_padding_width(i) for i in range(len(columns)))
        available = options.max_width - table._extra_width - padding
        fixed = sum(w for i, w in enumerate(natural) if i not in self.flexible)
        left = available - fixed
        widths = list(natural)
        flexible = sorted(self.flexible)
        minimum = {i: min(natural[i], max(words[i], 6)) for i in flexible}
        if sum(minimum.values()) >= left:
            # Too narrow for every word: flexible columns give way, those of least weight
            # first (tags before titles), the widest of them, never below their header's
            # longest word (their long words fold); fixed columns never do.
            for i in flexible:
                widths[i] = minimum[i]
            while sum(widths[i] for i in flexible) > left:
                giving = [i for i in flexible if widths[i] > max(4, heads[i])]
                if not giving:
                    break
                lightest = min(self.flexible[i] for i in giving)
                widest = max(
                    (i for i in giving if self.flexible[i] == lightest), key=lambda i: widths[i]
                )
                widths[widest] -= 1
        else:
            for i in flexible:
                widths[i] = minimum[i]
            spare = left - sum(minimum.values())
            while spare > 0:
                wanting = [i for i in flexible if widths[i] < natural[i]]
                if not wanting:
                    break
                total = sum(self.flexible[i] for i in wanting)
                given = 0
                for i in wanting:
                    share = max(1, spare * self.flexible[i] // total)
                    share = min(share, natural[i] - widths[i], spare - given)
                    widths[i] += share
                    given += share
                if given == 0:
                    break
                spare -= given
        from rich.table import Table

        fitted = Table(
            box=table.box,
            title=table.title,
            title_justify=table.title_justify,
            show_edge=table.show_edge,
            pad_edge=table.pad_edge,
            highlight=False,
            expand=False,
        )
        for column, width in zip(columns, widths, strict=True):
            fitted.add_column(
                column.header,
                width=width,
                no_wrap=column.no_wrap,
                overflow="fold",
                justify=column.justify,
                style=column.style,
            )
        rows = zip(*(column._cells for column in columns), strict=True)
        for row, renderables in zip(table.rows, rows, strict=True):
            fitted.add_row(*renderables, style=row.style, end_section=row.end_section)
        yield fitted


def _widest(text: str) -> int:
    """The width of the longest line of a cell or a header (headers may have two lines)."""
    return max((len(line) for line in text.split("\n")), default=0)


def _plain(cell: Any) -> str:
    return cell.plain if hasattr(cell, "plain") else str(cell)


def notes_text(notes: Notes) -> list[RenderableType]:
    """The notes below a table: how each marked date or target is known."""
    from rich.text import Text

    if not notes.items:
        return []
    return [Text(""), *(Text(one_line(line), style="dim") for line in notes.lines())]
