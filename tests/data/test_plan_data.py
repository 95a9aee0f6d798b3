"""The shipped plan holds the Masterplan Industrie 2023 as the document says it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SHIPPED
from mpi.loading.load import load_plan, require_plan

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "masterplan-industrie-2023.txt"


@pytest.fixture(scope="module")
def plan():
    loaded = load_plan(SHIPPED)
    assert loaded.diagnostics == []
    return require_plan(loaded)


def measure(plan, ident: str):
    return next(m for m in plan.measures() if m.id == ident)


def milestone(plan, ident: str, milestone_id: str):
    return next(m for m in measure(plan, ident).milestones if m.id == milestone_id)


def test_goals_and_measures_per_field(plan) -> None:
    counts = {f.id: (len(f.goals), len(f.measures)) for f in plan.fields}
    assert counts == {"HF1": (3, 17), "HF2": (3, 12), "HF3": (3, 10), "HF4": (3, 8), "HF5": (2, 4)}


def test_field_titles_and_sections(plan) -> None:
    assert [f.title for f in plan.fields] == [
        "Flächen und Infrastruktur",
        "Innovation und Digitalisierung",
        "Klima, Energie und Umwelt",
        "Arbeit, Bildung und Qualifizierung",
        "Industrie und Gesellschaft",
    ]
    hf1 = plan.fields[0]
    assert [s.title for s in hf1.sections] == [
        "Flächen",
        "Wirtschaftsverkehr und Erreichbarkeit der Industriestandorte",
        "Sonstige Infrastruktur",
    ]
    sections = {m.id: m.section for m in hf1.measures}
    assert {sections[f"HF1.{n}"] for n in range(1, 9)} == {"flaechen"}
    assert {sections[f"HF1.{n}"] for n in range(9, 15)} == {"wirtschaftsverkehr"}
    assert {sections[f"HF1.{n}"] for n in range(15, 18)} == {"sonstige-infrastruktur"}
    assert [s.title for s in plan.fields[1].sections] == [
        "Neue Technologien in der Produktion",
        "Digitalisierung",
        "Transfer zwischen Wirtschaft und Wissenschaft",
    ]


def test_partners_and_plan_facts(plan) -> None:
    assert [p.id for p in plan.partners] == ["bwi", "hk", "ivh", "dgb"]
    assert plan.adopted == 2023 and plan.horizon == 2045
    assert len(plan.agreements) == 6
    assert len(plan.glossary) == 22
    assert {g.term: g.definition for g in plan.glossary}["HH-WIN"] == (
        "Hamburger Wasserstoff-Industrie-Netz"
    )
    bodies = {b.id: b for b in plan.monitoring.bodies}
    assert set(bodies) >= {
        "koordinierungsrunde",
        "arbeitsgruppen",
        "evaluation",
        "task-force",
        "buendnis",
    }
    assert bodies["evaluation"].milestones[0].due.iso() == "2028"


@pytest.mark.parametrize(
    ("ident", "milestone_id", "due"),
    [
        ("HF1.10", "a26-ost-freigabe", "2031"),
        ("HF1.15", "hh-win-stufe-1", "2030"),
        ("HF1.15", "hh-win-stufe-2", "2035"),
        ("HF1.6", "standortmanagement-schnackenburgallee", "2022-06"),
        ("HF1.16", "glasfaser-vollversorgung", "2033"),
        ("HF2.1", "iapt-neubau", "2026"),
        ("HF3.7", "erkenntnisse-umgesetzt", "2023-12-31"),
    ],
)
def test_deadlines(plan, ident: str, milestone_id: str, due: str) -> None:
    m = milestone(plan, ident, milestone_id)
    assert (m.due.iso(), m.status) == (due, "open")


def test_reported_events_are_done_with_their_dates(plan) -> None:
    fabcity = milestone(plan, "HF2.2", "fabcities-beitritt")
    assert (fabcity.status, fabcity.done.iso()) == ("done", "2019-06")
    assert milestone(plan, "HF2.9", "diginet-air-abschluss").done.iso() == "2022"


def test_recurring_commitments(plan) -> None:
    report = milestone(plan, "HF1.10", "bericht-koordinierungsrunde").recurrence
    assert (report.every, report.start.iso()) == ("half-yearly", "2023")
    assert milestone(plan, "HF2.8", "matchingveranstaltungen").recurrence.every == "yearly"
    assert milestone(plan, "HF5.2", "spitzengespraech").recurrence.every == "yearly"


def test_quantitative_targets(plan) -> None:
    indicators = {i.id: i for m in plan.measures() for i in m.indicators}
    reserve = indicators["flaechenreserve"]
    assert (reserve.unit, reserve.target.value, reserve.target.year) == ("ha", 100, "permanent")
    rail = indicators["bahnanteil-gueterverkehr"]
    assert (rail.baseline.value, rail.target.value, rail.direction) == (18, 25, "at_least")
    assert indicators["elektrolyseur-leistung"].target.value == 100
    assert indicators["elektrolyseur-leistung"].unit == "MW"
    assert indicators["iapt-neubau-kosten"].target.value == 49


def test_no_invented_progress(plan) -> None:
    assert {m.status for m in plan.measures()} <= {"planned", "ongoing"}
    assert all(m.updates == [] for m in plan.measures())
    assert all(i.values == [] for m in plan.measures() for i in m.indicators)


def test_sub_items(plan) -> None:
    assert [i.id for i in measure(plan, "HF1.2").items] == ["a", "b", "c", "d"]
    assert [i.id for i in measure(plan, "HF2.8").items] == ["a", "b"]
    assert measure(plan, "HF2.8").items[0].text.startswith("Ab 2023 mindestens einmal jährlich")


def _normalise(text: str) -> str:
    text = re.sub(r"\*\*|[¹²³⁴⁵⁶⁷⁸⁹⁰]+", "", text)
    return " ".join(text.split())


@pytest.mark.skipif(not SEED.exists(), reason="the document text is not beside the repository")
def test_texts_are_word_for_word_from_the_document(plan) -> None:
    document = _normalise(SEED.read_text(encoding="utf-8"))
    checked = 0
    for m in plan.measures():
        for paragraph in m.text.split("\n\n"):
            sentence = " ".join(paragraph.split())[:120]
            # page breaks in the document split some paragraphs: check their opening words
            assert sentence[:80] in document, f"{m.id}: {sentence[:80]!r}"
            checked += 1
    for f in plan.fields:
        for g in f.goals:
            assert " ".join(g.text.split())[:60] in document, g.id
    assert checked >= 51


def test_every_footnote_url_comes_from_the_document(plan) -> None:
    if not SEED.exists():
        pytest.skip("the document text is not beside the repository")
    document = SEED.read_text(encoding="utf-8")
    sources = [s for m in plan.measures() for s in m.sources] + list(plan.sources)
    assert {s.footnote for s in sources} == set(range(1, 69))  # footnotes 1-68
    for s in sources:
        if s.url:
            assert s.url in document, s.url
