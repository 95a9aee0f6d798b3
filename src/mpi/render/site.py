"""The public site as files: each page of `views.site.Site` through its Jinja2 template,
the stylesheet and the search script. Paths are German words people read in the address
bar; every link is relative, so the site works under any path of any static host."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from mpi.domain.items import Sourced
from mpi.domain.model import Update
from mpi.domain.site import Contact
from mpi.i18n import N_, _, language
from mpi.render import chart, site_feeds, values
from mpi.render.assessment import summary
from mpi.render.change_words import describe
from mpi.render.decision_words import decision_line
from mpi.render.formats._templates import TEMPLATES, environment
from mpi.render.provenance import basis, dated, explanation, progress, series, worded
from mpi.render.provenance import status as status_word
from mpi.render.safe import visible
from mpi.views.due import DueRow
from mpi.views.milestones import MilestoneSummary
from mpi.views.site import Site

STATUS_MEANINGS = {
    "planned": N_("Not started yet."),
    "in_progress": N_("Being carried out: a project with an end, under way."),
    "ongoing": N_("A standing task without an end, carried on continuously (laufend)."),
    "done": N_("Carried out."),
    "at_risk": N_("Its implementation is at risk, as the lead partner reports."),
    "dropped": N_("Dropped, by a decision that is named."),
}
INTRO = 300  # characters of the Präambel on the start page, in whole sentences
SHOWN = 3  # open occurrences of a recurring deadline listed on a measure page


# English terms in the plan's German text, marked so that a screen reader speaks them in
# English (WCAG 3.1.2); loanwords German dictionaries list (Cluster, Start-up) are German.
ENGLISH = re.compile(r"\b(Task Force|Green Hydrogen Hub|Cross Innovation Hub|Clean Aviation)\b")


def english(text: str) -> Markup:
    """Plan text, escaped, with its English terms in `<span lang="en">`."""
    return Markup(ENGLISH.sub(r'<span lang="en">\1</span>', str(escape(visible(text)))))


MENU = (
    ("index.html", N_("Start")),
    ("massnahmen.html", N_("Measures")),
    ("fristen.html", N_("Deadlines")),
    ("indikatoren.html", N_("Indicators")),
    ("aenderungen.html", N_("Changes")),
    ("plan.html", N_("About the Masterplan")),
    ("leichte-sprache.html", "Leichte Sprache"),
)
Page = Callable[..., tuple[str, bytes]]  # page(path, template, trail, **data)
Trail = list[tuple[str, str]]  # the breadcrumb: (href, label) from the start page


def files(site: Site) -> Iterator[tuple[str, bytes]]:
    """Every file of the site but the search index: (path relative to the site, bytes)."""
    env = environment()
    env.filters["en"] = english
    page = _pages(site, env)
    start = [("index.html", _("Start"))]
    yield page(
        "index.html",
        "index.html.j2",
        intro=_intro(site),
        statuses=_statuses(site),
        changes=site_feeds.latest(site),
    )
    yield page("plan.html", "plan.html.j2", start)
    yield page("massnahmen.html", "measures.html.j2", start)
    yield from _field_pages(site, page, start)
    yield from _measure_pages(site, page, start)
    yield from _indicator_pages(site, page, start)
    yield from _partner_and_body_pages(site, page, start)
    years = [(y, list(g)) for y, g in groupby(site.deadlines, key=lambda r: r.due.end.year)]
    yield page("fristen.html", "deadlines.html.j2", start, years=years)
    meanings = [(s, _(STATUS_MEANINGS[s])) for s in STATUS_MEANINGS]
    yield page("methode.html", "method.html.j2", start, statuses=meanings, made=_colophon(site))
    yield page(
        "barrierefreiheit.html", "accessibility.html.j2", start,
        conformance=_conformance(site), barriers=_barriers(site),
    )  # fmt: skip
    yield page("leichte-sprache.html", "easy.html.j2", start)
    words = {
        "searching": _("Searching …"),
        "one": _("1 result for „{term}“."),
        "many": _("{n} results for „{term}“."),
        "failed": _("The search could not be loaded."),
    }
    yield page("suche.html", "search.html.j2", start, words=words)
    yield from site_feeds.files(site, page)
    yield "style.css", (TEMPLATES / "site" / "style.css").read_bytes()
    yield "suche.js", (TEMPLATES / "site" / "search.js").read_bytes()


def _pages(site: Site, env: Any) -> Page:
    """The function that renders a page: the context every page shares (the menu, the
    header and footer, the words and helpers the templates use), and the page's own."""
    names = site.partner_names
    menu = [(href, _(label)) for href, label in MENU]  # Leichte Sprache: in its own words
    common = {
        "site": site,
        "lang": language(),
        "logo": logo_name(site),
        "menu": menu,
        "feedback": _feedback(site),
        "stand": _("Data as of {day}.").format(day=values.day(site.today)),
        "colophon": _colophon(site),
        "dash": values.DASH,
        "day": values.day,
        "number": values.number,
        "bound_sign": values.bound_sign,
        "target": values.target,
        "target_year": values.target_year,
        "worded": worded,
        "basis": basis,
        "status": status_word,
        "due_state": lambda r: progress(r.status, r.state, r.done),
        "partner_name": lambda p: names.get(p, p),
        "partners": lambda ids: ", ".join(names.get(p, p) for p in ids) or values.DASH,
        "owner_href": lambda o: "plan.html" if o == "plan" else f"gremien/{o}.html",
        "owner_name": lambda o: _owner_name(site, o),
        "explain": _explain,
        "paragraphs": _paragraphs,
        "logged": lambda u: _logged(u, names),
        "sentence": chart.sentence,
        "milestone_when": _milestone_when,
        "occurrences": _occurrences,
        "decision_line": decision_line,
        "contact": _contact,
        "ngettext": env.globals["ngettext"],
        "feed": (site_feeds.feed_path("plan"), _("Changes of the plan")) if site.log else None,
        "embed": False,
        "site_url": (site.config.address if site.config else None) or "",
    }
    chrome: Any = env.get_template("site/chrome.html.j2").make_module(common)  # its macros
    header = cache(chrome.header)
    marked = {href for href, _label in menu} | {"suche.html"}
    # the same for every page of a depth, but for the page the menu or the search marks
    common["header"] = lambda root, path: header(root, path if path in marked else "")
    common["footer"] = cache(chrome.footer)

    def page(
        path: str, template: str, trail: list[tuple[str, str]] | None = None, **data: Any
    ) -> tuple[str, bytes]:
        depth = path.count("/")
        context = common | {"root": "../" * depth, "current": path, "trail": trail or []} | data
        return path, env.get_template(f"site/{template}").render(context).encode("utf-8")

    return page


