"""The plan's vocabulary: status names, natural id order, search folding, suggestions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal, get_args

MeasureStatus = Literal["planned", "in_progress", "ongoing", "done", "at_risk", "dropped"]
MilestoneStatus = Literal["open", "done", "missed"]
MEASURE_STATUSES: tuple[str, ...] = get_args(MeasureStatus)
MILESTONE_STATUSES: tuple[str, ...] = get_args(MilestoneStatus)


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
