"""Plan text is data: markup, escape sequences and formulas never take effect in any output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from helpers import TODAY, break_plan, mpi

HOSTILE = (
    r"\e[31mROT\e[0m [bold]fett[/bold] [link=file:///etc/passwd]x[/link] "
    r"\e]8;;https://evil.example\e\\klick\e]8;;\e\\ \e]52;c;ZXZpbA==\a "
    r"<script>alert(1)</script> \u202eevil\u202c \x9b2J"
)
RAW_CONTROLS = ["\x1b", "\x07", "\x9b", "\u202e"]


@pytest.fixture
def hostile(mini: Path) -> Path:
    break_plan(mini, "hf1-flaechen.yaml", "    title: Wasserstoffnetz", f'    title: "{HOSTILE}"')
    break_plan(
        mini,
        "hf1-flaechen.yaml",
        "        title: Ausbaustufe 1",
        '        title: "=HYPERLINK(\\"http://evil\\")"',
    )
    return mini


COMMANDS = [["status"], ["list"], ["show", "HF1.2"], ["due", "--all"], ["timeline"]]


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_no_raw_control_characters_in_any_output(
    hostile: Path, command: list[str], fmt: str
) -> None:
    result = mpi(*command, "--format", fmt, "--today", TODAY, plan=hostile)
    for control in RAW_CONTROLS:
        assert control not in result.stdout, (control, result.stdout[:500])


def test_text_shows_markup_literally_and_controls_visibly(hostile: Path) -> None:
    out = mpi("show", "HF1.2", plan=hostile).stdout
    assert "[bold]fett[/bold]" in out
    assert "[link=file:///etc/passwd]" in out
    assert "\\x1b[31mROT" in out and "\\u202e" in out and "\\x9b2J" in out


def test_json_keeps_the_text_exactly(hostile: Path) -> None:
    out = mpi("show", "HF1.2", "--format", "json", plan=hostile)
    title = json.loads(out.stdout)["title"]
    assert title.startswith("\x1b[31mROT") and "<script>" in title and "\u202e" in title


def test_markdown_escapes_html_and_markup(hostile: Path) -> None:
    out = mpi("show", "HF1.2", "--format", "markdown", plan=hostile).stdout
    assert "<script>" not in out and "&lt;script>" in out  # no tag can open without "<"
    assert "\\[bold\\]" in out


def test_csv_neutralises_formulas(hostile: Path) -> None:
    out = mpi("due", "--all", "--format", "csv", plan=hostile).stdout
    titles = [row["title"] for row in csv.DictReader(io.StringIO(out))]
    assert '\'=HYPERLINK("http://evil")' in titles
    assert not any(t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in titles)


@pytest.mark.parametrize("value", ["=1+1", "+49 40", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cell_rules(value: str) -> None:
    from mpi.render.formats.csv import cell

    out = cell(value)
    assert out == "-3" if value == "-3" else not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell(-3.5) == "-3.5" and cell("=1+1") == "'=1+1"


def test_validate_messages_make_controls_visible(mini: Path) -> None:
    break_plan(mini, "hf1-flaechen.yaml", "    tags: [Flächen]", '    "\\e[2Jtag": [x]')
    for fmt in ("text", "github", "json"):
        result = mpi("validate", "--format", fmt, plan=mini, code=1)
        assert "\x1b" not in result.stdout


def test_internal_error_exits_3_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import MINI

    def boom(*_args, **_kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr("mpi.views.status.status", boom)
    result = mpi("status", plan=MINI, code=3)
    assert "internal error (RuntimeError)" in result.stderr and "--debug" in result.stderr
    assert "Traceback" not in result.output
    with pytest.raises(RuntimeError, match="unexpected"):  # --debug: the exception itself
        mpi("--debug", "status", plan=MINI)
