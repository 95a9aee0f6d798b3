"""`mpi site`: the pages, their links and structure, determinism, the configuration, and
how the output directory is treated. The browser checks are in test_site_browser.py."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from helpers import SHIPPED, mpi

DAY = "2027-09-01"
PAGE_TYPES = {  # one of each kind of page
    "start": "index.html",
    "about": "plan.html",
    "field": "handlungsfelder/HF1.html",
    "measure": "massnahmen/HF1.6.html",
    "indicator": "indikatoren/glasfaser-haushalte.html",
    "partner": "partner/dgb.html",
    "body": "gremien/koordinierungsrunde.html",
    "deadlines": "fristen.html",
    "measures": "massnahmen.html",
    "indicators": "indikatoren.html",
    "method": "methode.html",
    "accessibility": "barrierefreiheit.html",
    "easy": "leichte-sprache.html",
    "search": "suche.html",
    "changes": "aenderungen.html",
    "subscribe": "abonnieren.html",
    "embedded measure": "einbetten/massnahmen/HF1.6.html",
    "embedded indicator": "einbetten/indikatoren/glasfaser-haushalte.html",
}


class Page(HTMLParser):
    """What the tests look at in a page: links, ids, headings, tables, lang."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.h1 = 0
        self.lang: str | None = None
        self.tables = 0
        self.captions = 0
        self.th_without_scope = 0
        self.img_without_alt = 0
        self.svg_without_title = 0
        self._svg_open = False
        self._svg_titled = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for name in ("href", "src", "action"):
            if a.get(name) is not None:
                self.links.append((tag, str(a[name])))
        if tag == "html":
            self.lang = a.get("lang")
        self.h1 += tag == "h1"
        self.tables += tag == "table"
        self.captions += tag == "caption"
        self.th_without_scope += tag == "th" and "scope" not in a
        self.img_without_alt += tag == "img" and "alt" not in a
        if tag == "svg":
            self._svg_open, self._svg_titled = True, False
        if tag == "title" and self._svg_open:
            self._svg_titled = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.svg_without_title += not self._svg_titled
            self._svg_open = False


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def copy_without_git(plan: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "plan"
    shutil.copytree(plan, copy, ignore=shutil.ignore_patterns(".git"))
    return copy


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_every_page_type_is_built_with_one_h1_a_language_and_described_tables(site: Path) -> None:
    for kind, name in PAGE_TYPES.items():
        assert (site / name).is_file(), kind
    built = pages(site)
    singles = [n for n in PAGE_TYPES.values() if "/" not in n]
    # and per field, measure, indicator, partner and body of the shipped plan, and an embed
    # per measure and indicator
    assert len(built) == len(singles) + 5 + 51 + 5 + 4 + 6 + 51 + 5
    for path in built:
        page = read(path)
        where = path.relative_to(site)
        assert page.h1 == 1, where
        assert page.lang == "de", where
        assert "inhalt" in page.ids, where  # the skip link's target
        assert page.tables == page.captions, where
        assert page.th_without_scope == 0, where
        assert page.img_without_alt == 0, where
        assert page.svg_without_title == 0, where


def test_every_internal_link_resolves_and_nothing_is_loaded_from_elsewhere(site: Path) -> None:
    checked = 0
    for path in pages(site):
        page = read(path)
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto"):
                assert tag == "a", f"{path}: <{tag}> loads {url} from elsewhere"
                continue
            assert not parts.scheme and not parts.netloc, f"{path}: {url}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(site)}: {url} does not resolve"
            assert site.resolve() in target.parents, f"{path}: {url} leaves the site"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in read(target).ids, f"{path}: {url}"
            checked += 1
    assert checked > 1500


def test_a_second_build_is_byte_identical(year_plan: Path, site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    mpi("site", "-o", str(again), plan=year_plan, lang="de", today=DAY)
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert any(str(k).startswith("pagefind/") for k in first)  # the search index too


def test_the_measure_page_shows_deadlines_with_their_source_and_the_decided_history(
    site: Path,
) -> None:
    text = (site / "massnahmen" / "HF1.6.html").read_text(encoding="utf-8")
    assert "Standortmanagement Schnackenburgallee" in text
    assert "Dezember 2027" in text  # the new deadline
    assert "verschoben" in text and "Koordinierungsrunde" in text  # the move and its decision
    dropped = (site / "massnahmen" / "HF3.7.html").read_text(encoding="utf-8")
    assert "entfallen" in dropped
    reported = (site / "massnahmen" / "HF4.1.html").read_text(encoding="utf-8")
    assert "Sachstand DGB Nord, 02.06.2027" in reported
    assert "Ausbildungsbörse" in reported


def test_the_indicator_page_says_in_one_sentence_where_it_stands(site: Path) -> None:
    text = (site / "indikatoren" / "glasfaser-haushalte.html").read_text(encoding="utf-8")
    assert "liegt 2026 bei 91 %" in text
    assert "Einschätzung" in text
    assert 'role="img"' in text and "<desc" in text
    assert 'href="../methode.html#bewertung"' in text


def test_a_bound_and_an_aspiration_read_as_such_on_the_indicator_page(site: Path) -> None:
    """ "Mehr als 46 Prozent" is no 46, and a target the Senate "strebt an" says so."""
    text = (site / "indikatoren" / "glasfaser-unternehmen.html").read_text(encoding="utf-8")
    assert '<td class="num">&gt; 46</td>' in text
    assert "(angestrebt)" in text and "nur als Grenze" in text


def test_the_start_page_names_what_is_late_first_and_the_latest_changes(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    assert text.index("Überfällig und verfehlt") < text.index("Nächste Fristen")
    assert "Ausbildungsbörse" in text  # the newest report is among the latest changes
    assert "Hamburg ist die größte Industriestadt Deutschlands." in text  # the Präambel


def test_the_accessibility_statement_is_filled_from_site_yaml(site: Path) -> None:
    text = (site / "barrierefreiheit.html").read_text(encoding="utf-8")
    assert "teilweise vereinbar" in text
    assert "Schlichtungsstelle nach § 13a HmbBGG" in text
    assert "15.08.2027" in text
    assert "Deutscher Gebärdensprache" in text  # no DGS video configured: a named barrier
    assert 'href="mailto:masterplan@example.org"' in (site / "index.html").read_text("utf-8")
    assert 'href="https://example.org/impressum"' in text


def test_without_site_yaml_the_site_is_a_preview_that_says_so(tmp_path: Path) -> None:
    out = tmp_path / "preview"
    mpi("site", "-o", str(out), "--no-search", plan=SHIPPED, lang="de", today=DAY)
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "Vorschau" in text and 'name="robots" content="noindex"' in text
    assert ">Impressum</a>" not in text  # no link to an imprint nobody configured
    statement = (out / "barrierefreiheit.html").read_text(encoding="utf-8")
    assert "kann diese Erklärung noch nicht abgegeben werden" in statement
    assert not (out / "pagefind").exists()


def test_a_mistake_in_site_yaml_is_named_at_its_line_and_column(
    year_plan: Path, tmp_path: Path
) -> None:
    plan = copy_without_git(year_plan, tmp_path)
    config = plan / "site.yaml"
    config.write_text(
        config.read_text("utf-8").replace("  email: masterplan@example.org\n", ""), "utf-8"
    )
    result = mpi("site", "-o", str(tmp_path / "out"), plan=plan, lang="de", today=DAY, code=1)
    assert "site.yaml:5:3" in result.stderr
    assert "E-Mail" in result.stderr
    assert not (tmp_path / "out").exists()


def test_outside_git_the_measure_pages_say_they_have_no_history(
    year_plan: Path, tmp_path: Path
) -> None:
    plan = copy_without_git(year_plan, tmp_path)
    out = tmp_path / "out"
    mpi("site", "-o", str(out), "--no-search", plan=plan, lang="de", today=DAY,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    text = (out / "massnahmen" / "HF1.6.html").read_text(encoding="utf-8")
    assert "ohne den Verlauf" in text


def test_a_directory_that_is_no_site_is_never_replaced(year_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = mpi(
        "site", "-o", str(out), "--no-search", plan=year_plan, lang="de", today=DAY, code=2
    )
    assert "nicht leer" in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_a_site_mpi_built_is_replaced_as_a_whole(year_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    mpi("site", "-o", str(out), "--no-search", plan=year_plan, lang="de", today=DAY)
    (out / "massnahmen" / "HF9.9.html").write_text("stale", encoding="utf-8")
    mpi("site", "-o", str(out), "--no-search", plan=year_plan, lang="de", today=DAY)
    assert not (out / "massnahmen" / "HF9.9.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary directory left
    assert oct(os.stat(out).st_mode & 0o777) == "0o755"


def test_in_english_on_request(year_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "en"
    mpi("site", "-o", str(out), "--no-search", plan=year_plan, lang="en", today=DAY)
    text = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Overdue and missed" in text
    easy = (out / "leichte-sprache.html").read_text(encoding="utf-8")
    assert '<div lang="de" class="easy">' in easy  # Leichte Sprache is German


def test_english_terms_in_the_plan_text_are_marked_as_english(site: Path) -> None:
    text = (site / "gremien" / "task-force.html").read_text(encoding="utf-8")
    assert '<h1><span lang="en">Task Force</span>' in text
    assert "<title>Task Force" in text  # no markup where no markup may be


def test_the_logo_is_copied_with_its_text_and_never_read_from_outside(
    year_plan: Path, tmp_path: Path
) -> None:
    plan = copy_without_git(year_plan, tmp_path)
    (plan / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    config = plan / "site.yaml"
    text = config.read_text("utf-8")
    config.write_text(text + "logo: {file: logo.svg, alt: Behörde für Wirtschaft}\n", "utf-8")
    out = tmp_path / "out"
    mpi("site", "-o", str(out), "--no-search", plan=plan, lang="de", today=DAY)
    assert (out / "logo.svg").read_bytes() == (plan / "logo.svg").read_bytes()
    page = (out / "massnahmen" / "HF1.6.html").read_text("utf-8")
    assert '<img src="../logo.svg" alt="Behörde für Wirtschaft"' in page
    config.write_text(text + "logo: {file: ../secret.svg, alt: x}\n", "utf-8")
    result = mpi("site", "-o", str(tmp_path / "o2"), plan=plan, lang="de", today=DAY, code=1)
    assert "site.yaml:" in result.stderr and "logo" in result.stderr
