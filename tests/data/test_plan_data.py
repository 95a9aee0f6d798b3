"""The shipped plan holds the Masterplan Industrie 2023 as the document says it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import SHIPPED, mpi
from mpi.domain.words import ELISION, plain_words, quoted_in
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
        ("HF3.7", "erkenntnisse-umgesetzt", "2023"),
    ],
)
def test_deadlines(plan, ident: str, milestone_id: str, due: str) -> None:
    m = milestone(plan, ident, milestone_id)
    assert (m.due.iso(), m.status) == (due, "open")


@pytest.mark.parametrize(
    ("ident", "milestone_id", "kind"),
    [
        ("HF1.10", "a26-ost-freigabe", "from"),  # "Verkehrsfreigabe ab 2031"
        ("HF1.15", "hh-win-stufe-1", "by"),  # "Ausbaustufe 1 bis 2030"
        ("HF2.1", "iapt-neubau", "expected"),  # "voraussichtlich 2026 fertig gestellt"
        ("HF2.12", "laenderuebergreifende-foerderung", "start"),  # "soll ab 2023": a duty
        ("HF2.12", "innohub-experiment-ende", "history"),  # "seit Frühjahr 2022 … zunächst"
    ],
)
def test_the_words_of_a_date(plan, ident: str, milestone_id: str, kind: str) -> None:
    assert milestone(plan, ident, milestone_id).kind == kind


def test_every_date_and_target_says_how_it_is_known(plan) -> None:
    """Milestones, baselines, targets, goal assignments: stated, derived or inferred."""
    facts = [ms for _, ms in plan.plan_milestones()]
    facts += [ms for m in plan.measures() for ms in m.milestones]
    facts += [x for m in plan.measures() for i in m.indicators for x in (i.baseline, i.target)]
    facts += [f.goal_assignment for f in plan.fields]
    facts = [f for f in facts if f is not None]
    assert len(facts) == 35  # 25 milestones, 5 baselines and targets, 5 goal assignments
    assert all(f.basis in ("stated", "derived", "inferred") for f in facts)
    assert all(f.quote for f in facts if f.basis in ("stated", "derived"))
    assert all(f.derivation for f in facts if f.basis in ("derived", "inferred"))


@pytest.mark.parametrize(
    ("ident", "milestone_id", "basis"),
    [
        ("HF1.16", "glasfaser-vollversorgung", "derived"),  # "in den nächsten zehn Jahren"
        ("HF1.6", "standortmanagement-schnackenburgallee", "derived"),  # "Mitte 2022"
        ("HF1.10", "bericht-koordinierungsrunde", "inferred"),  # no start given: assumed
        ("HF5.2", "spitzengespraech", "inferred"),  # "künftig": no year given
    ],
)
def test_derived_and_inferred_dates_are_marked_so(
    plan, ident: str, milestone_id: str, basis: str
) -> None:
    m = milestone(plan, ident, milestone_id)
    assert (m.basis, bool(m.derivation)) == (basis, True)


def test_what_the_document_does_not_say_is_gone_or_marked(plan) -> None:
    """The audit of issue 12: no 2025 deadline for the campaign (footnote 19 speaks of a
    campaign already under way), no cost ceiling from "Gesamtkostenvolumen von 49 Mio.
    Euro", the federal rail target named as such, the fibre targets marked inferred."""
    assert measure(plan, "HF5.1").milestones == []
    assert [i.id for i in measure(plan, "HF2.1").indicators] == []
    rail = measure(plan, "HF1.12").indicators[0]
    assert "bundesweit" in rail.name and "Bundesebene" in rail.name
    assert rail.baseline.basis == "inferred" and rail.target.basis == "stated"
    reserve = measure(plan, "HF1.1").indicators[0]
    assert reserve.baseline.basis == "inferred" and reserve.target.basis == "stated"
    for ind in measure(plan, "HF1.16").indicators:
        assert ind.target.basis == "inferred" and ind.baseline.basis == "stated"
    evaluation = plan.monitoring.bodies[3].milestones[0]
    assert (evaluation.id, evaluation.basis) == ("evaluation", "derived")
    assert all(f.goal_assignment.basis == "inferred" for f in plan.fields)


