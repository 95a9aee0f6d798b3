"""Tables for the terminal that never cut a value and break words only where German allows.

A `Grid` knows its columns: a key column (an id, a date, a number, a status) never wraps; a
text column wraps at spaces and, where a word is wider than the column, at a German
hyphenation point (pyphen, loaded only then: it costs about half a second). The widths are
computed here, when the terminal's width is known, and rich only draws the lines it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

# What a column of box.SIMPLE_HEAD without outer edge and padding adds between two columns:
# one separator and one space of padding on either side (tests/render/test_grid.py checks it).
GUTTER = 3
# A word runs to a space or a line's end: a no-break space (U+00A0) keeps `bis Dezember 2026`
# whole.
WORD = re.compile(r"[^ \n]+")
NARROWEST = 4  # a text column never gets narrower than this, nor than its header's words


@dataclass(frozen=True)
class Column:
    header: str
    weight: int = 0  # 0: a key column that never wraps; n: wraps, shares spare room by n
    justify: Literal["left", "right"] = "left"
    style: str = ""
    least: int = 0  # a text column's narrowest width, e.g. a date phrase that stays whole


@dataclass
class Grid:
    """Rows of cells under `columns`; each cell a Text (plan text is never markup)."""

    columns: tuple[Column, ...]
    title: str | None = None
    header: bool = True
    rows: list[tuple[list[Text], bool]] = field(default_factory=list)

    def add_row(self, *cells: Text | str, end_section: bool = False) -> None:
        from rich.text import Text

        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        row = [c if isinstance(c, Text) else Text(c) for c in cells]
        self.rows.append((row, end_section))

    def widths(self, available: int) -> list[int]:
        """Each column's width in `available` cells (the gutters are taken off here)."""
        columns = self.columns
        left = available - GUTTER * (len(columns) - 1)
        heads = [c.header if self.header else "" for c in columns]
        natural = [
            max([_widest(heads[i]), *(_widest(row[i].plain) for row, _ in self.rows)])
            for i in range(len(columns))
        ]
        text = [i for i, c in enumerate(columns) if c.weight]
        left -= sum(natural[i] for i in range(len(columns)) if i not in text)
        longest = self._longest()
        floor = {i: max(columns[i].least, NARROWEST, *_words(heads[i])) for i in text}
        widths = list(natural)
        for i in text:  # each text column at least its longest word, where it has room
            widths[i] = min(natural[i], max(floor[i], longest[i]))
        # Too narrow for every word: the column widest for its weight gives way, a cell at a
        # time, down to its floor (its long words then break at a syllable); if that is not
        # enough, down to NARROWEST (a header's word breaks too).
        for least in (floor, dict.fromkeys(text, NARROWEST)):
            while sum(widths[i] for i in text) > left:
                giving = [i for i in text if widths[i] > least[i]]
                if not giving:
                    break
                widest = max(giving, key=lambda i: widths[i] / columns[i].weight)
                widths[widest] -= 1
        spare = left - sum(widths[i] for i in text)
        while spare > 0:
            wanting = [i for i in text if widths[i] < natural[i]]
            if not wanting:
                break
            total = sum(columns[i].weight for i in wanting)
            given = 0
            for i in wanting:
                share = min(max(1, spare * columns[i].weight // total), natural[i] - widths[i])
                share = min(share, spare - given)
                widths[i] += share
                given += share
            spare -= given
            if given == 0:
                break
        return widths

    def _longest(self) -> dict[int, int]:
        """Each text column's longest word."""
        return {
            i: max([0, *(n for row, _ in self.rows for n in _words(row[i].plain))])
            for i, c in enumerate(self.columns)
            if c.weight
        }

    def fits(self, available: int) -> bool:
        """Whether every word of every text column stays whole at this width."""
        widths = self.widths(available)
        return all(widths[i] >= n for i, n in self._longest().items())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich import box
        from rich.table import Table

        widths = self.widths(options.max_width)
        table = Table(
            box=box.SIMPLE_HEAD,
            title=self.title,
            title_justify="left",
            show_header=self.header,
            show_edge=False,
            pad_edge=False,
            highlight=False,
        )
        for column, width in zip(self.columns, widths, strict=True):
            table.add_column(
                column.header,
                width=width,
                no_wrap=True,
                overflow="ignore" if column.weight else "crop",
                justify=column.justify,
                style=column.style,
            )
        for row, end_section in self.rows:
            cells = [
                wrap(cell, width) if column.weight else cell
                for cell, column, width in zip(row, self.columns, widths, strict=True)
            ]
            table.add_row(*cells, end_section=end_section)
        yield table


@dataclass(frozen=True)
class Narrowing:
    """A table drawn as `wide` where each of its words stays whole, else as `narrow` (fewer
    columns, the rest folded under a cell): `mpi list` at 80 columns puts the lead and the tags
    under the title rather than breaking "Infrastruktur" into three lines."""

    wide: Grid
    narrow: Grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if self.wide.fits(options.max_width) else self.narrow


@dataclass(frozen=True)
class Wrapped:
    """Rich text wrapped by `wrap` rather than by rich, whose wrapping breaks at a no-break
    space (`x entfallen`, a legend's glyph and its word) as at any other."""

    text: Text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield wrap(self.text, options.max_width)


@dataclass(frozen=True)
class Lines:
    """Lines of text (`mpi diff`, `mpi history`) that wrap at the terminal's width, each
    going on `hang` cells in, under its text rather than under its mark or its date. Piped,
    the same lines are written whole (`text()`), a record each."""

    lines: tuple[tuple[str, int], ...]  # (line, hang)

    def text(self) -> str:
        return "".join(line + "\n" for line, _hang in self.lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        width = options.max_width
        for line, hang in self.lines:
            hang = min(hang, width // 3)
            wrapped = wrap(Text(line), width - hang).split("\n")
            for index, part in enumerate(wrapped):
                yield Text(" " * hang) + part if index else part


def hanging(key_style: str = "", style: str = "") -> Grid:
    """A list without a header whose text hangs under itself beside its key (a number, an
    id, a dash): the notes, the goals, the partners, the milestones of `mpi show`."""
    return Grid(
        (Column("", style=key_style or style), Column("", weight=1, style=style)), header=False
    )


def whole(words: str) -> str:
    """Words that stay on one line (`bis Dezember 2026`): joined by no-break spaces."""
    return words.replace(" ", "\u00a0")


def _widest(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _words(text: str) -> list[int]:
    return [len(w) for w in WORD.findall(text)]


def wrap(text: Text, width: int) -> Text:
    """`text` in lines of at most `width` cells, broken at spaces; a word wider than a line
    breaks at a hyphen it has or at a German syllable (`Klimafolgen-` / `anpassung`), and only
    a word without either (a URL, a long number) is cut at the width."""
    from rich.text import Text

    lines: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        lines += _wrap_line(line, max(1, width))
    return Text("\n").join(lines)


def _pieces(plain: str) -> list[tuple[int, int]]:
    """The words of a line; a one-letter word stays with the next (`§ 5`) and a road's name
    whole (`A 26 Ost`), and a short word with the number after it (`bis 2037`, `ab 2031`)."""
    out: list[tuple[int, int]] = []
    previous, named = "", False
    for match in WORD.finditer(plain):
        word = match.group()
        letter = len(previous.lstrip("(„‚[")) == 1
        glue = (
            letter
            or named
            or (0 < len(previous) <= 3 and previous.isalpha() and word[:1].isdigit())
        )
        if out and glue:
            out[-1] = (out[-1][0], match.end())
        else:
            out.append(match.span())
        named = letter and word.isdigit()  # `A 26`: the road's direction goes with it
        previous = word
    return out


def _wrap_line(line: Text, width: int) -> list[Text]:
    from rich.text import Text

    out: list[Text] = []
    current: Text | None = None
    for start, end in _pieces(line.plain):
        piece = line[start:end]
        if current is not None and len(current) + 1 + len(piece) <= width:
            current.append(" ")
            current.append_text(piece)
            continue
        if len(piece) <= width:
            if current is not None:
                out.append(current)
            current = piece
            continue
        # Wider than any line: fill the current line with its first syllables, then go on.
        while len(piece) > width:
            room = width - (len(current) + 1 if current is not None else 0)
            cut = _break(piece.plain, room)
            if cut is None and current is not None:
                out.append(current)
                current = None
                continue
            if cut is None:  # no syllable fits a whole line: cut at the width
                head, piece = piece[:width], piece[width:]
                out.append(head)
                continue
            head = piece[:cut]
            if not head.plain.endswith(("-", "/")):
                head.append("-")
            if current is not None:
                current.append(" ")
                current.append_text(head)
                out.append(current)
                current = None
            else:
                out.append(head)
            piece = piece[cut:]
        current = piece
    if current is not None:
        out.append(current)
    return out or [Text("")]


def _break(word: str, room: int) -> int | None:
    """The last place in `word` to break so that its first part (with a hyphen added unless it
    ends in one) fits in `room`, at least two letters on either side; None if there is none."""
    best = None
    for at in breaks(word):
        need = at if word[at - 1] in "-/" else at + 1
        if need <= room and at >= 2 and len(word) - at >= 2:
            best = at
    return best


def breaks(word: str) -> list[int]:
    """Where `word` may break: after a hyphen or slash it has, and at the syllables of its runs
    of letters. Two places side by side (a one-letter syllable) are both left out: pyphen's
    patterns give both sides of an uncertain split there (`Klimafolge-n-anpassung`), and a
    syllable too few is better than a wrong one."""
    out = [m.end() for m in re.finditer(r"[-/](?=.)", word)]
    if "://" in word or "@" in word:  # an address breaks only after its slashes
        return out
    for run in re.finditer(r"[^\W\d_]{5,}", word):  # letters only: no digits, no punctuation
        syllables = set(_hyphenator().positions(run.group()))
        lonely = {p for p in syllables if p - 1 in syllables or p + 1 in syllables}
        out += [run.start() + p for p in syllables - lonely]
    return sorted(set(out))


@cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="de_DE", left=2, right=2)
