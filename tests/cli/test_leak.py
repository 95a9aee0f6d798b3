"""No English on German screens: every command and every format people read, run with
--lang de on the shipped plan and on a plan with every status, kind, state and warning,
contains none of the English words of mpi's own texts.

What is not mpi's to translate is taken out first: the plan's own text (every string value of
its files), ids, diagnostic codes, option names and code in backticks, paths and URLs.
JSON, CSV and the JSON Schema are the machine contract and stay English.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache, partial
from pathlib import Path

import pytest

from helpers import FIXTURES, SHIPPED, TODAY, commit, git, mpi
from mpi.loading import reader
from mpi.loading.load import load_plan, require_plan
from mpi.loading.yaml_errors import ReadError

EVERY = FIXTURES / "every"
# mpi's English words (statuses, states, headers, messages); words German shares with
# English (in, was, will, Last, Note, total, Update, Status) are not among them.
WORDS = """
overdue ongoing planned in_progress at_risk dropped measure measures milestone
milestones progress report next deadline deadlines baseline target targets indicator
indicators delayed missed done open due recurring derived inferred stated sourced source
sources involved lead title field fields notes changes change year years the and of is
not none yes no error errors warning warnings valid invalid file files checked value
values occurrence occurrences until from as usage options commands arguments help try
expected unknown nothing late upcoming chart track yearly half show this exit with
without by at on for to be has have were which record recorded added removed changed
written match matches generated contents colours each every goal goals section tags unit
day month precision event plan's
"""
ENGLISH = frozenset(WORDS.split())
# Keys of enum values: their values are English words of the file format, not plan text.
ENUM_KEYS = {"status", "kind", "basis", "every", "direction"}


def _strings(node: object, key: str | None = None) -> Iterator[str]:
    if isinstance(node, str) and key not in ENUM_KEYS:
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)


@cache
def plan_words(plan: Path) -> frozenset[str]:
    """Every word of the plan's own text: titles, texts, quotes, names, ids, notes."""
    words: set[str] = set()
    for path in plan.glob("*.yaml"):
        try:
            tree = reader.parse(path.read_text(encoding="utf-8"))
        except ReadError:  # a file the test broke on purpose
            continue
        for text in _strings(tree):
            words.update(w.casefold() for w in re.findall(r"[^\W\d]+", text))
    return frozenset(words)


def leaks(output: str, plan: Path, *, diff: bool = False) -> list[str]:
    """The English words of `output` that are neither plan text nor code."""
    text = re.sub(r"^::(?:error|warning) .*?::", " ", output, flags=re.M)  # GitHub's syntax
    if diff:  # the lines of a unified diff are the file's, not mpi's
        text = re.sub(r"^(?:[-+ @].*)$", " ", text, flags=re.M)
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))  # HTML: the text, not the markup
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    text = re.sub(r"`[^`]*`", " ", text)  # code: commands, YAML keys
    text = re.sub(r"'[^'\n]*'", " ", text)  # quoted values and ids
    text = re.sub(r"\S*[\[\].]\S*:", " ", text)  # where in a file: measures[HF1.2].due:
    text = re.sub(r"https?://\S+|\S*/\S*", " ", text)  # URLs and paths
    text = re.sub(r"(?<!\w)--?[a-z][\w-]*", " ", text)  # options
    text = re.sub(r"\bmpi \w+", " ", text)  # commands
    text = re.sub(r"\b[0-9a-f]{7,40}\b", " ", text)  # git commits (a1be9… is no English "be")
    text = re.sub(r"\b[a-z]+(?:[-_][a-z0-9]+)+\b", " ", text)  # codes and ids
    allowed = plan_words(plan)
    words = (w for w in re.findall(r"[^\W\d]+(?:'s)?", text))
    return sorted({w for w in words if w.casefold() in ENGLISH and w.casefold() not in allowed})


run = partial(mpi, lang="de")  # every command in German


