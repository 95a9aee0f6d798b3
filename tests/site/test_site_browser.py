"""The site in headless Chromium (Debian's package) over a local HTTP server: axe-core finds
no WCAG 2.1 AA violation on any page type at desktop and phone width, no page requests
anything from another host (Chromium's own network log says what it requested), the search
finds German word forms, and the Nu Html Checker finds no error where it is installed."""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_site import PAGE_TYPES

from helpers import REPO

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A copy of the site (the tests add pages to it) and the address it is served at."""
    root = tmp_path_factory.mktemp("served") / "site"
    shutil.copytree(site, root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
               "--disable-features=NetworkTimeServiceQuerying",  # Chromium's own clock check
               f"--user-data-dir={tmp / 'profile'}", *args]  # fmt: skip
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("headless chromium did not finish within 180 s")


def axe(served: tuple[Path, str], tmp: Path, name: str, width: int) -> list[dict[str, object]]:
    """axe-core's violations on the page, run from a copy beside it (same links, same CSS)."""
    root, base = served
    page = root / name
    runner = (
        "<script>" + AXE.read_text(encoding="utf-8") + "</script><script>"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice'], resultTypes: ['violations']}).then(function (r) {"
        "var out = document.createElement('pre'); out.id = 'axe-result';"
        "out.textContent = JSON.stringify(r.violations.map(function (v) {"
        "return {id: v.id, targets: v.nodes.map(function (n) { return n.target.join(' '); })};"
        "})); document.body.appendChild(out); });</script>"
    )
    checked = page.with_name(f"axe-{width}-{page.name}")
    checked.write_text(page.read_text("utf-8").replace("</body>", runner + "</body>"), "utf-8")
    address = base + str(checked.relative_to(root))
    done = chromium(tmp, f"--window-size={width},1200", "--virtual-time-budget=30000",
                    "--dump-dom", address)  # fmt: skip
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe-core gave no result on {name}: {done.stderr[-500:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.skipif(not AXE.exists(), reason="no axe-core (.ci/run: npm install in .ci/node)")
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_any_page_type(
    served: tuple[Path, str], tmp_path: Path, width: int
) -> None:
    found = {name: axe(served, tmp_path, name, width) for name in PAGE_TYPES.values()}
    assert {k: v for k, v in found.items() if v} == {}


def requested(served: tuple[Path, str], tmp: Path, name: str) -> list[str]:
    """Every URL the page requested while it loaded, from Chromium's network log: the
    navigation itself, and each request the page started (its initiator is the site; the
    browser's own update and clock checks have none)."""
    log = tmp / f"net-{name.replace('/', '-')}.json"
    chromium(tmp, "--virtual-time-budget=10000", f"--log-net-log={log}", "--dump-dom",
             served[1] + name)  # fmt: skip
    events = json.loads(log.read_text(encoding="utf-8"))["events"]
    origin = served[1].rstrip("/")
    return sorted(
        {
            e["params"]["url"]
            for e in events
            if "url" in e.get("params", {})
            and (e["params"].get("initiator") == origin or e["params"]["url"].startswith(origin))
        }
    )


def test_no_page_requests_anything_from_another_host(
    served: tuple[Path, str], tmp_path: Path
) -> None:
    root, base = served
    leaving = {}
    for name in [*PAGE_TYPES.values(), "suche.html?q=Fl%C3%A4che"]:
        urls = [u for u in requested(served, tmp_path, name) if u.startswith(("http", "ws"))]
        leaving[name] = [u for u in urls if not u.startswith(base)]
        assert any(u.startswith(base) for u in urls), name  # the log does see the requests
    assert {k: v for k, v in leaving.items() if v} == {}
    # and the check fails where a page does load something from elsewhere
    bad = root / "bad.html"
    bad.write_text('<!DOCTYPE html><img src="https://example.org/x.png" alt="">', "utf-8")
    assert "https://example.org/x.png" in requested(served, tmp_path, "bad.html")


def test_the_search_finds_german_word_forms(served: tuple[Path, str], tmp_path: Path) -> None:
    def answered(term: str) -> tuple[list[str], str]:
        """The result links and the page, once the script has answered: Chromium's virtual
        time does not wait for the index's WebAssembly to compile, so on a busy machine a
        page may be dumped while it still says "Suche läuft"; it is loaded again then."""
        for _attempt in range(3):
            done = chromium(tmp_path, "--virtual-time-budget=20000", "--dump-dom",
                            served[1] + "suche.html?q=" + term)  # fmt: skip
            if "Suche läuft" not in done.stdout:
                break
        listed = re.search(r'<ol id="search-results"[^>]*>(.*?)</ol>', done.stdout, re.S)
        assert listed, done.stderr[-500:]
        return re.findall(r'href="([^"]+)"', listed.group(1)), done.stdout

    singular, page = answered("Fl%C3%A4che")  # Fläche finds the pages that say Flächen
    assert any(u.endswith("handlungsfelder/HF1.html") for u in singular), singular
    assert any("massnahmen/HF1." in u for u in singular)
    assert re.search(r'id="search-status"[^>]*>\d+ Treffer für „Fläche“', page)
    assert answered("Wasserstoffsystem")[0]  # finds Wasserstoffsysteme


@pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="no vnu.jar or java")
def test_the_nu_html_checker_finds_no_error(site: Path) -> None:
    pages = sorted(str(p) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    assert [(m.get("url", "")[-40:], m.get("message")) for m in messages] == []
