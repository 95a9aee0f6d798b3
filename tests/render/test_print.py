"""The round's handout and the minutes in print: page numbers in Chromium's PDF of the HTML
and in LibreOffice's PDF of the Word file, no word broken inside a table cell at A4, Word
columns as wide as their content asks; axe-core finds no violation in the round or the
report at 1280 and 390 px. Each tool is used where this machine has it (.ci/run installs
them); the column arithmetic is tested everywhere."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import REPO, SECOND, SHIPPED, mpi, scripted_year
from mpi.render import columns

CHROMIUM = Path("/usr/bin/chromium")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
AXE = REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TODAY = "2027-09-01"
ARGS = {
    "round": ["round", "--meeting", SECOND],
    "minutes": ["meeting", "minutes", "10.03.2027"],
    "report": ["report"],
}


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scripted_year(tmp_path_factory.mktemp("print"))


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp / 'profile'}", *args]  # fmt: skip
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("headless chromium did not finish within 180 s")


def pdf_pages(path: Path) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]


def broken_words(pages: list[str], words: set[str]) -> list[str]:
    """Words of the tables that a line break cut in two: a line that ends in a part of one
    and the next that begins with the rest (with or without a hyphen)."""
    out = []
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    for a, b in pairwise(lines):
        end, start = a.split()[-1], b.split()[0]
        if end[-1] in '.,;:)“"!?…' or start[0] in '(„"…' or strip(end) in words:
            continue  # a line that ends with a whole word, or the next begins anew
        if strip(start) in words:
            continue
        # a break at a word's own hyphen (EU-|Richtlinien) is where it may break
        joined = end[:-1] + start if end.endswith("-") else end + start
        if strip(joined) in words:
            out.append(f"{end} | {start}")
    return out


def strip(word: str) -> str:
    return word.strip(".,;:()„“\"'!?")


class Cells(HTMLParser):
    """The words of every table cell of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.words = 0, set[str]()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.depth += tag in ("td", "th")

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in ("td", "th")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words |= {strip(w) for w in unicodedata.normalize("NFKC", data).split()}


def docx_cell_words(path: Path) -> set[str]:
    import docx

    doc = docx.Document(io.BytesIO(path.read_bytes()))
    return {
        strip(w)
        for t in doc.tables
        for r in t.rows
        for c in r.cells
        for w in unicodedata.normalize("NFKC", c.text).split()
    }


def numbered(pages: list[str]) -> bool:
    return all(f"Seite {n} von {len(pages)}" in p for n, p in enumerate(pages, start=1))


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium for the print test")
@pytest.mark.parametrize("what", ["round", "minutes"])
def test_chromium_prints_page_numbers_and_breaks_no_word(
    year: Path, tmp_path: Path, what: str
) -> None:
    page = tmp_path / f"{what}.html"
    args = (
        ["round", "--meeting", SECOND] if what == "round" else ["meeting", "minutes", "10.03.2027"]
    )
    mpi(*args, "--format", "html", "-o", str(page), plan=year, lang="de", today=TODAY)
    pdf = tmp_path / f"{what}.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = pdf_pages(pdf)
    assert len(pages) >= (1 if what == "minutes" else 3)
    assert numbered(pages), pages[0][-200:]
    assert all("Hamburger Masterplan Industrie 2023" in p for p in pages)
    cells = Cells()
    cells.feed(page.read_text(encoding="utf-8"))
    assert len(cells.words) > 20
    assert broken_words(pages, cells.words) == []


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="no LibreOffice (Debian: libreoffice-writer-nogui)")
@pytest.mark.parametrize("what", ["round", "minutes"])
def test_libreoffice_prints_the_word_file_with_page_numbers_and_whole_words(
    year: Path, tmp_path: Path, what: str
) -> None:
    word = tmp_path / f"{what}.docx"
    args = (
        ["round", "--meeting", SECOND] if what == "round" else ["meeting", "minutes", "10.03.2027"]
    )
    mpi(*args, "--format", "docx", "-o", str(word), plan=year, lang="de", today=TODAY)
    assert SOFFICE is not None
    profile = (tmp_path / "lo").as_uri()
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(word)],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    pages = pdf_pages(tmp_path / f"{what}.pdf")
    assert len(pages) >= 2
    assert numbered(pages), pages[0][-200:]
    words = docx_cell_words(word)
    assert len(words) > 30
    assert broken_words(pages, words) == []


