"""What the public site offers to follow and reuse: the change log as a page and as Atom
feeds (the whole plan, each Handlungsfeld, partner and measure), the calendars (the whole
plan, each Handlungsfeld and partner), the open data with its page, and the embeds: a small
page per measure and indicator for an iframe on another portal (a partner's own website).

Feeds and calendars are the same bytes as `mpi changes --format atom` and `mpi calendar`
give for the same filter; the open data the same as `mpi export opendata`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from mpi.i18n import _
from mpi.render import chart, values
from mpi.render.change_words import describe
from mpi.render.formats.atom import feed, page_of
from mpi.render.formats.ics import calendar
from mpi.views.changes import ChangeLog, Filter
from mpi.views.site import Site

Page = Callable[..., tuple[str, bytes]]
LISTED = 500  # changes on the change log page; `mpi changes` lists them all
LATEST = 10  # changes on the start page
NEWEST = 200  # entries of a feed: a feed reader needs the new ones, not the plan's life


def feed_path(key: str) -> str:
    """The file of a feed: `plan`, a Handlungsfeld's or measure's id, `partner-ID`."""
    return f"feeds/{key}.xml"


def link(site: Site, key: str, title: str) -> tuple[str, str] | None:
    """A page's feed for its `<link rel="alternate">`: (file, title); none without history."""
    return (feed_path(key), _("Changes: {what}").format(what=title)) if site.log else None


def _followed(site: Site) -> list[tuple[str, str, Filter]]:
    """The feeds of the plan, each Handlungsfeld and each partner: key, what, filter."""
    plan = site.plan
    out = [("plan", _("The whole plan"), Filter())]
    out += [(f.id, f"{f.id} {f.title}", Filter(fields=(f.id,))) for f in plan.fields]
    out += [(f"partner-{p.id}", p.short or p.name, Filter(leads=(p.id,))) for p in plan.partners]
    return out


def feeds_of(site: Site) -> list[dict[str, str]]:
    """Each feed the site lists: its file and what it follows (a measure's is on its page)."""
    return [{"path": feed_path(key), "what": what} for key, what, _wanted in _followed(site)]


def calendars_of(site: Site) -> list[dict[str, str]]:
    names = {p.id: p.short or p.name for p in site.plan.partners}
    fields = {f.id: f"{f.id} {f.title}" for f in site.plan.fields}
    out = []
    for key in site.calendars:
        if key == "plan":
            what = _("All deadlines of the plan")
        elif key.startswith("partner-"):
            what = _("Led by {partner}").format(partner=names.get(key[8:], key[8:]))
        else:
            what = fields.get(key, key)
        out.append({"path": f"kalender/{key}.ics", "what": what})
    return out


def files(site: Site, page: Page) -> Iterator[tuple[str, bytes]]:
    """The feeds, calendars, open data, embeds and the two pages that list them."""
    start = [("index.html", _("Start"))]
    url = site.config.address if site.config else None
    log = site.log
    if log is not None:
        yield from _feeds(site, log, url)
        entries = [_entry(log, e) for e in log.entries[:LISTED]]
        yield page("aenderungen.html", "changes.html.j2", start, log=log, entries=entries,
                   more=max(0, len(log.entries) - LISTED))  # fmt: skip
    else:
        yield page("aenderungen.html", "changes.html.j2", start, log=None, entries=[], more=0)
    made: dict[tuple[object, ...], bytes] = {}  # each event drawn once for all calendars
    for key, view in site.calendars.items():
        yield f"kalender/{key}.ics", calendar(view, made)
    data = _open_data(site)
    yield from data
    listed = [(name, len(content)) for name, content in data if not name.endswith("/")]
    yield page(
        "abonnieren.html", "subscribe.html.j2", start,
        feeds=feeds_of(site) if log is not None else [], calendars=calendars_of(site),
        data=listed, example=_example(site, url), licence=_licence(site),
    )  # fmt: skip
    yield from _embeds(site, page)


