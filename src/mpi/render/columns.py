"""Column widths from a table's content, for a page of fixed width (a Word table on A4).

Each column gets at least the width of its longest word, so that no word is broken inside a
cell; what is left goes to the columns whose text would wrap, in proportion to how much more
they need. Text widths are measured with the advance widths of Helvetica (the metrics Arial
shares), from Adobe's public AFM file: close enough to lay out a table without a font file.
"""

from __future__ import annotations

from collections.abc import Sequence

# Advance widths in 1/1000 em (Helvetica AFM); others count as 556, the width of a digit.
_WIDTHS = {
    **dict.fromkeys(" ,./:;!|ijlI'", 278),
    **dict.fromkeys('ftr()-[]{}„“"*', 333),
    **dict.fromkeys("ckszvxyJ", 500),
    **dict.fromkeys("FTZß", 611),
    **dict.fromkeys("ABEKPSVXYÄ", 667),
    **dict.fromkeys("CDHNRUwÜ", 722),
    **dict.fromkeys("GOQÖ", 778),
    **dict.fromkeys("mM", 833),
    "W": 944,
    "–": 556,
    "—": 1000,
    "%": 889,
}
SHORT_MM = 25.0  # a cell no wider than this (a date, an id, "TOP 10") is kept on one line
PADDING_MM = 4.0  # a cell's left and right margin in Word (0.19 cm each), and a little air
POINT_MM = 25.4 / 72


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of `text` set in Arial at `size_pt`, in millimetres (bold about 8 % wider)."""
    units = sum(_WIDTHS.get(c, 556) for c in text)
    return units / 1000 * size_pt * POINT_MM * (1.08 if bold else 1.0)


def widths(
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    available_mm: float,
    size_pt: float,
) -> tuple[list[float], bool]:
    """The column widths in millimetres, summing to `available_mm`, and whether every word
    fits (False: the longest words need more than the page has at this size)."""
    columns = len(head)
    cells = [[(h, True)] + [(r[i], False) for r in rows] for i, h in enumerate(head)]

    def unbroken(text: str, bold: bool) -> float:
        """What a cell needs at least: its longest word, or all of it where it is short."""
        whole = text_width(text, size_pt, bold)
        if whole <= SHORT_MM and "\n" not in text:
            return whole
        return max((text_width(w, size_pt, bold) for w in text.split()), default=0.0)

    least = [
        max((unbroken(text, bold) for text, bold in column), default=0.0) + PADDING_MM
        for column in cells
    ]
    wanted = [
        max(
            (
                text_width(line, size_pt, bold)
                for text, bold in column
                for line in text.splitlines() or [""]
            ),
            default=0.0,
        )
        + PADDING_MM
        for column in cells
    ]
    wanted = [max(w, m) for w, m in zip(wanted, least, strict=True)]
    if sum(least) > available_mm:
        scale = available_mm / sum(least)
        return [m * scale for m in least], False
    if sum(wanted) <= available_mm:
        spare = available_mm - sum(wanted)
        return [w + spare * w / sum(wanted) for w in wanted], True
    room = available_mm - sum(least)
    more = [w - m for w, m in zip(wanted, least, strict=True)]
    total = sum(more) or 1.0
    return [m + room * x / total for m, x in zip(least, more, strict=True)], columns > 0
