"""How a date or target is known, for people: the date in the document's words ("bis 2030",
"ab 2031", "voraussichtlich 2026") and numbered notes for what the document does not say in
so many words (derived, inferred, or not sourced at all), listed below a table.

Stated facts need no note: the quote is the document's, and `mpi show` prints it. Every
format that people read (text, Markdown, HTML, the calendar) marks the others the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mpi.render import values

if TYPE_CHECKING:
    from mpi.domain.dates import Due
    from mpi.domain.model import Recurrence, Sourced
    from mpi.views.due import DueRow

# The document's words for how a date reads (kind).
KIND_WORDS = {"by": "bis", "from": "ab", "expected": "voraussichtlich"}
BASIS_WORDS = {
    "stated": "stated",
    "derived": "derived",
    "inferred": "inferred",
    None: "not sourced",
}
UNSOURCED = "the plan does not say how this is known"


EVERY_WORDS = {"yearly": "jährlich", "half-yearly": "halbjährlich"}


def series(recurrence: Recurrence) -> str:
    """A recurrence in the document's words: `halbjährlich ab 2023`, `jährlich ab 2023 bis 2030`."""
    r = recurrence
    text = f"{EVERY_WORDS.get(r.every, r.every)} {KIND_WORDS['from']} {values.due(r.start)}"
    return text + (f" {KIND_WORDS['by']} {values.due(r.end)}" if r.end is not None else "")


def deadline(kind: str, due: Due | None) -> str:
    """A date as the document words it: `bis 2030`, `ab 2031`, `voraussichtlich 2026`."""
    return f"{KIND_WORDS.get(kind, kind)} {values.due(due)}"


SHORT_KIND_WORDS = {"by": "", "from": "ab ", "expected": "vsl. "}  # for narrow columns


def short(row: DueRow) -> str:
    """A deadline for a narrow column: `2030`, `ab 2031`, `vsl. 2026` (voraussichtlich)."""
    return SHORT_KIND_WORDS.get(row.kind, "") + values.due(row.due)


def worded(row: DueRow) -> str:
    """A deadline as the document words it; a done one by its date alone (it was met, and
    "bis 2019" would misread the document's "Im Juni 2019 ... angeschlossen")."""
    return values.due(row.due) if row.status == "done" else deadline(row.kind, row.due)


def needs_note(basis: str | None) -> bool:
    """Whether a fact needs a note: everything the document does not state in words."""
    return basis != "stated"


def explanation(
    basis: str | None, quote: str | None, derivation: str | None, *, quotes: bool = True
) -> str:
    """One line: how a fact is known (`derived from „…“: …`, `inferred: …`); without
    `quotes` only the derivation or reason (lists of many dates; `mpi show` quotes)."""
    words = BASIS_WORDS.get(basis, str(basis))
    if basis is None:
        return f"{words}: {UNSOURCED}"
    if basis == "stated":
        return f"{words}: „{quote}“" if quote else words
    if basis == "derived":
        return f"{words} from „{quote}“: {derivation}" if quotes else f"{words}: {derivation}"
    cited = f" (the document: „{quote}“)" if quote and quotes else ""
    return f"{words}: {derivation}{cited}"


@dataclass
class Notes:
    """The notes of one table or page: each fact that needs one gets a number, once.

    `every_fact`: stated facts get a note too, and every note quotes the document's words
    (`mpi show`); otherwise notes give the derivation or reason only.
    """

    every_fact: bool = False
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, explanation)
    _numbers: dict[tuple[str, ...], int] = field(default_factory=dict)

    def mark(
        self,
        key: tuple[str, ...],
        label: str,
        basis: str | None,
        quote: str | None,
        derivation: str | None,
    ) -> str:
        """ "[n]" for a fact that needs a note (the same n for the same key), else ""."""
        if not (self.every_fact or needs_note(basis)):
            return ""
        if key not in self._numbers:
            text = explanation(basis, quote, derivation, quotes=self.every_fact)
            self.items.append((label, text))
            self._numbers[key] = len(self.items)
        return f" [{self._numbers[key]}]"

    def row(self, r: DueRow) -> str:
        """The mark of a milestone's date (every occurrence of a series shares one note)."""
        label = f"{r.measure or r.owner} {r.milestone}"
        return self.mark((r.owner, r.milestone), label, r.basis, r.quote, r.derivation)

    def fact(self, key: tuple[str, ...], label: str, fact: Sourced | None) -> str:
        """The mark of a baseline, target or goal assignment."""
        if fact is None:
            return self.mark(key, label, None, None, None)
        return self.mark(key, label, fact.basis, fact.quote, fact.derivation)

    def lines(self) -> list[str]:
        """`[1] HF1.16 glasfaser-vollversorgung: derived from „…“ — …`, one per note."""
        return [f"[{n}] {label}: {text}" for n, (label, text) in enumerate(self.items, 1)]