def _feeds(site: Site, log: ChangeLog, url: str | None) -> Iterator[tuple[str, bytes]]:
    """The feed of the plan, of each Handlungsfeld and partner (a filter over the log) and
    of each measure (its entries, grouped once: not a pass over the log per measure)."""

    def one(path: str, view: ChangeLog) -> tuple[str, bytes]:
        newest = replace(view, entries=view.entries[:NEWEST])
        return path, feed(newest, self_href=url + path if url else None)

    for key, _what, wanted in _followed(site):
        yield one(feed_path(key), log.only(wanted))
    by_measure: dict[str, list[Any]] = {}
    for e in log.entries:
        by_measure.setdefault(e.change.subject, []).append(e)
    for m in site.measures:
        own = replace(
            log, entries=by_measure.get(m.row.id, []), wanted=Filter(measures=(m.row.id,))
        )
        yield one(feed_path(m.row.id), own)


def _entry(log: ChangeLog, e: Any) -> dict[str, Any]:
    return {
        "day": values.day(e.day),
        "words": describe(e.change, log.names, log.titles, log.units),
        "href": page_of(e.change, log.current),
        "weakening": e.change.weakening,
        "committed": e.commit is not None,
    }


def _open_data(site: Site) -> list[tuple[str, bytes]]:
    """The open data under daten/, where site.yaml says how they are published."""
    config = site.config
    if config is None or config.opendata is None or config.data_url is None:
        return []
    from mpi.render.opendata import files as data_files
    from mpi.views.opendata import build

    data = build(site.plan, site.made, site.log)
    return [(f"daten/{name}", content) for name, content in data_files(data, config, site.stamp)]


def _licence(site: Site) -> str | None:
    from mpi.domain.site import LICENSES

    config = site.config
    return LICENSES[config.opendata.license][0] if config and config.opendata else None


def _example(site: Site, url: str | None) -> str | None:
    """The iframe code for the first measure, as a partner would copy it."""
    if not site.measures:
        return None
    m = site.measures[0].row
    src = f"{url or ''}einbetten/massnahmen/{m.id}.html"
    title = _("Measure {id} – {plan}").format(id=m.id, plan=site.plan.title)
    return f'<iframe src="{src}" title="{title}" width="100%" height="360"></iframe>'


def _embeds(site: Site, page: Page) -> Iterator[tuple[str, bytes]]:
    by_measure: dict[str, list[Any]] = {}
    for r in site.deadlines:
        if r.measure and r.state in ("open", "overdue", "delayed"):
            by_measure.setdefault(r.measure, []).append(r)
    for p in site.measures:
        yield page(
            f"einbetten/massnahmen/{p.row.id}.html", "embed_measure.html.j2", None,
            p=p, upcoming=by_measure.get(p.row.id, [])[:3], embed=True,
        )  # fmt: skip
    for row in site.indicators:
        yield page(
            f"einbetten/indikatoren/{row.indicator.id}.html", "embed_indicator.html.j2", None,
            row=row, chart=chart.svg(row, row.indicator.id), embed=True,
        )  # fmt: skip


def latest(site: Site) -> list[dict[str, str | None]]:
    """The newest things the plan records: reports, values, deadlines met, and (from git)
    moved deadlines, targets and statuses, each with the page it belongs to."""
    names = {p.row.id: p.row.title for p in site.measures} | {
        f"partner:{k}": v for k, v in site.partner_names.items()
    }
    found: list[tuple[str, str, str | None]] = []
    for c in site.changes:
        href = f"massnahmen/{c.subject}.html" if "." in c.subject else None
        found.append((c.date or "", describe(c, names), href))
    for p in site.measures:
        for e in p.history:
            found.append(
                (e.day.isoformat(), describe(e.change, names), f"massnahmen/{p.row.id}.html")
            )
    found.sort(key=lambda x: x[0], reverse=True)
    return [
        {"day": values.day(date.fromisoformat(d[:10])) if d else None, "words": w, "href": h}
        for d, w, h in found[:LATEST]
    ]