def test_a_table_cut_in_its_words_is_found() -> None:
    """The check itself: a word cut at a line end, with or without a hyphen, is found."""
    words = {"Handelskammer", "Bundesfernstraßennetzes", "IVH"}
    assert broken_words(["TOP 3 Aufträge Handelska\nmmer, IVH"], words) == ["Handelska | mmer,"]
    assert broken_words(["Bundesfern-\nstraßennetzes"], words) == ["Bundesfern- | straßennetzes"]
    assert broken_words(["Handelskammer,\nIVH"], words) == []
    assert broken_words(["die EU-\nRichtlinien"], {"EU-Richtlinien"}) == []


def test_word_columns_follow_their_content(year: Path, tmp_path: Path) -> None:
    import docx
    from docx.shared import Mm

    word = tmp_path / "round.docx"
    mpi("round", "--meeting", SECOND, "--format", "docx", "-o", str(word), plan=year,
        lang="de", today=TODAY)  # fmt: skip
    doc = docx.Document(io.BytesIO(word.read_bytes()))
    agenda = next(t for t in doc.tables if t.rows[0].cells[0].text == "Punkt")
    widths = [c.width for c in agenda.columns]
    assert abs(sum(widths) - Mm(170)) < Mm(1)  # the text width of A4 with 2 cm margins
    assert widths[1] > widths[0] and widths[1] > widths[2]  # the subject gets the room
    assert all(c.width == w for r in agenda.rows for c, w in zip(r.cells, widths, strict=True))


@given(
    st.lists(
        st.lists(
            st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß ABCÄ-.", max_size=60),
            min_size=3,
            max_size=3,
        ),
        max_size=12,
    ),
    st.sampled_from([8.0, 9.0, 10.0]),
)
def test_column_widths_fill_the_page_and_hold_every_word_that_fits(
    rows: list[list[str]], size: float
) -> None:
    head = ["Maßnahme", "Federführung", "Letzter Vermerk"]
    widths, fits = columns.widths(head, rows, 170.0, size)
    assert len(widths) == 3 and abs(sum(widths) - 170.0) < 1e-6
    longest = [
        max(columns.text_width(w, size) for r in [head, *rows] for w in r[i].split() or [""])
        for i in range(3)
    ]
    if fits:
        assert all(w + 1e-6 >= m for w, m in zip(widths, longest, strict=True))


def run_axe(tmp: Path, page: Path, width: int) -> list[dict[str, object]]:
    """axe-core's violations on a copy of the page (its script allowed), at a window width."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    runner = (
        "<script>" + AXE.read_text(encoding="utf-8") + "</script><script>"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
        "var out = document.createElement('pre'); out.id = 'axe-result';"
        "out.textContent = JSON.stringify(r.violations.map(function (v) {"
        "return {id: v.id, targets: v.nodes.map(function (n) { return n.target.join(' '); })};"
        "})); document.body.appendChild(out); });</script>"
    )
    checked = tmp / f"axe-{width}-{page.name}"
    checked.write_text(text.replace("</body>", runner + "</body>"), encoding="utf-8")
    done = chromium(tmp, f"--window-size={width},1200", "--virtual-time-budget=30000",
                    "--dump-dom", checked.as_uri())  # fmt: skip
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe-core gave no result: {done.stderr[-500:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium for axe-core")
@pytest.mark.skipif(not AXE.exists(), reason="no axe-core (.ci/run: npm install in .ci/node)")
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_in_the_round_and_the_report(
    year: Path, tmp_path: Path, width: int
) -> None:
    pages = {
        "round.html": ["round", "--meeting", SECOND],
        "report.html": ["report"],
        "minutes.html": ["meeting", "minutes", "10.03.2027"],
    }
    for name, args in pages.items():
        page = tmp_path / name
        mpi(*args, "--format", "html", "-o", str(page), plan=year, lang="de", today=TODAY)
        assert run_axe(tmp_path, page, width) == [], name
    shipped = tmp_path / "shipped-report.html"
    mpi("report", "--format", "html", "-o", str(shipped), plan=SHIPPED, lang="de")
    assert run_axe(tmp_path, shipped, width) == []
