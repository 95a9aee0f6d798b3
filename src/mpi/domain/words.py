"""The plan's vocabulary: status names, natural id order, search folding, suggestions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal, get_args

MeasureStatus = Literal["planned", "in_progress", "ongoing", "done", "at_risk", "dropped"]
MilestoneStatus = Literal["open", "done", "missed"]
MilestoneKind = Literal["by", "from", "expected"]  # bis, ab, voraussichtlich
Basis = Literal["stated", "derived", "inferred"]
MEASURE_STATUSES: tuple[str, ...] = get_args(MeasureStatus)
MILESTONE_STATUSES: tuple[str, ...] = get_args(MilestoneStatus)
MILESTONE_KINDS: tuple[str, ...] = get_args(MilestoneKind)
BASES: tuple[str, ...] = get_args(Basis)


def measure_status(status: str) -> str:
    """A measure status, or an error that lists the known ones."""
    from mpi.domain.errors import InvalidValue

    if status not in MEASURE_STATUSES:
        raise InvalidValue(
            "status", f"unknown status {status!r} (one of {', '.join(MEASURE_STATUSES)})"
        )
    return status


def natural_key(ident: str) -> tuple[object, ...]:
    """Sort key that puts HF1.2 before HF1.10 (numbers compare as numbers)."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ident))


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, str]:
    """Two search forms of a text: umlauts spelled out (ae) and umlauts stripped (a).

    Unicode case folding, and the dotless ı folded to i, so `IŞIKLAR` finds "Işıklar".
    """
    lower = unicodedata.normalize("NFC", text).casefold()
    return _strip_accents(lower.translate(_UMLAUTS)), _strip_accents(lower.replace("ı", "i"))


def matches(query: str, text: str) -> bool:
    """Case- and umlaut-insensitive: "flachen", "flaechen" and "Flächen" find "Flächen"."""
    q_spelled, q_stripped = fold(query)
    t_spelled, t_stripped = fold(text)
    return q_spelled in t_spelled or q_stripped in t_stripped


def suggest(ident: str, known: Iterable[str]) -> str:
    """ "; did you mean X?" for the closest known id (case ignored), or nothing."""
    import difflib

    by_folded = {k.casefold(): k for k in known}
    wanted = ident.casefold()
    starting = sorted(k for k in by_folded if wanted and k.startswith(wanted))
    close = starting or difflib.get_close_matches(wanted, list(by_folded), n=1, cutoff=0.6)
    return f"; did you mean {by_folded[close[0]]}?" if close else ""


def clip(text: str, width: int = 60) -> str:
    """Text cut to `width` characters with an ellipsis: for quoting user input in messages."""
    return text if len(text) <= width else text[: width - 1] + "…"


def number(value: float) -> str:
    """A value as people write it: 19 rather than 19.0, 19.5 in full (never rounded)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# Words broken across lines (`Industrie-\nflächen`, `Siel-systeme`) and soft hyphens: the
# same word however the document's layout hyphenated it. A hyphen before a conjunction is
# German's shared word part ("Gewerbe- und Industrieflächen") and stays.
_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)-\s+(?!(?:und|oder|bzw|sowie|bis)\b)(?=[a-zäöüß])")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
ELISION = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|…)\s*")  # words left out of a quote


def plain_words(text: str) -> str:
    """Text compared for quotes: whitespace collapsed, hyphenation and soft hyphens ignored."""
    text = " ".join(unicodedata.normalize("NFC", text).replace("\u00ad", "").split())
    return _INNER_HYPHEN.sub("", _LINE_BREAK_HYPHEN.sub("", text))


def quoted_in(quote: str, text: str) -> bool:
    """Whether `text` holds `quote` word for word; `…` in the quote stands for words left out
    (its parts must occur in order). Whitespace and hyphenation do not matter."""
    parts = [p for p in ELISION.split(quote) if p.strip()]
    if not parts:
        return False
    if _in_order(parts, text):  # word for word as written: no need to normalise the text
        return True
    return _in_order([plain_words(p) for p in parts], plain_words(text))


def _in_order(parts: list[str], text: str) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True
