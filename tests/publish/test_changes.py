"""`mpi changes`: every change of the year once, in its political meaning, filtered, with ids
that stay; and as Atom feeds (the command's and the site's), read back by feedparser."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from functools import partial
from pathlib import Path

import feedparser
import pytest

from helpers import LATER, commit, git, mpi

run = partial(mpi, lang="de", today=LATER)
SAID = [  # each change of the year, in the words of the change log, newest first
    "HF1.6 Weiterentwicklung von Industriegebieten: Sachstand DGB Nord, 12.10.2027: "
    "Standortmanagement ausgeschrieben",
    "! HF1.14 Erreichbarkeit für die Beschäftigten, „Realisierung des Hamburg-Takts "
    "(Angebotsausweitung im ÖPNV)“: Frist verschoben um 24 Monate (2030 → 2032), ohne Beschluss",
    "Plan Vermerk",
    "„Standortmanagement Schnackenburgallee eingerichtet“ verfehlt",
    "„HH-WIN Ausbaustufe 1“ erledigt (01.10.2027)",
    "! HF1.16 Ausbau des Glasfasernetzes, „Privathaushalte in Hamburg mit Glasfaseranschluss "
    "bis ins Gebäude“: Ziel gesenkt (mindestens 100 % → mindestens 90 %), Beschluss vom "
    "10.03.2027: Koordinierungsrunde 10.03.2027, TOP 2",
    "! HF1.6 Weiterentwicklung von Industriegebieten, „Standortmanagement Schnackenburgallee "
    "eingerichtet“: Frist verschoben um 30 Monate (Juni 2025 → Dezember 2027), Beschluss vom "
    "10.03.2027: Koordinierungsrunde 10.03.2027, TOP 2",
    "! HF3.7 BlmSchG-Dialog entfallen (zuvor laufend), Beschluss vom 10.03.2027",
]


def logged(plan: Path, *args: str) -> list[dict[str, object]]:
    changes: list[dict[str, object]] = json.loads(
        run("changes", "--format", "json", *args, plan=plan).stdout
    )["changes"]
    return changes


def test_each_change_of_the_year_is_listed_once_with_its_meaning(year: Path) -> None:
    out = run("changes", plan=year).stdout
    lines = out.splitlines()
    assert lines[0] == "Änderungen am Plan (8), neueste zuerst"
    found = [next(i for i, line in enumerate(lines) if said in line) for said in SAID[:2]]
    assert found == sorted(found)  # newest first
    for said in SAID:
        if said == "Plan Vermerk":
            said = "Die Geschäftsstelle ist besetzt."
        assert sum(said in line for line in lines) == 1, said
    kinds = sorted(str(c["kind"]) for c in logged(year))
    assert kinds == ["dropped", "lowered", "milestone_done", "milestone_missed", "postponed",
                     "postponed", "update", "update"]  # fmt: skip
    reported = next(c for c in logged(year) if c["reporter"] == "dgb")
    assert (
        reported["subject"] == "HF1.6"
        and reported["commit"] == git(year.parent, "rev-parse", "HEAD").strip()
    )


def test_the_filters_and_their_errors(year: Path) -> None:
    assert [c["subject"] for c in logged(year, "--field", "HF3")] == ["HF3.7"]
    dgb = logged(year, "--lead", "DGB Nord")
    assert {c["subject"] for c in dgb} == {"HF1.6"} and len(dgb) == 3
    assert [c["kind"] for c in logged(year, "--measure", "hf1.15")] == ["milestone_done"]
    assert [c["kind"] for c in logged(year, "--since", "HEAD~1")] == ["update"]
    assert len(logged(year, "--since", "01.01.2020")) == 8
    assert logged(year, "--since", "01.01.2099") == []
    bad = run("changes", "--field", "HF9", plan=year, code=2)
    assert "HF9" in bad.stderr and "Traceback" not in bad.output
    bad = run("changes", "--since", "gestern", plan=year, code=2)
    assert "--since" in bad.stderr
    assert run("changes", "--lead", "niemand", plan=year, code=2).stderr.count("\n") == 1


def test_ids_stay_when_changes_are_added_and_when_one_is_committed(
    year: Path, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(year.parent, root)
    plan = root / "plan"
    before = {c["id"]: c["kind"] for c in logged(plan)}
    assert len(before) == 8 and all(str(i).startswith("urn:uuid:") for i in before)
    mpi("note", "HF2.1", "Auftakt der Reihe", plan=plan, today=LATER)
    pending = logged(plan)
    new = [c for c in pending if c["id"] not in before]
    assert len(new) == 1 and new[0]["commit"] is None
    commit(root, "notiz")
    after = logged(plan)
    assert {c["id"] for c in after} == {c["id"] for c in pending}
    assert next(c for c in after if c["id"] == new[0]["id"])["commit"] is not None


def test_the_atom_feed_parses_with_ids_dates_and_links(year: Path) -> None:
    data = run("changes", "--format", "atom", plan=year).stdout
    assert run("changes", "--format", "atom", plan=year).stdout == data  # byte for byte
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Änderungen am Plan" and feed.feed.language == "de"
    assert feed.feed.author == "Freie und Hansestadt Hamburg, Behörde für Wirtschaft und Innovation"
    assert [e.id for e in feed.entries] == [c["id"] for c in logged(year)]
    for entry in feed.entries:
        assert entry.updated_parsed is not None and entry.title
        assert entry.link.startswith("https://masterplan.example.org/")
    dropped = next(e for e in feed.entries if "HF3.7" in e.title)
    assert dropped.link == "https://masterplan.example.org/massnahmen/HF3.7.html"
    assert {t.term for t in dropped.tags} == {"HF3", "dropped", "weakening"}


def test_every_feed_of_the_site_parses_and_keeps_its_ids(year: Path, year_site: Path) -> None:
    again = year_site.parent / "again"
    mpi("site", "-o", str(again), "--no-search", plan=year, lang="de", today=LATER)
    feeds = sorted((year_site / "feeds").glob("*.xml"))
    assert len(feeds) == 1 + 5 + 4 + 51  # plan, fields, partners, measures
    for path in feeds:
        data = path.read_bytes()
        assert (again / "feeds" / path.name).read_bytes() == data
        feed = feedparser.parse(data)
        assert not feed.bozo, (path.name, feed.bozo_exception)
        self_link = next(link.href for link in feed.feed.links if link.rel == "self")
        assert self_link == f"https://masterplan.example.org/feeds/{path.name}"
        assert len({e.id for e in feed.entries}) == len(feed.entries)
    for path in sorted((year_site / "kalender").glob("*.ics")):
        assert (again / "kalender" / path.name).read_bytes() == path.read_bytes()
    whole = feedparser.parse((year_site / "feeds" / "plan.xml").read_bytes())
    own = feedparser.parse((year_site / "feeds" / "HF1.6.xml").read_bytes())
    assert {e.id for e in own.entries} < {e.id for e in whole.entries}
    assert len(own.entries) == 3
    page = (year_site / "aenderungen.html").read_text(encoding="utf-8")
    assert "<strong>Abschwächung:</strong>" in page and "ohne Beschluss" in page
    measure = (year_site / "massnahmen" / "HF1.6.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in measure and "feeds/HF1.6.xml" in measure


def test_outside_git_there_is_no_history_and_it_says_so(year: Path, tmp_path: Path) -> None:
    copy = tmp_path / "plan"
    shutil.copytree(year, copy)
    out = run("changes", plan=copy).stdout
    assert "keinem Git-Repository" in out
    assert json.loads(run("changes", "-f", "json", plan=copy).stdout)["in_git"] is False
    assert not feedparser.parse(run("changes", "-f", "atom", plan=copy).stdout).bozo


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_feed_speaks_the_language_asked_for(year: Path, lang: str) -> None:
    feed = feedparser.parse(mpi("changes", "-f", "atom", plan=year, lang=lang, today=LATER).stdout)
    assert feed.feed.language == lang
    title = next(e.title for e in feed.entries if "HF1.14" in e.title)
    assert ("ohne Beschluss" if lang == "de" else "without decision") in title


def test_at_a_terminal_each_change_wraps_at_spaces_under_its_day(year: Path) -> None:
    from mpi.i18n import activate, language
    from mpi.loading.load import load_plan
    from mpi.render.formats._changes import text
    from mpi.views.changes import build

    before = language()
    activate("de")
    try:
        view = build(load_plan(year), date.fromisoformat(LATER))
        piped, narrow = text(view), text(view, 50)
    finally:
        activate(before)
    changes = piped.splitlines()[2:10]
    assert all(line.startswith("2026-") for line in changes)  # ISO first: sortable
    wrapped = narrow.splitlines()
    assert all(len(line) <= 50 for line in wrapped if " " in line.strip())
    assert any(line.startswith(" " * 12) and line.strip() for line in wrapped)  # under the day

    def words(out: str, day: str) -> list[str]:
        return [w for w in out.split() if not re.fullmatch(day, w)]

    assert words(narrow, r"\d\d\.\d\d\.2026") == words(piped, r"2026-\d\d-\d\d")  # none broken
