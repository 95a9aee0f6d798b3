"""-o FILE and --format agree: the file's extension names the format where --format is
absent, a contradiction is a usage error naming both, and nothing is written then
(issue 31, point 18)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import MINI, mpi


def test_the_extension_chooses_the_format(tmp_path: Path) -> None:
    mpi("report", "-o", str(tmp_path / "runde.html"), plan=MINI)
    assert (tmp_path / "runde.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    mpi("status", "-o", str(tmp_path / "status.JSON"), plan=MINI)
    assert json.loads((tmp_path / "status.JSON").read_text(encoding="utf-8"))
    mpi("list", "-o", str(tmp_path / "liste.csv"), plan=MINI)
    assert (tmp_path / "liste.csv").read_text(encoding="utf-8").startswith("id,")
    mpi("report", "-o", str(tmp_path / "bericht.docx"), plan=MINI)
    assert (tmp_path / "bericht.docx").read_bytes().startswith(b"PK")
    mpi("calendar", "-o", str(tmp_path / "fristen.ics"), plan=MINI)  # its one format
    assert (tmp_path / "fristen.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_a_text_file_gets_the_default_and_another_extension_is_refused(tmp_path: Path) -> None:
    """.txt or no extension: the view's default. A .pdf or .odt would hold text that no reader
    of such a file opens: refused, nothing written, unless --format says what to write."""
    mpi("report", "-o", str(tmp_path / "bericht.txt"), plan=MINI)
    assert (tmp_path / "bericht.txt").read_text(encoding="utf-8").startswith("# ")
    mpi("status", "-o", str(tmp_path / "status"), plan=MINI)
    assert not (tmp_path / "status").read_text(encoding="utf-8").startswith("{")
    for name, command in (("bericht.pdf", "report"), ("runde.pdf", "round"), ("d.odt", "due")):
        said = mpi(command, "-o", str(tmp_path / name), plan=MINI, lang="de", code=2).stderr
        assert f"mpi schreibt keine {Path(name).suffix}-Dateien" in said
        assert not (tmp_path / name).exists()
    mpi("report", "-f", "markdown", "-o", str(tmp_path / "bericht.pdf"), plan=MINI)


def test_format_and_extension_may_agree(tmp_path: Path) -> None:
    mpi("report", "-f", "markdown", "-o", str(tmp_path / "x.md"), plan=MINI)
    mpi("status", "-f", "json", "-o", str(tmp_path / "x.txt"), plan=MINI)  # no format's own
    assert json.loads((tmp_path / "x.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["report", "-f", "html", "-o", "x.md"], ["--format html", "x.md", "markdown", "x.html"]),
        (["report", "-f", "markdown", "-o", "x.html"], ["--format markdown", "x.html"]),
        (["status", "-f", "json", "-o", "x.csv"], ["--format json", "x.csv", "x.json"]),
        (["status", "-o", "x.html"], ["x.html", "html", "text, json, csv, markdown, xlsx"]),
        (["form", "--lead", "hk", "-o", "x.csv"], ["x.csv", "xlsx", "x.xlsx"]),
        (["calendar", "-o", "x.html"], ["x.html", "ics", "x.ics"]),
    ],
)
def test_a_contradiction_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, args: list[str], said: list[str]
) -> None:
    named = tmp_path / args[-1]
    result = mpi(*args[:-1], str(named), plan=MINI, code=2)
    message = result.stderr.replace(str(tmp_path) + "/", "")
    for part in said:
        assert part in message, message
    assert not named.exists() and result.stdout == ""


def test_the_contradiction_is_said_in_german(tmp_path: Path) -> None:
    result = mpi("report", "-f", "html", "-o", str(tmp_path / "x.md"), plan=MINI, lang="de", code=2)
    assert "--format html" in result.stderr and "x.md" in result.stderr
    assert "widersprechen" in result.stderr


def test_the_help_says_the_default_and_the_extension() -> None:
    said = " ".join(mpi("report", "--help").stdout.split())
    assert "the extension of -o FILE decides" in said and "[default: markdown]" in said
    said = " ".join(mpi("diff", "--help").stdout.split())
    assert "-o FILE" not in said and "[default: text]" in said
