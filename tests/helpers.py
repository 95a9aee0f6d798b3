"""What the tests share besides fixtures: where things are, the CLI runner, git in a test
repository. Imported as `helpers` (pytest puts tests/ on sys.path: `pythonpath` in
pyproject.toml); tests/conftest.py holds only fixtures and hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from pathlib import Path

from typer.testing import CliRunner, Result

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "plan"


def break_plan(plan: Path, file: str, old: str, new: str) -> Path:
    """Replace `old` (which must occur exactly once) by `new` in one file of the plan."""
    path = plan / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def stable(output: str) -> str:
    """Output as a golden file keeps it: what a report was made from (its git commit, whether
    the tree had changes) depends on where the tests run, so it reads `<git>` there
    (tests/views/test_round.py checks the real values)."""
    where = (
        r"(the plan|dem Plan)"
        r"( at git commit [0-9a-f]{12}|, Git-Commit [0-9a-f]{12}| \(not in git\)| \(nicht in Git\)"
        r"| \(in a git repository, not committed yet\)"
        r"| \(in einem Git-Repository, noch nicht eingecheckt\))"
        r"(, with files that differ from it: [^;\n]*|, mit abweichenden Dateien: [^;\n]*)?"
    )
    return re.sub(where, r"\1 <git>", output)


# The day the tests take as today: MPI_TODAY of every run (tests/conftest.py), unless a test
# names another day and says why.
def words(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces: `mpi show` wraps."""
    return " ".join(text.split())


TODAY = "2026-12-07"
TODAY_DATE = date.fromisoformat(TODAY)

_RUNNER = CliRunner()


def mpi(
    *args: str,
    plan: Path | str | None = None,
    lang: str | None = None,
    today: str | date | None = None,
    env: Mapping[str, str | None] | None = None,
    code: int | None = 0,
    input: str | None = None,
    color: bool = False,
    prog_name: str | None = None,
) -> Result:
    """Run `mpi ARGS [--plan PLAN] [--lang LANG]` in this process through Typer's runner
    (stdout and stderr apart) and check that it ended with exit code `code` (None: any, for
    a test that looks at it itself) and never with an exception or a traceback.

    `today` is MPI_TODAY for the run, `env` more variables (None unsets one). `color=True`
    keeps every byte (the runner strips ANSI sequences otherwise); `prog_name="mpi"` for shell
    completion (its variable is named after the program). The app is the one the
    console script runs for these words (`app_for`: the command alone). A module that runs
    mostly one way names its defaults once: `run = functools.partial(mpi, lang="de")`.
    """
    from mpi.cli.app import app_for

    words = [*args]
    if plan is not None:
        words += ["--plan", str(plan)]
    if lang is not None:
        words += ["--lang", lang]
    variables = {**(env or {})}
    if today is not None:
        variables["MPI_TODAY"] = str(today)
    app = app_for(words, {**os.environ, **variables})
    extra = {} if prog_name is None else {"prog_name": prog_name}
    result = _RUNNER.invoke(app, words, input=input, env=variables or None, color=color, **extra)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback (most recent call last)" not in result.output, result.output
    if code is not None:
        assert result.exit_code == code, (result.exit_code, result.output)
    return result