def test_reported_events_are_done_with_their_dates(plan) -> None:
    fabcity = milestone(plan, "HF2.2", "fabcities-beitritt")
    assert (fabcity.status, fabcity.done.iso()) == ("done", "2019-06")
    assert milestone(plan, "HF2.9", "diginet-air-abschluss").done.iso() == "2022"


def test_recurring_commitments(plan) -> None:
    report = milestone(plan, "HF1.10", "bericht-koordinierungsrunde").recurrence
    assert (report.every, report.start.iso()) == ("half-yearly", "2023-12")
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


def test_no_invented_progress(plan) -> None:
    assert {m.status for m in plan.measures()} <= {"planned", "ongoing"}
    assert all(m.updates == [] for m in plan.measures())
    assert all(i.values == [] for m in plan.measures() for i in m.indicators)


def test_sub_items(plan) -> None:
    assert [i.id for i in measure(plan, "HF1.2").items] == ["a", "b", "c", "d"]
    assert [i.id for i in measure(plan, "HF2.8").items] == ["a", "b"]
    assert measure(plan, "HF2.8").items[0].text.startswith("Ab 2023 mindestens einmal jährlich")


FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+ ")
LINK = re.compile(r"\s*\(?<https?://[^>]*>\)?|\[https?://[^\]]*\]\([^)]*\)")


def _document() -> tuple[str, str]:
    """The document's body text and its footnotes, as `plain_words` compares them: bold
    markers and footnote numbers gone, footnotes apart from the text they interrupt (page
    breaks put them in the middle of sentences), links left out of the footnotes. A clone
    without the document beside it skips the test."""
    if not SEED.exists():
        pytest.skip("the document text is not beside the repository")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "\n".join(line for line in lines if not FOOTNOTE.match(line))
    notes = "\n".join(LINK.sub("", line) for line in lines if FOOTNOTE.match(line))

    def clean(text: str) -> str:
        return plain_words(re.sub(r"\*\*|[¹²³⁴⁵⁶⁷⁸⁹⁰]+", "", text))

    return clean(body), clean(notes)


def _stored_texts(plan) -> list[tuple[str, str]]:
    """Every text the plan keeps as the document's own words, with where it is kept."""
    out = [(m.id, m.text) for m in plan.measures()]
    out += [(f"{m.id}.{i.id}", i.text) for m in plan.measures() for i in m.items]
    out += [(g.id, g.text) for f in plan.fields for g in f.goals]
    out += [("preamble", plan.preamble), ("vision", plan.vision), ("background", plan.background)]
    out += [("agreement", a) for a in plan.agreements]
    out += [("monitoring", plan.monitoring.intro)]
    return out


@pytest.mark.skipif(not SEED.exists(), reason="the document text is not beside the repository")
def test_texts_are_word_for_word_from_the_document(plan) -> None:
    """Whole texts, paragraph by paragraph: only whitespace and the layout's hyphenation may
    differ (the document's own misspellings stay)."""
    document, _ = _document()
    checked = 0
    for where, text in _stored_texts(plan):
        for paragraph in text.split("\n\n"):
            assert plain_words(paragraph) in document, f"{where}: {paragraph[:80]!r}"
            checked += 1
    assert checked >= 80


@pytest.mark.skipif(not SEED.exists(), reason="the document text is not beside the repository")
def test_monitoring_texts_are_sentences_of_the_document(plan) -> None:
    """The bodies of Dialog und Monitoring are its sentences, each body its own."""
    document, _ = _document()
    for body in plan.monitoring.bodies:
        for sentence in re.split(r"(?<=[.])\s+(?=[A-ZÄÖÜ])", body.text):
            assert plain_words(sentence) in document, f"{body.id}: {sentence!r}"


