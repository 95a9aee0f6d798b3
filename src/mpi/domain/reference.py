"""What identifies a decision: a meeting of a body of the plan on its day (Koordinierungsrunde
12.06.2026, TOP 3), a Drucksache (Drucksache 22/12345), a decision of the Senate with its day,
or, for the adoption itself, the partners' signing of the plan.

A decision is what it says: its words name one of these, and a day they name is the
decision's day. `decision_day` checks a decision before it is written; `problems` checks one
on record (`mpi validate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mpi.domain.errors import InvalidValue
from mpi.domain.words import clip, fold
from mpi.i18n import _, formats

Kind = Literal["meeting", "drucksache", "senate", "signing"]

# The bodies of a plan of this shape whose meetings decide, German and English (folded:
# umlauts spelled out); the plan's own bodies (their ids and names) are added by the caller.
# A meeting of anything else (a "Sitzung", a "Treffen") does not identify a decision.
MEETING_WORDS = (
    "koordinierungsrunde",
    "task force",
    "taskforce",
    "arbeitsgruppe",
    "unternehmensworkshop",
    "coordination round",
    "working group",
)
_DRUCKSACHE = re.compile(
    r"\b(?:drucksache|drs\.?|printed paper|printed matter)\s*(?:nr\.?\s*)?\d{1,2}/\d{2,6}\b"
)
TOP = re.compile(r"\bTOP\s*(\d{1,3})\b", re.IGNORECASE)  # an agenda item: "TOP 3"
_SENATE = re.compile(r"\bsenat(?:e|s|sbeschluss|ssitzung)?\b")
_SIGNING = re.compile(r"\b(?:unterzeichn\w*|unterschrift\w*|signed|signing|signature)\b")
_ENGLISH = "january february march april may june july august september october november december"
_MONTH_NAMES = {  # the reader's month names, short and long (folded), and the English ones
    fold(name)[0].rstrip("."): number
    for number, names in enumerate(
        zip(formats.MONTHS, formats.MONTHS_SHORT, _ENGLISH.split(), strict=True), start=1
    )
    for name in names
}
_DAYS = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?![\d.]\d)"
    r"|(?<![\d-])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
    r"|(?<![\d.])(?P<nd>\d{1,2})\.?\s*(?P<nm>[^\W\d_]+)\.?,?\s+(?P<ny>\d{4})(?!\d)"
    r"|(?P<em>[^\W\d_]+)\.?\s+(?P<ed>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<ey>\d{4})(?!\d)"
)


@dataclass(frozen=True)
class Reference:
    """What a decision's words identify, the days they name (in the order named), and what
    they write as a day that is no calendar day (31.02.2026)."""

    kind: Kind | None
    days: tuple[date, ...]
    impossible: tuple[str, ...] = ()


def read(text: str, bodies: Iterable[str] = ()) -> Reference:
    """What `text` identifies (None where it names nothing this recognises) and its days."""
    folded = fold(text)[0]
    found, impossible = _days(folded)
    days = tuple(dict.fromkeys(found))
    kind: Kind | None = None
    words = MEETING_WORDS + tuple(w for b in bodies for w in body_words(b))
    if _DRUCKSACHE.search(folded):
        kind = "drucksache"
    elif (days or impossible) and any(re.search(rf"\b{re.escape(w)}", folded) for w in words):
        kind = "meeting"
    elif _SENATE.search(folded):
        kind = "senate"
    elif _SIGNING.search(folded):
        kind = "signing"
    return Reference(kind, days, tuple(impossible))


def by_other_authority(text: str) -> bool:
    """Whether the words name a Drucksache or the Senate: what decided then is not (only) a
    meeting of a body of the plan ("Senatsbeschluss ... auf Empfehlung der Koordinierungsrunde")."""
    folded = fold(text)[0]
    return bool(_DRUCKSACHE.search(folded) or _SENATE.search(folded))


def body_forms(ident: str, name: str) -> tuple[str, ...]:
    """The words that name a body of the plan in a text: its id's and its name's, folded."""
    return body_words(ident) + body_words(name)


def body_words(body: str) -> tuple[str, ...]:
    """A body's id (`task-force` also as `task force`) or name, folded; its first word alone
    where that is a long one (`Arbeitsgruppen` for "Arbeitsgruppe 2")."""
    folded = fold(body)[0].strip()
    first = re.split(r"[\s„“\"(]", folded, maxsplit=1)[0]
    stem = first[:-1] if first.endswith("n") and len(first) > 9 else first
    return tuple(w for w in {folded, folded.replace("-", " "), stem} if len(w) >= 4)


def _days(folded: str) -> tuple[list[date], list[str]]:
    """The days a text names, and what it writes as a day that is none (31.02.2026)."""
    found, impossible = [], []
    for m in _DAYS.finditer(folded):
        if m["d"]:
            year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
            parts = (year, int(m["m"]), int(m["d"]))
        elif m["iy"]:
            parts = (int(m["iy"]), int(m["im"]), int(m["id"]))
        else:
            name, day, year_ = (
                (m["nm"], m["nd"], m["ny"]) if m["nm"] else (m["em"], m["ed"], m["ey"])
            )
            month = _MONTH_NAMES.get(name.rstrip("."))
            if month is None:
                continue
            parts = (int(year_), month, int(day))
        try:
            found.append(date(*parts))
        except ValueError:
            impossible.append(m.group(0).strip())
    return found, impossible


def _forms(signing: bool) -> str:
    said = _(
        "a meeting of a body of the plan with its day (Koordinierungsrunde 12.06.2026, TOP 3), "
        "a Drucksache (Drucksache 22/12345) or a decision of the Senate with its day "
        "(Senatsbeschluss vom 12.05.2026)"
    )
    if signing:
        said += _(", or the partners' signing of the plan (Unterzeichnung durch die Partner)")
    return said


def problems(
    text: str,
    day: date | None,
    today: date,
    bodies: Iterable[str] = (),
    *,
    signing: bool = False,
    year: int | None = None,
) -> list[tuple[str, str]]:
    """What is wrong with a decision on record: (code, message) pairs, none when its words
    identify it and its day (or, for an adoption known only by its `year`, its year) fits."""
    found = read(text, bodies)
    out: list[tuple[str, str]] = [
        ("decision-date", _("{text} is not a calendar day").format(text=_quoted(bad)))
        for bad in found.impossible
    ]
    if found.kind is None or (found.kind == "signing" and not signing):
        out.append(
            (
                "decision-unidentified",
                _("{text} does not say which decision it is: name {forms}").format(
                    text=_quoted(text), forms=_forms(signing)
                ),
            )
        )
    if day is not None:
        if found.days and day not in found.days:
            out.append(("decision-date", _other_day(found.days, day)))
        if day > today:
            out.append(("decision-future", _future(day, today)))
    elif year is not None:
        if found.days and all(d.year != year for d in found.days):
            out.append(("decision-date", _other_day(found.days, None, year)))
        if year > today.year:
            out.append(("decision-future", _future(date(year, 1, 1), today)))
    return out


def decision_day(
    text: str,
    given: date | None,
    today: date,
    bodies: Iterable[str] = (),
    *,
    signing: bool = False,
) -> date:
    """The day of a decision about to be recorded: `given`, or the one day its words name.
    Refused (`InvalidValue` of the decision or of its date) when the words identify nothing,
    name another day than `given`, name no day and none is given, or the day lies after
    `today`."""
    found = read(text, bodies)
    if found.impossible:
        bad = _quoted(found.impossible[0])
        raise InvalidValue("decision", _("{text} is not a calendar day").format(text=bad))
    day = given
    if day is None and len(found.days) == 1:
        day = found.days[0]
    if day is None and found.kind is not None:
        said = (
            _("{text} names several days; give the day of the decision")
            if found.days
            else _("{text} names no day; give the day of the decision")
        )
        raise InvalidValue("date", said.format(text=_quoted(text)))
    for code, message in problems(text, day, today, bodies, signing=signing):
        raise InvalidValue("decision" if code == "decision-unidentified" else "date", message)
    assert day is not None
    return day


def _quoted(text: str) -> str:
    return "„" + clip(" ".join(text.split()), 60) + "“"


def _other_day(named: tuple[date, ...], day: date | None, year: int | None = None) -> str:
    days = ", ".join(formats.day(d) for d in named)
    if day is None:
        return _("the decision's words name {days}, its date is {year}").format(
            days=days, year=year
        )
    return _("the decision's words name {days}, its date is {day}").format(
        days=days, day=formats.day(day)
    )


def _future(day: date, today: date) -> str:
    return _(
        "the decision's day {day} lies after today ({today}); record a decision once it is taken"
    ).format(day=formats.day(day), today=formats.day(today))