def git(repo: Path, *args: str) -> str:
    """Run git in a test repository, independent of the user's git configuration."""
    result = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def commit(repo: Path, tag: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", tag)
    git(repo, "tag", tag)


def repository(repo: Path, source: Path = MINI, tag: str = "v0", plan: str = "plan") -> Path:
    """A git repository at `repo` with a copy of the plan `source` in its folder `plan` (""
    for the repository's top), committed and tagged `tag`; returns the plan's folder."""
    folder = repo / plan if plan else repo
    shutil.copytree(source, folder)
    git(repo, "init", "-q")
    commit(repo, tag)
    return folder


ADOPTED = "beschlossen-2023"  # the tag plan.yaml names for the adopted plan


def adopted_copy(root: Path, edit: Callable[[Path], None] | None = None) -> Path:
    """A git copy of the shipped plan whose first commit is tagged as the adopted plan (the
    commit id plan.yaml names is not in this repository; the tag is): returns the plan.
    `edit` changes the copy before that commit (a plan adopted otherwise)."""
    shutil.copytree(SHIPPED, root / "plan")
    if edit is not None:
        edit(root / "plan")
    git(root, "init", "-q")
    commit(root, ADOPTED)
    return root / "plan"


# --- a year with two Koordinierungsrunden (tests/cli/test_meetings.py, tests/render/test_print.py)

FIRST, SECOND = "10.03.2027", "22.09.2027"
LATER = "2027-10-25"  # after every step of the year of changes (tests/publish/conftest.py)
SITE_YAML = """\
# the deployment's own facts (the tests' own, not the BWI's)
publisher: Freie und Hansestadt Hamburg, Behörde für Wirtschaft und Innovation
url: https://masterplan.example.org/
contact:
  name: Geschäftsstelle Masterplan Industrie
  address: [Beispielstraße 1, 20000 Hamburg]
  email: masterplan@example.org
imprint: https://example.org/impressum
privacy: https://example.org/datenschutz
accessibility:
  conformance: partial
  assessed: 2027-08-15
  enforcement:
    name: Schlichtungsstelle nach § 13a HmbBGG
    address: [Beispielweg 2, 20000 Hamburg]
    url: https://example.org/schlichtungsstelle
opendata:
  license: http://dcat-ap.de/def/licenses/dl-by-de/2.0
  contributor_id: http://dcat-ap.de/def/contributors/transparenzportalHamburg
  spatial: http://dcat-ap.de/def/politicalGeocoding/stateKey/02
  keywords: [Wirtschaft]
"""
FIRST_ID = "koordinierungsrunde-2027-03-10"
SECOND_ID = "koordinierungsrunde-2027-09-22"
MILESTONE = "standortmanagement-schnackenburgallee"  # HF1.6, overdue since 06/2025 (below)


GLASFASER = Path(__file__).parent / "fixtures" / "glasfaser"


def glasfaser_indicators(plan: Path) -> None:
    """The plan adopted with HF1.16's two Glasfaser indicators and their inferred 100 %
    targets (withdrawn from the shipped plan by the second reading: the document sets no
    target for connections), so that tests have indicators with an editor's target to record
    values on, retarget and correct."""
    hf1 = plan / "hf1-flaechen-und-infrastruktur.yaml"
    text = hf1.read_text(encoding="utf-8")
    at = text.index("    updates: []", text.index("      - id: glasfaser-vollversorgung"))
    block = (GLASFASER / "hf1-indicators.yaml").read_text(encoding="utf-8")
    hf1.write_text(text[:at] + block + text[at:], encoding="utf-8")
    adopted = plan / "adopted.yaml"
    text = adopted.read_text(encoding="utf-8")
    at = text.index("      - id: HF1.17")
    block = (GLASFASER / "adopted-indicators.yaml").read_text(encoding="utf-8")
    adopted.write_text(text[:at] + block + text[at:], encoding="utf-8")


def hf1_6_committed(plan: Path) -> None:
    """The year's plan, adopted with HF1.6's Standortmanagement as a commitment due by June
    2025 (in the shipped plan it is history: "Zu Mitte 2022", before the plan), so that a
    deadline led by all four partners is overdue in the scripted year."""
    for name, old, new in (
        ("hf1-flaechen-und-infrastruktur.yaml",
         "title: Einrichtung eines Standortmanagements Schnackenburgallee (vorgesehen)\n"
         "        due: 2022-06\n        kind: history",
         "title: Standortmanagement Schnackenburgallee eingerichtet\n"
         "        due: 2025-06\n        kind: by"),
        ("adopted.yaml", "due: '2022-06'\n            kind: history",
         "due: '2025-06'\n            kind: by"),
    ):  # fmt: skip
        path = plan / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, name
        path.write_text(text.replace(old, new), encoding="utf-8")


def top_of(plan: Path, meeting: str, kind_title: str) -> int:
    """The number of the agenda item whose title starts with `kind_title`."""
    text = (plan / "meetings.yaml").read_text(encoding="utf-8")
    block = text.split(f"id: {meeting}", 1)[1].split("\n  - id:", 1)[0]
    titles = re.findall(r"- title: (.*)", block)
    return next(i for i, t in enumerate(titles, start=1) if t.strip("'\"").startswith(kind_title))


def scripted_year(root: Path) -> Path:
    """A year scripted on a git copy of the shipped plan (returns the plan): the invitation
    to a first Koordinierungsrunde, its results (attendance, two decisions by TOP that change
    the plan and one that does not, three action items), one action item closed, and the
    invitation to a second round."""
    plan = adopted_copy(root, lambda p: (hf1_6_committed(p), glasfaser_indicators(p)))
    run = partial(mpi, lang="de")
    run("meeting", "new", "koordinierungsrunde", FIRST, "--time", "10:00-12:00",
        "--place", "BWI, Alter Steinweg 4, Raum 101", "--chair", "Amtsleiter Wirtschaft",
        "--invite", "hk=Dr. A. Beispiel, Geschäftsführerin", "--invite", "dgb", "--invite", "bwi",
        "--invite", "ivh", plan=plan, today="2027-02-15")  # fmt: skip
    commit(root, "einladung-1")
    on = partial(run, plan=plan, today="2027-03-12")
    on("meeting", "attend", FIRST, "hk", "Dr. A. Beispiel, Geschäftsführerin")
    on("meeting", "attend", FIRST, "bwi", "B. Muster, Amtsleiter")
    on("meeting", "attend", FIRST, "dgb", "--excused")
    hf1 = top_of(plan, FIRST_ID, "Bericht aus dem Handlungsfeld 1")
    hf3 = top_of(plan, FIRST_ID, "Bericht aus dem Handlungsfeld 3")
    on("reschedule", "HF1.6", MILESTONE, "12.2027", "--meeting", FIRST, "--top", str(hf1))
    on("drop", "HF3.7", "--meeting", FIRST_ID, "--top", str(hf3))
    on("meeting", "decide", FIRST, "Die Runde nimmt die Berichte zur Kenntnis.", "--top", str(hf1))
    on("meeting", "action", FIRST, "Sachstand Flächenreserve vorlegen", "--owner", "Handelskammer",
       "--due", "30.04.2027", "--top", str(hf1))  # fmt: skip
    on("meeting", "action", FIRST, "Termine der Matchingveranstaltungen melden", "--owner", "ivh",
       "--due", "31.12.2027")  # fmt: skip
    on("meeting", "action", FIRST, "Stellungnahme zum Ausbildungsmonitor", "--owner", "DGB Nord",
       "--due", "30.06.2027", "--top", str(hf3))  # fmt: skip
    commit(root, "runde-1")
    later = partial(run, plan=plan, today="2027-09-01")
    later("meeting", "done", FIRST, "1", "--note", "Bericht liegt vor", "--date", "28.04.2027")
    later("meeting", "new", "Koordinierungsrunde", SECOND, "--video", "Videokonferenz (Link folgt)",
          "--chair", "Amtsleiter Wirtschaft")  # fmt: skip
    commit(root, "einladung-2")
    return plan
