"""A site built once per session from a scripted year on a git copy of the shipped plan, with
a site.yaml, a partner's report and an indicator value; the tests read it."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from helpers import SITE_YAML, commit, mpi, scripted_year

DAY = "2027-09-01"


@pytest.fixture(scope="session")
def year_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    plan = scripted_year(root)
    on = partial(mpi, plan=plan, lang="de", today="2027-06-02")
    on("note", "HF4.1", "Die Ausbildungsbörse fand mit 40 Betrieben statt.", "--by", "dgb")
    on("record", "glasfaser-haushalte", "91", "--period", "2026")
    (plan / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    commit(root, "bericht-und-seite")
    return plan


@pytest.fixture(scope="session")
def site(year_plan: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public") / "public"
    mpi("site", "-o", str(out), plan=year_plan, lang="de", today=DAY)
    return out
