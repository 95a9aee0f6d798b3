"""Terminal tables: words break at spaces or German syllables, ids, dates and statuses never."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from helpers import SHIPPED, TODAY, mpi, words
from mpi.render.formats._grid import Column, Grid, breaks, whole, wrap


def lines(text: str, width: int) -> list[str]:
    return wrap(Text(text), width).plain.split("\n")


def test_a_word_that_fits_moves_to_the_next_line_whole() -> None:
    assert lines("RISA und Klimafolgenanpassung", 20) == ["RISA und", "Klimafolgenanpassung"]


def test_a_word_wider_than_the_column_breaks_at_a_syllable_with_a_hyphen() -> None:
    out = lines("RISA und Klimafolgenanpassung", 14)
    assert all(len(line) <= 14 for line in out)
    assert out[-2].endswith("-") and not out[-2].endswith("--")
    assert "".join(line.removesuffix("-") for line in out[1:]) in "undKlimafolgenanpassung"
    joined = " ".join(out).replace("- ", "")
    assert joined == "RISA und Klimafolgenanpassung"


def test_pyphens_uncertain_splits_are_not_taken() -> None:
    # pyphen gives `Klimafolge-n-anpassung`: both sides of the one-letter syllable are dropped
    assert 10 not in breaks("Klimafolgenanpassung") and 11 not in breaks("Klimafolgenanpassung")
    assert breaks("Start-ups") == [6]  # after the hyphen it has, and nowhere inside `ups`
    url = "https://example.org/langer-pfad"  # an address: after its slashes and hyphens only
    assert breaks(url) == [m.end() for m in re.finditer(r"[-/](?=.)", url)]


def test_words_joined_by_no_break_spaces_stay_on_one_line() -> None:
    out = lines("nächste: " + whole("bis Dezember 2026") + " HF1.10", 22)
    assert any(line == whole("bis Dezember 2026") for line in out), out


def test_styles_survive_the_wrap() -> None:
    text = Text("überfällig: Dezember 2023")
    text.stylize("bold red", 0, 11)
    out = wrap(text, 12)
    assert out.plain == "überfällig:\nDezember\n2023"
    assert out.spans[0].style == "bold red" and out.spans[0].end == 11


@given(st.text(alphabet="abcdeäöüß -/Kl.", max_size=80), st.integers(min_value=1, max_value=30))
def test_no_line_is_wider_than_the_column_and_no_letter_is_lost(text: str, width: int) -> None:
    out = wrap(Text(text), width).plain.split("\n")
    assert all(len(line) <= width for line in out)
    letters = re.sub(r"[\s-]", "", text)
    assert re.sub(r"[\s-]", "", "".join(out)) == letters


def test_key_columns_keep_their_width_and_the_table_fits() -> None:
    grid = Grid((Column("ID"), Column("Titel", weight=1), Column("Status")))
    grid.add_row(
        "bericht-koordinierungsrunde", "Halbjährliche Information der Partner", "6 überfällig"
    )
    console = Console(width=50, record=True)
    with console.capture() as captured:
        console.print(grid)
    out = captured.get().splitlines()
    assert max(len(line.rstrip()) for line in out) <= 50
    assert "bericht-koordinierungsrunde" in out[2] and "6 überfällig" in out[2]
    assert len(out[1]) == sum(grid.widths(50)) + 3 * 2  # the rule: columns and gutters


COMMANDS = [
    ["status"],
    ["list"],
    ["due"],
    ["timeline"],
    ["show", "HF1.10"],
    ["show", "HF1.16"],
    ["show", "plan"],
    ["show", "koordinierungsrunde"],
]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_at_80_columns_nothing_is_cut(
    args: list[str], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    out = mpi(*args, "--today", TODAY, plan=SHIPPED, lang=lang, today=TODAY).stdout
    rows = out.splitlines()
    assert all(len(line) <= 80 for line in rows), max(rows, key=len)
    if args[0] == "show" and args[1].startswith("HF"):
        plan = mpi("show", args[1], "--format", "json", plan=SHIPPED, today=TODAY).stdout
        for ident in re.findall(r'"id": "([a-z0-9-]+)"', plan):
            assert any(ident in line for line in rows) or ident not in out.replace("\n", "")
    # what the old tables did: a word folded without a hyphen, an id or a status cut
    for cut in (r"Klimafolgenanpassu\b", r"Infrastruktu\b", r"koordinierungsru\b", r"überfälli\b"):
        assert not re.search(cut, out), cut
    assert not re.search(r"^\s*(ng|r|n|nde)\s*$", out, re.MULTILINE)


@pytest.mark.parametrize("name", ["status", "list", "show"])
def test_the_80_column_captures_in_docs_show_no_cut_value(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/terminal-*-80.txt are tmux captures of the shipped plan, and what mpi prints today:
    regenerate them when the output changes (README)."""
    out = (SHIPPED.parent / "docs" / f"terminal-{name}-80.txt").read_text(encoding="utf-8")
    assert max(len(line) for line in out.splitlines()) <= 80
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    args = ["show", "HF1.10"] if name == "show" else [name]
    now = mpi(*args, "--today", TODAY, plan=SHIPPED, lang="de", today=TODAY).stdout
    assert [line.rstrip() for line in now.replace("\u00a0", " ").splitlines()] == [
        line.rstrip() for line in out.splitlines()
    ]
    for cut in (r"Klimafolgenanpassu\b", r"Infrastruktu\b", r"koordinierungsru\b", r"überfälli\b"):
        assert not re.search(cut, out), cut
    assert not re.search(r"^\s*(ng|r|n|nde)\s*$", out, re.MULTILINE)


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_list_keeps_every_tag_and_name_whole(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Too narrow for a tag column whose tags stay whole, the lead and the tags fold under the
    title; no word of `list` breaks at any width (so pyphen is never loaded for it)."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(width))
    out = mpi("list", "--today", TODAY, plan=SHIPPED, lang="de", today=TODAY).stdout
    assert all(len(line) <= width for line in out.splitlines())
    assert not re.search(r"[^\W\d_]-\s*$", out, re.MULTILINE)  # no word broken at a syllable
    plan = json.loads(mpi("list", "--format", "json", plan=SHIPPED, today=TODAY).stdout)
    for m in plan:
        assert all(tag in out for tag in m["tags"]), m["id"]
    folded = "Federf.: Senat/BWI · Flächen, Umwelt, Klima" in out
    assert folded == (width < 110), width


def test_show_hf1_10_at_80_columns_keeps_its_id_date_and_status_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    out = mpi("show", "HF1.10", "--today", TODAY, plan=SHIPPED, lang="de", today=TODAY).stdout
    out = out.replace("\u00a0", " ")
    assert "bericht-koordinierungsrunde · 6 überfällig" in out
    assert "nächste: bis Dezember 2026" in out
    assert "halbjährlich ab Dezember 2023 (ohne Ende)" in out


def test_the_timelines_recurring_milestones_hang_under_their_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Point 6: the lines under „Wiederkehrende Meilensteine“ do not wrap back to column 0."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    out = mpi("timeline", "--today", TODAY, plan=SHIPPED, lang="de", today=TODAY).stdout
    below = out.split("Wiederkehrende Meilensteine\n")[1].split("\n\n")[0].splitlines()
    assert below and all(line.startswith("  ") for line in below)
    helped = " ".join(mpi("timeline", "--help", lang="de").stdout.split())
    assert "vom frühesten" in helped and "2019" in helped


def test_continuations_hang_under_their_text_at_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source's address, an item, a decision and an indicator's name go on under their own
    text, never at the left edge; a status in the legend and `bis 2037` stay whole."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    shown = mpi("show", "HF1.15", "--today", TODAY, plan=SHIPPED, lang="de", today=TODAY).stdout
    url = next(line for line in shown.splitlines() if "gasnetz-hamburg.de" in line)
    assert url.startswith("  ")
    listed = mpi("indicators", "--today", TODAY, plan=SHIPPED, lang="de", today=TODAY).stdout
    ids = {"flaechenreserve", "bahnanteil-gueterverkehr", "elektrolyseur-leistung", "["}
    edge = [line for line in listed.splitlines() if line[:1].strip()]
    assert all(line.startswith(tuple(ids)) or line.startswith("Woher") for line in edge), edge
    status = mpi("status", "--today", TODAY, plan=SHIPPED, lang="de", today=TODAY).stdout
    assert "x entfallen" in words(status) and not re.search(r"x\s*\n\s*entfallen", status)
    english = mpi("status", "--today", TODAY, plan=SHIPPED, lang="en", today=TODAY).stdout
    assert "(A 26 Ost," in english  # a road's name whole, in either language