@pytest.mark.skipif(not SEED.exists(), reason="the document text is not beside the repository")
def test_every_quote_is_the_documents_word_for_word(plan) -> None:
    """The other half of the chain that `mpi validate` starts: every quote occurs in the text
    the plan stores (validate), and here, in the document itself (text or footnotes)."""
    document, notes = _document()
    facts = [ms for _, ms in plan.plan_milestones()]
    facts += [ms for m in plan.measures() for ms in m.milestones]
    facts += [x for m in plan.measures() for i in m.indicators for x in (i.baseline, i.target)]
    quotes = [f.quote for f in facts if f is not None and f.quote]
    assert len(quotes) > 25
    for quote in quotes:
        assert quoted_in(quote, document) or quoted_in(quote, notes), quote


@pytest.mark.skipif(not SEED.exists(), reason="the document text is not beside the repository")
def test_footnote_texts_are_the_footnotes_own_words(plan) -> None:
    """`text` of a source is what quotes may cite: its footnote's words, links left out."""
    numbers = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
    footnotes = {}
    for line in SEED.read_text(encoding="utf-8").splitlines():
        match = FOOTNOTE.match(line)
        if match:
            number = int(match.group().strip().translate(numbers))
            footnotes[number] = plain_words(LINK.sub("", line[match.end() :]).replace("**", ""))
    sources = [s for m in plan.measures() for s in m.sources] + list(plan.sources)
    texts = [s for s in sources if s.text]
    assert len(texts) == 17
    for s in texts:
        assert plain_words(s.text) in footnotes[s.footnote], (s.footnote, s.text)


def test_search_finds_the_correct_spelling_of_a_misspelled_term() -> None:
    """The document writes "Wasserstoffindusriernetz" and "BlmSchG"; the text keeps them."""
    for term, expected in (("Wasserstoffindustrienetz", "HF1.15"), ("BImSchG", "HF3.7")):
        result = mpi("list", "--search", term, "--format", "json", plan=SHIPPED)
        assert expected in [row["id"] for row in json.loads(result.stdout)], term
    assert "Wasserstoffindusriernetz" in measure_text("HF1.15")


def measure_text(ident: str) -> str:
    plan = require_plan(load_plan(SHIPPED))
    return measure(plan, ident).text


def test_every_footnote_url_comes_from_the_document(plan) -> None:
    if not SEED.exists():
        pytest.skip("the document text is not beside the repository")
    document = SEED.read_text(encoding="utf-8")
    sources = [s for m in plan.measures() for s in m.sources] + list(plan.sources)
    assert {s.footnote for s in sources} == set(range(1, 69))  # footnotes 1-68
    for s in sources:
        if s.url:
            assert s.url in document, s.url


CONDITIONAL = re.compile(r"(?:,| und)\s(?:wenn|sofern|soweit|falls|vorausgesetzt|vorbehaltlich)\b")


def test_conditions_travel_with_their_date_or_target(plan) -> None:
    """Rule 4 of the second reading: where the document's sentence goes on from a quoted date
    or target with a condition ("…, wenn …"), the quote holds the condition and the item
    names it in `condition`; a condition is always inside the quote. Over every milestone,
    baseline and target."""
    body, _notes = _document()
    facts = [(ms.id, ms) for _, ms in plan.plan_milestones()]
    facts += [(ms.id, ms) for m in plan.measures() for ms in m.milestones]
    facts += [(i.id, x) for m in plan.measures() for i in m.indicators
              for x in (i.baseline, i.target) if x is not None]  # fmt: skip
    conditional = []
    for ident, fact in facts:
        if fact.condition is not None:
            assert fact.quote and quoted_in(fact.condition, fact.quote), ident
            conditional.append(ident)
        if not fact.quote:
            continue
        words = plain_words(fact.quote)
        assert not CONDITIONAL.search(words) or fact.condition, f"{ident}: name its condition"
        last = plain_words([p for p in ELISION.split(fact.quote) if p.strip()][-1])
        at = body.find(last)
        if at < 0:
            continue  # a footnote's words: no sentence of the body goes on from them
        going_on = body[at + len(last) : at + len(last) + 40]
        assert not CONDITIONAL.match(going_on), f"{ident}: „{going_on}…“: quote the condition"
    assert conditional == ["emissionsfreie-nutzfahrzeuge"]  # the one the document has


CLAUSE = (
    "Die Partner des Masterplans Industrie stellen in ihren Zuständigkeitsbereichen die "
    "Umsetzung der Vereinbarungen und Maßnahmen sicher."
)


