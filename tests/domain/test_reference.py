"""What identifies a decision: a meeting of a body of the plan with its day, a Drucksache, a
decision of the Senate; the days its words name, in German and English."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import TODAY_DATE
from mpi.domain.errors import InvalidValue
from mpi.domain.reference import decision_day, problems, read

BODIES = [
    "koordinierungsrunde",
    "Koordinierungsrunde",
    "task-force",
    "Task Force „Resiliente Industrie“",
]


@pytest.mark.parametrize(
    ("text", "kind", "days"),
    [
        ("Koordinierungsrunde 12.06.2026, TOP 3", "meeting", [date(2026, 6, 12)]),
        ("Koordinierungsrunde am 12.6.26", "meeting", [date(2026, 6, 12)]),
        ("Task Force Resiliente Industrie, 3. März 2026", "meeting", [date(2026, 3, 3)]),
        ("Koordinierungsrunde 12 Juni 2025", "meeting", [date(2025, 6, 12)]),
        ("coordination round of February 1, 2025", "meeting", [date(2025, 2, 1)]),
        ("Arbeitsgruppe Flächen, 2026-05-04", "meeting", [date(2026, 5, 4)]),
        ("Drucksache 22/12345", "drucksache", []),
        ("Drs. 22/1234 vom 01.02.2026", "drucksache", [date(2026, 2, 1)]),
        ("Senatsbeschluss vom 12.05.2026", "senate", [date(2026, 5, 12)]),
        ("Senate decision of 1 February 2025", "senate", [date(2025, 2, 1)]),
        ("Unterzeichnung durch die Partner", "signing", []),
        ("x", None, []),
        ("…", None, []),
        ("Sitzung 12.06.2025", None, [date(2025, 6, 12)]),
        ("Treffen beim Bäcker 12.06.2025", None, [date(2025, 6, 12)]),
        ("Runde 12.06.2025", None, [date(2025, 6, 12)]),
        ("Drs. 1/1", None, []),
        ("TOP 3", None, []),
    ],
)
def test_what_the_words_identify(text: str, kind: str | None, days: list[date]) -> None:
    found = read(text, BODIES)
    assert (found.kind, list(found.days)) == (kind, days)


def test_a_day_that_is_no_calendar_day_is_said_so() -> None:
    said = problems("Koordinierungsrunde 31.02.2026, TOP 3", None, TODAY_DATE)
    assert said == [("decision-date", "„31.02.2026“ is not a calendar day")]
    with pytest.raises(InvalidValue, match="not a calendar day"):
        decision_day("Koordinierungsrunde 31.02.2026, TOP 3", None, TODAY_DATE)


def test_the_day_of_a_decision() -> None:
    met = decision_day("Koordinierungsrunde 12.06.2026, TOP 3", None, TODAY_DATE)
    assert met == date(2026, 6, 12)
    named = decision_day("Drucksache 22/12345", date(2026, 11, 3), TODAY_DATE)
    assert named == date(2026, 11, 3)
    for text, given_day, said in (
        ("Koordinierungsrunde 10.12.2026, TOP 2", None, "lies after today"),
        (
            "Koordinierungsrunde 10.12.2026, TOP 2",
            TODAY_DATE,
            "name 2026-12-10, its date is 2026-12-07",
        ),
        ("Drucksache 22/12345", None, "names no day"),
        ("Koordinierungsrunde 01.06.2026 und 02.06.2026", None, "names several days"),
        ("x", TODAY_DATE, "does not say which decision"),
    ):
        with pytest.raises(InvalidValue, match=said):
            decision_day(text, given_day, TODAY_DATE)


@given(st.text(max_size=80))
def test_any_text_is_read_without_an_error(text: str) -> None:
    found = read(text, BODIES)
    assert all(isinstance(d, date) for d in found.days)
    problems(text, TODAY_DATE, TODAY_DATE, BODIES)