def _field_pages(site: Site, page: Page, start: Trail) -> Iterator[tuple[str, bytes]]:
    for f in site.plan.fields:
        sections = {s.id: s.title for s in f.sections}
        groups = [
            (sections.get(k) if k else None, list(g))
            for k, g in groupby(site.rows_of(f.id), key=lambda r: r.section)
        ]
        yield page(
            f"handlungsfelder/{f.id}.html",
            "field.html.j2",
            [*start, ("massnahmen.html", _("Measures"))],
            field=f,
            groups=groups,
            feed=site_feeds.link(site, f.id, f.id),
        )


def _measure_pages(site: Site, page: Page, start: Trail) -> Iterator[tuple[str, bytes]]:
    for p in site.measures:
        d = p.detail
        trail = [*start, (f"handlungsfelder/{d.field.id}.html", f"{d.field.id} {d.field.title}")]
        titles = {(d.measure.id, ms.milestone.id): ms.milestone.title for ms in d.milestones}
        history = [
            {
                "day": values.day(e.day),
                "words": describe(e.change, names=None, titles=titles, subject=False),
            }
            for e in p.history
        ]
        yield page(
            f"massnahmen/{d.measure.id}.html",
            "measure.html.j2",
            trail,
            page=p,
            d=d,
            history=history,
            feed=site_feeds.link(site, d.measure.id, d.measure.id),
        )


def _indicator_pages(site: Site, page: Page, start: Trail) -> Iterator[tuple[str, bytes]]:
    measure_titles = {p.row.id: p.row.title for p in site.measures}
    for row in site.indicators:
        trail = [
            *start,
            ("indikatoren.html", _("Indicators")),
            (f"massnahmen/{row.measure}.html", row.measure),
        ]
        yield page(
            f"indikatoren/{row.indicator.id}.html",
            "indicator.html.j2",
            trail,
            row=row,
            chart=chart.svg(row, row.indicator.id),
            measure_title=measure_titles.get(row.measure, ""),
            assessment=summary(row.assessment, row.indicator.unit),
            reading_when=lambda v: values.due(v.period) if v.period else values.day(v.date),
        )
    yield page("indikatoren.html", "indicators.html.j2", start)


def _partner_and_body_pages(site: Site, page: Page, start: Trail) -> Iterator[tuple[str, bytes]]:
    about = [*start, ("plan.html", _("About the Masterplan"))]
    for pp in site.partners:
        yield page(
            f"partner/{pp.partner.id}.html",
            "partner.html.j2",
            about,
            p=pp,
            feed=site_feeds.link(site, f"partner-{pp.partner.id}", pp.partner.short),
        )
    for b in site.bodies:
        body_rows = [r for s in b.milestones for r in s.rows]
        yield page(f"gremien/{b.body.id}.html", "body.html.j2", about, b=b, body_rows=body_rows)