def test_the_general_clause_is_data_not_a_comment(plan) -> None:
    """Rule 8 of the second reading: each Handlungsfeld holds the partners' general clause
    in the document's words, and every measure whose partners come from it says so in
    `involvement` (derived from the clause, with the reason), not in a YAML comment. Over
    every field and measure."""
    body, _notes = _document()
    assert body.count(plain_words(CLAUSE)) == len(plan.fields) == 5
    assert all(plain_words(f.clause or "") == plain_words(CLAUSE) for f in plan.fields)
    everyone = sorted(p.id for p in plan.partners)
    by_clause = []
    for m in plan.measures():
        if m.involvement is not None and m.involvement.quote == m.involvement.quote:
            if plain_words(m.involvement.quote or "") != plain_words(CLAUSE):
                continue  # the measure's own verbs (test_leads_follow_the_verbs)
            assert m.involvement.basis == "derived" and m.involvement.derivation, m.id
            assert sorted(m.involved) == everyone and not m.lead, m.id
            by_clause.append(m.id)
    assert len(by_clause) == 20
    for path in sorted(SHIPPED.glob("hf*.yaml")):
        comments = [line for line in path.read_text(encoding="utf-8").splitlines() if "#" in line]
        assert not any("clause" in line for line in comments), path.name


def _yaml_examples() -> list[tuple[str, object]]:
    """Every ```yaml block of the README and the docs that reads as YAML, with its file."""
    import yaml

    out = []
    for path in [SHIPPED.parent / "README.md", *sorted((SHIPPED.parent / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
            try:
                out.append((path.name, yaml.safe_load(block)))
            except yaml.YAMLError:
                continue  # a fragment (a list item cut from its file)
    return out


def _items(tree: object) -> list[dict[str, object]]:
    """Every mapping with an `id` in a parsed example, however deep."""
    found: list[dict[str, object]] = []
    if isinstance(tree, dict):
        if "id" in tree:
            found.append(tree)
        for value in tree.values():
            found += _items(value)
    elif isinstance(tree, list):
        for value in tree:
            found += _items(value)
    return found


def test_docs_and_readme_examples_agree_with_the_data(plan) -> None:
    """Rule 9 of the second reading: where an example in the README or the docs shows an
    item of the shipped plan, its unit and the bases of its dates, baselines and targets are
    the data's (an example of a decision shows its own), and a figure of the whole country
    never cites Hamburg's statistics office."""
    milestones = {ms.id: ms for m in plan.measures() for ms in m.milestones}
    indicators = {i.id: i for m in plan.measures() for i in m.indicators}
    checked = 0
    for name, tree in _yaml_examples():
        for item in _items(tree):
            ident = item["id"]
            if "decisions" in item or item.get("basis") == "decided":
                continue  # an example of the plan after a decision, not of the plan as it is
            if ident in indicators:
                ind = indicators[ident]
                for part in ("baseline", "target"):
                    shown, real = item.get(part), getattr(ind, part)
                    if isinstance(shown, dict) and real is not None and "basis" in shown:
                        assert shown["basis"] == real.basis, (name, ident, part)
                        checked += 1
                if "unit" in item:
                    assert item["unit"] == ind.unit, (name, ident)
                shown_target = item.get("target")
                year = shown_target.get("year") if isinstance(shown_target, dict) else None
                year = item.get("year", year)  # adopted.yaml writes it beside the target
                assert year is None or year == ind.target.year, (name, ident, "target year")
                national = "bundesweit" in ind.name
                for value in item.get("values") or []:
                    assert not (national and "Statistikamt Nord" in str(value)), (name, ident)
            elif ident in milestones and "basis" in item:
                assert item["basis"] == milestones[ident].basis, (name, ident)
                checked += 1
    for line in (SHIPPED.parent / "README.md").read_text(encoding="utf-8").splitlines():
        ident = next((i for i in indicators if f"mpi record {i} " in line), None)
        if ident and "bundesweit" in indicators[ident].name:
            assert "Statistikamt Nord" not in line, line
    assert checked >= 2
