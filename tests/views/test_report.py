"""mpi report: Markdown golden output, inert self-contained HTML, atomic -o, a phone screenshot."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import MINI, REPO, SHIPPED, TODAY, break_plan, mpi, repository

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = REPO / "docs" / "report-screenshot.png"


report = partial(mpi, "report", today=TODAY)  # `mpi report ARGS` on the test day


VALUES = """direction: at_least
        values:
          - {date: 2024-06-30, value: 82, source: Statistikamt Nord}
"""


def test_markdown_golden(golden) -> None:
    golden("report.md", report(plan=MINI).stdout)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_markdown_since_a_revision(tmp_path: Path, golden) -> None:
    repo = tmp_path / "repo"
    plan = repository(repo, MINI, "round-1")
    break_plan(plan, "hf1-flaechen.yaml", "        due: 2030\n", "        due: 2031\n")
    break_plan(plan, "hf2-innovation.yaml", "    status: planned\n", "    status: at_risk\n")
    break_plan(plan, "hf1-flaechen.yaml", "direction: at_least\n", VALUES)
    golden("report-since.md", report("--since", "round-1", plan=plan).stdout)
    assert (
        "unknown git revision 'round-0'" in report("--since", "round-0", plan=plan, code=2).stderr
    )


# --- HTML ----------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "col", "area", "base", "source"}


class Balanced(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def parse(html: str) -> Balanced:
    parser = Balanced()
    parser.feed(html)
    parser.close()
    assert parser.open == [], f"unclosed elements: {parser.open}"
    return parser


def hostile(plan: Path) -> Path:
    """The mini plan with markup and control characters in every kind of text the report shows."""
    hf1 = "hf1-flaechen.yaml"
    break_plan(plan, hf1, "title: Wasserstoffnetz", f"title: '{SCRIPT}'")
    break_plan(plan, hf1, "title: Halbjährlicher Bericht", f"title: '{IMG}'")
    break_plan(plan, hf1, "name: Flächenreserve", "name: '</style><style>*{display:none}'")
    break_plan(plan, hf1, "unit: ha", 'unit: "<b>ha</b>\\u202e"')
    break_plan(plan, hf1, "title: Flächen und Infrastruktur", "title: '<!-- & -->'")
    break_plan(
        plan, "plan.yaml", "title: Testplan Industrie", "title: '</title><script>x</script>'"
    )
    return plan


def test_html_escapes_hostile_plan_text(mini: Path) -> None:
    html = report("--format", "html", plan=hostile(mini)).stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/style&gt;&lt;style&gt;" in html and "&lt;b&gt;ha&lt;/b&gt;" in html
    assert "&lt;!-- &amp; --&gt;" in html
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "\u202e" not in html and "\\u202e" in html
    assert html.count("<style>") == 1 and html.count("<title>Progress report") == 1
    parse(html)


def test_html_is_self_contained() -> None:
    html = report("--format", "html", plan=SHIPPED).stdout
    tags = parse(html).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for _tag, attrs in tags:
        for name in ("src", "srcset", "data", "action", "poster"):
            assert name not in attrs
        href = attrs.get("href")
        assert href is None or href.startswith("#") or re.match(r"https?://", href), href
    style = html[html.index("<style>") : html.index("</style>")]
    assert "@import" not in style and "url(" not in style and "@font-face" not in style
    assert '<meta name="viewport"' in html and "@media print" in html
    assert "default-src 'none'" in html  # the page may not load anything even if it tried


def test_html_charts_and_sections(tmp_path: Path) -> None:
    html = report("--format", "html", plan=MINI).stdout
    assert html.count('<section id="') == 7  # no "changes" section without --since
    assert '<rect class="s-planned" x="0" y="0" width="50" height="10">' in html
    assert '<rect class="baseline" x="0" y="2" width="100" height="6">' in html
    assert '<line class="target" x1="100" x2="100"' in html


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "round" / "report.html"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    assert report("--format", "html", "-o", str(out), plan=MINI).stdout == ""
    assert out.read_text(encoding="utf-8") == report("--format", "html", plan=MINI).stdout
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]
    missing = tmp_path / "nowhere" / "report.md"
    assert "cannot write" in report("-o", str(missing), plan=MINI, code=2).stderr
    assert "'pdf' is not one of 'markdown', 'html'" in report("-f", "pdf", plan=MINI, code=2).stderr


def test_status_and_markdown_report_do_not_import_jinja2() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mpi.cli.app import full_app\n"
        f"for args in (['status'], ['report']):\n"
        f"    r = CliRunner().invoke(full_app(), [*args, '--plan', {str(MINI)!r}])\n"
        "    assert r.exit_code == 0, r.output\n"
        "print('jinja2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- a real browser at phone width -----------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium (Debian: apt-get install chromium) for the screenshot test",
)
def test_phone_screenshot_in_headless_chromium(tmp_path: Path, request) -> None:
    page = tmp_path / "report.html"
    report("--format", "html", "-o", str(page), plan=SHIPPED, lang="de")  # as the round reads it
    assert '<html lang="de">' in page.read_text(encoding="utf-8")
    shot = tmp_path / "report.png"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=412,2000",
        page.as_uri(),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("headless chromium did not finish within 120 s")
    assert shot.exists(), "chromium wrote no screenshot"
    assert png_size(shot) == (412, 2000)
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few kilobytes
    if request.config.getoption("--update-golden"):
        shutil.copyfile(shot, SCREENSHOT)


def test_the_report_as_a_word_file(tmp_path: Path) -> None:
    """The same parts as the Markdown report, German, with page numbers in the footer, and
    what it was made from at the end."""
    import io
    import zipfile

    import docx

    target = tmp_path / "bericht.docx"
    report("--format", "docx", "-o", str(target), plan=SHIPPED, lang="de")
    doc = docx.Document(io.BytesIO(target.read_bytes()))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Fortschrittsbericht: Hamburger Masterplan Industrie 2023"
    for part in ("Maßnahmen nach Handlungsfeld", "Indikatoren", "Alle Maßnahmen"):
        assert part in headings
    assert any(h.startswith("Überfällig (") for h in headings)
    assert doc.core_properties.language == "de-DE" and "python-docx" not in (
        doc.core_properties.comments or ""
    )
    with zipfile.ZipFile(target) as parts:
        footer = "".join(parts.read(n).decode() for n in parts.namelist() if "footer" in n)
    assert "PAGE" in footer and "NUMPAGES" in footer
    status = doc.tables[0]
    assert status.rows[0].cells[0].text == "Feld" and len(status.rows) == 8
    assert doc.paragraphs[-1].text.startswith("Erstellt aus")
    result = report("--format", "docx", plan=SHIPPED, lang="de", code=None)
    assert result.exit_code == 0  # not a terminal here: the bytes go to the pipe
