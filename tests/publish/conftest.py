"""A year of changes on a git copy of the shipped plan, each step its own commit, read by the
tests of the change log, the feeds, the calendars and the open data: a deadline postponed by
a decision and one by hand (without one), a measure dropped, a target lowered by a decision,
a milestone done and one missed, a note on the plan level, and a partner's returned
workbook. The site.yaml (with its open-data section) is not a plan file."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import openpyxl
import pytest

from helpers import FIRST, LATER, SITE_YAML, commit, mpi, scripted_year

HAND = ("      - id: hamburg-takt\n", "due: 2030", "due: 2032")  # HF1.14, edited by hand


def postpone_by_hand(plan: Path) -> None:
    """HF1.14's Hamburg-Takt from 2030 to 2032 in the file, without a decision."""
    path = plan / "hf1-flaechen-und-infrastruktur.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index(HAND[0])
    end = text.index(HAND[1], at)
    path.write_text(text[:end] + HAND[2] + text[end + len(HAND[1]) :], encoding="utf-8")


@pytest.fixture(scope="session")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan of the year (its repository is the parent directory)."""
    root = tmp_path_factory.mktemp("changes")
    plan = scripted_year(root)
    on = partial(mpi, plan=plan, lang="de", today="2027-10-05")
    on("retarget", "glasfaser-haushalte", "90", "--meeting", FIRST, "--top", "2")
    on("milestone", "HF1.15", "hh-win-stufe-1", "erledigt", "--date", "01.10.2027")
    on("milestone", "HF1.6", "standortmanagement-schnackenburgallee", "verfehlt")
    on("note", "plan", "Die Geschäftsstelle ist besetzt.")
    commit(root, "herbst")
    postpone_by_hand(plan)
    commit(root, "von-hand")
    book = root / "sachstand-dgb.xlsx"
    on("form", "--lead", "dgb", "-o", str(book), today="2027-10-20")
    filled = openpyxl.load_workbook(book)
    filled["Maßnahmen"]["F2"] = "Standortmanagement ausgeschrieben"
    filled["Maßnahmen"]["G2"] = "12.10.2027"
    filled.save(book)
    book.rename(root.parent / f"{root.name}-sachstand-dgb.xlsx")  # out of the repository
    on("import", str(root.parent / f"{root.name}-sachstand-dgb.xlsx"), today="2027-10-20")
    (plan / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    commit(root, "rueckmeldung-dgb")
    return plan


@pytest.fixture(scope="session")
def year_site(year: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public") / "public"
    mpi("site", "-o", str(out), "--no-search", plan=year, lang="de", today=LATER)
    return out