TERMINAL = {"FORCE_COLOR": "1", "COLUMNS": "10000", "MPI_TODAY": TODAY}
PIPED = {"MPI_TODAY": TODAY}


OWNERS = {
    EVERY: [
        "HF1.1",
        "HF1.2",
        "HF1.3",
        "HF1.4",
        "HF1.5",
        "HF1.6",
        "HF2.1",
        "plan",
        "koordinierungsrunde",
    ],
    SHIPPED: [
        "HF1.1",
        "HF1.10",
        "HF1.12",
        "HF1.15",
        "HF1.16",
        "HF2.1",
        "HF5.1",
        "HF5.2",
        "plan",
        "evaluation",
    ],
}


def cases(plan: Path) -> list[list[str]]:
    out = [
        ["status"],
        ["status", "--format", "markdown"],
        ["list"],
        ["list", "--format", "markdown"],
        ["list", "--status", "gefährdet"],
        ["list", "--search", "nichts-passt-hierzu"],
        ["due"],
        ["due", "--all"],
        ["due", "--all", "--format", "markdown"],
        ["due", "--year", "2099"],
        ["timeline"],
        ["timeline", "--format", "markdown"],
        ["report"],
        ["report", "--format", "html"],
        ["validate"],
        ["validate", "--format", "github"],
        ["indicators"],
        ["indicators", "--format", "markdown"],
        ["list", "--stale", "6m", "--lead", "bwi"],
        ["round"],
        ["round", "--since", "01.01.2024", "--lead", "bwi"],
        ["round", "--since", "01.01.2024", "--format", "html"],
    ]
    for owner in OWNERS[plan]:
        out += [["show", owner], ["show", owner, "--format", "markdown"]]
    return out


def calendar_text(plan: Path) -> str:
    """What a calendar shows people: names, summaries, descriptions, categories."""
    from icalendar import Calendar

    result = mpi("calendar", plan=plan, lang="de", today=TODAY)
    calendar = Calendar.from_ical(result.stdout_bytes)
    said = [str(calendar.get("x-wr-calname"))]
    for event in calendar.walk("VEVENT"):
        said += [str(event.get("summary")), str(event.get("description"))]
        said += [str(c) for c in event.get("categories").cats]
    return "\n".join(said)


@pytest.mark.parametrize("plan", [SHIPPED, EVERY], ids=["shipped", "every"])
@pytest.mark.parametrize("env", [TERMINAL, PIPED], ids=["terminal", "piped"])
def test_no_english_in_what_the_commands_show(plan: Path, env: dict[str, str]) -> None:
    found = {}
    for args in cases(plan):
        words = leaks(run(*args, plan=plan, env=env).output, plan)
        if words:
            found[" ".join(args)] = words
    assert not found, found