def logo_name(site: Site) -> str | None:
    if site.config is None or site.config.logo is None:
        return None
    return "logo" + Path(site.config.logo.file).suffix


def _feedback(site: Site) -> str:
    if site.config is None:
        return "barrierefreiheit.html"
    c = site.config.contact
    return f"mailto:{c.email}" if c.email else str(c.url)


def _colophon(site: Site) -> str:
    m = site.made
    said = _("Built with mpi {version} from the plan's data").format(version=m.version)
    if m.commit:
        said += " " + _("(version {commit})").format(commit=m.commit[:12])
    if m.differs:
        said += "; " + _("files not committed: {names}").format(
            names=", ".join(n for n, _w in m.differs)
        )
    if not m.valid:
        said += "; " + _("the plan has {n} errors").format(n=m.errors)
    return said + "."


def _intro(site: Site) -> str:
    """The Präambel's first paragraph: what the Masterplan is, in its own words."""
    import re

    text = site.plan.preamble or ""
    if not text:
        return site.plan.title
    first = _paragraphs(text)[0]
    said = ""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", first):
        said = f"{said} {sentence}".strip()
        if len(said) >= INTRO:
            return said + (" …" if len(said) < len(first) else "")
    return said


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _statuses(site: Site) -> list[str]:
    from mpi.domain.words import MEASURE_STATUSES

    counted = site.status.totals.by_status
    return [s for s in MEASURE_STATUSES if counted[s]]


def _owner_name(site: Site, owner: str) -> str:
    if owner == "plan":
        return _("the plan")
    return next((b.body.name for b in site.bodies if b.body.id == owner), owner)


def _explain(item: Sourced) -> str:
    return explanation(item.basis, item.quote, item.derivation, condition=item.condition)


def _logged(u: Update, names: dict[str, str]) -> str:
    return values.logged(u.date, u.by, names)


def _milestone_when(s: MilestoneSummary) -> str:
    m = s.milestone
    if m.recurrence is not None:
        return series(m.recurrence)
    first: DueRow = s.first
    return dated(first) if first.status != "done" else worded(first)


def _occurrences(s: MilestoneSummary) -> tuple[list[DueRow], int]:
    """A recurring deadline's occurrences to list (each recorded or late one, and the next
    open ones), and how many more open ones follow."""
    rows, ahead = [], 0
    for r in s.rows:
        if r.state == "open" and ahead >= SHOWN:
            continue
        ahead += r.state == "open"
        rows.append(r)
    return rows, len(s.rows) - len(rows)


def _contact(c: Contact) -> Markup:
    lines = [escape(c.name), *(escape(a) for a in c.address)]
    if c.phone:
        lines.append(escape(_("Phone: {number}").format(number=c.phone)))
    if c.email:
        lines.append(Markup('<a href="mailto:{0}">{0}</a>').format(c.email))
    if c.url:
        lines.append(Markup('<a href="{0}">{0}</a>').format(c.url))
    return Markup("<address>") + Markup("<br>").join(lines) + Markup("</address>")


def _conformance(site: Site) -> str | None:
    if site.config is None:
        return None
    return {
        "full": _(
            "On the basis of this check, the website is fully compliant with the "
            "requirements named above."
        ),
        "partial": _(
            "On the basis of this check, the website is partially compliant with the "
            "requirements named above, because of the incompatibilities and exceptions "
            "listed below."
        ),
        "none": _(
            "On the basis of this check, the website is not compliant with the "
            "requirements named above, because of the incompatibilities listed below."
        ),
    }[site.config.accessibility.conformance]


def _barriers(site: Site) -> list[dict[str, str | None]]:
    """The configured barriers, and those mpi knows of its own site."""
    if site.config is None:
        return []
    a = site.config.accessibility
    out = [{"what": b.what, "why": b.why, "instead": b.instead} for b in a.barriers]
    if a.sign_language is None:
        out.append({
            "what": _("Explanations in German Sign Language (DGS)"),
            "why": _(
                "The explanations of § 4 BITV 2.0 (content, navigation, this statement) are "
                "not yet offered in German Sign Language."
            ),
            "instead": _("The page in Leichte Sprache explains the site."),
        })  # fmt: skip
    if not site.config.easy_language_checked:
        out.append({
            "what": "Leichte Sprache",
            "why": _(
                "The page in Leichte Sprache has not yet been checked by readers with "
                "learning difficulties."
            ),
            "instead": None,
        })  # fmt: skip
    out.append({
        "what": _("Search"),
        "why": _("The search needs JavaScript."),
        "instead": _(
            "Every measure is listed on the page All measures, and every deadline on the "
            "page Deadlines."
        ),
    })  # fmt: skip
    return out
