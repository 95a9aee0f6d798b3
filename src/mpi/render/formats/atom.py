"""`--format atom`: the change log as an Atom feed (RFC 4287), written with feedgen (imported
only here, with lxml: about 0.1 s).

Nothing in a feed depends on when it is built: the feed's `updated` is its newest entry's
commit time (or, for a feed without entries, the plan's last commit), each entry's `updated`
its commit's time, and each entry's id the change log's stable id. An unchanged plan gives
the same bytes. With the site's address (site.yaml `url`) every entry links to the page of
what it changed.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from mpi import __version__
from mpi.i18n import _, language
from mpi.render import values
from mpi.render.formats._changes import said, subject
from mpi.render.registry import Format
from mpi.render.safe import visible

if TYPE_CHECKING:
    from mpi.domain.change import Change
    from mpi.views.changes import ChangeLog, Logged

FEED_TYPE = "application/atom+xml"


def page_of(c: Change, current: frozenset[str]) -> str:
    """The site's page of what a change concerns (relative to the site's root); for a
    measure or Handlungsfeld the plan no longer holds, the list of measures."""
    s = c.subject
    if c.what == "field":
        return f"handlungsfelder/{s}.html" if c.kind != "removed" else "massnahmen.html"
    if c.what == "goal":
        return f"handlungsfelder/{s.split('.')[0]}.html"
    if s == "plan":
        return "plan.html"
    if "." in s:
        return f"massnahmen/{s}.html" if s in current else "massnahmen.html"
    return f"gremien/{s}.html"


def feed(view: ChangeLog, *, self_href: str | None = None) -> bytes:
    """The feed of `view` (its filter makes the feed's id: the same filter, the same feed)."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(view.feed_id)
    fg.title(visible(subject(view)))
    fg.subtitle(visible(view.title))
    fg.language(language())
    fg.author({"name": visible(view.author)})
    fg.generator("mpi", __version__)
    if view.link:
        fg.link(href=view.link, rel="alternate", type="text/html")
    if self_href:
        fg.link(href=self_href, rel="self", type=FEED_TYPE)
    stamps = [_when(e) for e in view.entries]
    fg.updated(max(stamps) if stamps else view.stamp)
    for e, stamp in zip(view.entries, stamps, strict=True):
        _entry(fg.add_entry(order="append"), view, e, stamp)
    data: bytes = fg.atom_str(pretty=True)
    return data


def _entry(fe: object, view: ChangeLog, e: Logged, stamp: datetime) -> None:
    from feedgen.entry import FeedEntry

    assert isinstance(fe, FeedEntry)
    c = e.change
    words = said(view, e)
    fe.id(e.id)
    fe.title(visible(words))
    fe.updated(stamp)
    fe.published(stamp)
    if view.link:
        fe.link(href=view.link + page_of(c, view.current), rel="alternate", type="text/html")
    lines = [words]
    if c.subject in view.names and c.what not in ("field", "goal"):
        lines.append(f"{c.subject}: {view.names[c.subject]}")
    recorded = _("Recorded in the plan on {day}").format(day=values.day(e.day))
    lines.append(recorded + (f" (Commit {e.commit[:7]})" if e.commit else ""))
    fe.content(visible("\n".join(lines)), type="text")  # the one sanitiser: inert text
    if e.field:
        fe.category(term=e.field, label=view.names.get(e.field, e.field))
    fe.category(term=c.kind)
    if c.weakening:
        fe.category(term="weakening", label=_("weakens a commitment"))


def _when(e: Logged) -> datetime:
    """The entry's time: its commit's; a change not committed yet is dated its day."""
    return e.at if e.at is not None else datetime.combine(e.day, time(), UTC)


FORMAT = Format(name="atom", changes=feed)