@pytest.mark.parametrize("plan", [SHIPPED, EVERY], ids=["shipped", "every"])
def test_no_english_in_the_word_briefing(plan: Path, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "runde.docx"
    args = ["round", "--since", "01.01.2024", "--format", "docx", "-o", str(target)]
    run(*args, plan=plan, env=PIPED)
    document = docx.Document(str(target))
    said = [p.text for p in document.paragraphs]
    said += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert not leaks("\n".join(said), plan), leaks("\n".join(said), plan)


@pytest.mark.parametrize("plan", [SHIPPED, EVERY], ids=["shipped", "every"])
def test_no_english_in_the_calendar(plan: Path) -> None:
    said = calendar_text(plan)
    assert "Fristen:" in said or "Frist:" in said
    assert not leaks(said, plan), leaks(said, plan)


def test_no_english_in_what_the_edit_commands_say(mini: Path) -> None:
    edits = [
        ["set", "HF1.2", "--status", "gefährdet", "--note", "Verzug beim Bau"],
        ["set", "HF1.2", "--status", "laufend"],
        ["milestone", "HF1.2", "stufe-1", "erledigt"],
        ["milestone", "HF1.2", "bericht", "verfehlt", "--occurrence", "12.2023"],
        ["milestone", "evaluation", "1", "erledigt", "--dry-run"],
        ["record", "flaechenreserve", "97,5", "--source", "Statistikamt Nord"],
        ["note", "plan", "Koordinierungsrunde hat getagt"],
    ]
    for args in edits:
        said = run(*args, "--date", "07.12.2026", plan=mini).output
        assert not leaks(said, mini, diff="--dry-run" in args), (args, said)
    plan = require_plan(load_plan(mini))
    logged = [u.text for f in plan.fields for m in f.measures for u in m.updates]
    logged += [u.text for u in plan.updates]
    assert len(logged) == 6 and not leaks("\n".join(logged), mini), logged


@pytest.mark.parametrize(
    "args",
    [
        ["set", "HF9.9", "--status", "laufend"],
        ["set", "HF1.2", "--status", "bald"],
        ["set", "HF1.2", "--status", "geplant"],
        ["milestone", "HF1.2", "stufe-9", "erledigt"],
        ["milestone", "HF1.2", "bericht", "erledigt", "--occurrence", "2099"],
        ["milestone", "HF1.2", "stufe-1", "offen"],
        ["record", "flaechenreserve", "viel"],
        ["record", "unbekannt", "1"],
        ["note", "HF1.1", "  "],
        ["note", "HF1.1", "x", "--date", "2099-01-01"],
        ["show", "HF7.1"],
        ["due", "--year", "2030", "--overdue"],
        ["due", "--within", "bald"],
        ["status", "--today", "gestern"],
        ["report", "--since", "keine-revision"],
        ["diff", "keine-revision"],
    ],
)
def test_no_english_in_the_errors(mini: Path, args: list[str]) -> None:
    result = mpi(*args, plan=mini, lang="de", code=None)
    assert result.exit_code != 0
    assert not leaks(result.stderr, mini), result.stderr


def test_no_english_in_the_errors_of_an_invalid_plan(mini: Path) -> None:
    path = mini / "hf1-flaechen.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("status: ongoing", "status: irgendwie").replace("due: 2035", "due: bald")
    path.write_text(broken.replace("lead: [bwi, hk]", "lead: [bwi, xyz]\n    extra: 1"))
    for args in (["validate"], ["status"], ["set", "HF1.1", "--status", "laufend"]):
        result = mpi(*args, plan=mini, lang="de", code=1)
        assert not leaks(result.stdout + result.stderr, mini), result.stdout + result.stderr


def test_no_english_in_a_yaml_syntax_error(mini: Path) -> None:
    (mini / "hf2-innovation.yaml").write_text("id: HF2\ntitle: [unclosed\n", encoding="utf-8")
    result = mpi("validate", plan=mini, lang="de", code=1)
    assert not leaks(result.stdout + result.stderr, mini), result.stdout + result.stderr


def test_no_english_in_the_diff(mini: Path) -> None:
    git(mini, "init", "-q")
    commit(mini, "round-1")
    for args in (
        ["set", "HF1.2", "--status", "laufend"],
        ["milestone", "HF1.2", "stufe-1", "erledigt"],
        ["record", "flaechenreserve", "97,5"],
    ):
        run(*args, "--date", "07.12.2026", plan=mini)
    text = (mini / "hf2-innovation.yaml").read_text(encoding="utf-8")
    (mini / "hf2-innovation.yaml").write_text(text.replace("kind: expected", "kind: by"))
    for fmt in ("text", "markdown"):
        said = run("diff", "round-1", "--format", fmt, plan=mini).output
        assert "HF1.2" in said and not leaks(said, mini), said
    said = run("report", "--since", "round-1", plan=mini).output
    assert not leaks(said, mini), said


def test_the_detector_finds_what_it_looks_for() -> None:
    """The test above can fail: English in mpi's own words is found."""
    assert leaks("Late: 7 deadlines; next deadline bis 2030", EVERY) == [
        "Late",
        "deadline",
        "deadlines",
        "next",
    ]
    assert leaks("HF1.1 Flächenkonzept erstellt · überfällig", EVERY) == []
    assert leaks("`mpi milestone` --occurrence open-milestone", EVERY) == []


def test_no_english_in_the_guard_of_the_adopted_plan(tmp_path: Path) -> None:
    """Weakening edits by hand (validate, diff, round), then the decision commands, their
    log entries, their errors and the history they leave."""
    from helpers import ADOPTED, adopted_copy, glasfaser_indicators

    plan = adopted_copy(tmp_path / "repo", glasfaser_indicators)
    hf1 = plan / "hf1-flaechen-und-infrastruktur.yaml"
    text = hf1.read_text(encoding="utf-8")
    stage_1 = "        due: 2030\n        kind: by\n        status: open\n        basis: stated\n"
    moved = stage_1.replace("2030", "2032").replace("by", "expected")
    text = text.replace(
        stage_1 + "        quote: Ausbaustufe 1", moved + "        quote: Ausbaustufe 1"
    )
    text = text.replace("{every: half-yearly, start: 2023-12}", "{every: yearly, start: 2023-12}")
    hf1.write_text(text, encoding="utf-8")
    for args, code in (
        (["validate"], 1),
        (["validate", "--format", "github"], 1),
        (["diff", ADOPTED], 0),
        (["diff", ADOPTED, "--format", "markdown"], 0),
        (["round"], 0),
        (["history", "HF1.15"], 0),
    ):
        said = run(*args, plan=plan, env=PIPED, code=code).output
        assert "HF1.15" in said and not leaks(said, plan), (args, said)
    git(plan.parent, "checkout", "-q", "plan")
    decided = ["--decision", "Koordinierungsrunde am 12.06.2026", "--date", "12.06.2026"]
    for args, code in (
        (["reschedule", "HF1.15", "1", "06.2032", "--kind", "voraussichtlich"], 0),
        (["reschedule", "HF1.10", "2", "--every", "jährlich", "--dry-run"], 0),
        (["retarget", "elektrolyseur-leistung", "80"], 0),
        (["retarget", "glasfaser-haushalte", "90", "--year", "2035"], 0),
        (["retarget", "flaechenreserve", "90", "--year", "dauerhaft"], 1),  # below the baseline
        (["drop", "HF2.2"], 0),
    ):
        said = run(*args, *decided, plan=plan, code=code).output
        assert not leaks(said, plan, diff="--dry-run" in args), (args, said)
        commit(plan.parent, f"c{len(args)}{args[1]}")
    for args in (
        ["validate"],
        ["show", "HF1.15"],
        ["report"],
        ["round", "--since", ADOPTED],
        ["history", "HF1.15"],
        ["history", "HF1.16", "--format", "markdown"],
    ):
        said = run(*args, plan=plan, env=PIPED).output
        assert not leaks(said, plan), (args, said)
    for args in (
        ["reschedule", "HF1.15", "1", "bald", "--decision", "x"],
        ["reschedule", "HF1.15", "9", "2040", "--decision", "x"],
        ["reschedule", "HF1.15", "1", "--decision", "x"],
        ["reschedule", "HF1.10", "2", "--kind", "ab", "--decision", "x"],
        ["retarget", "elektrolyseur-leistung", "viel", "--decision", "x"],
        ["retarget", "elektrolyseur-leistung", "80", "--year", "nie", "--decision", "x"],
        ["drop", "HF2.2", "--decision", "x"],
        ["set", "HF2.3", "--status", "entfallen"],
        ["history", "HF1.15", "stufe-9"],
    ):
        result = mpi(*args, plan=plan, lang="de", code=None)
        assert result.exit_code != 0 and result.stderr, (args, result.output)
        assert not leaks(result.stderr, plan), (args, result.stderr)
