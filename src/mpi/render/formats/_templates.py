"""The Jinja2 environment of the HTML pages (the report, the round, a meeting's minutes):
autoescaping on, every value through `visible`, undefined names an error."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpi.i18n import _, ngettext
from mpi.render.provenance import status as status_word
from mpi.render.safe import visible

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _finalize(value: Any) -> Any:
    """Every `{{ value }}`: None prints as nothing, text with control characters made visible
    (Markup is a str too: markup mpi made is left as it is)."""
    if value is None:
        return ""
    if type(value) is str:
        return visible(value)
    if isinstance(value, str) and not _is_markup(value):
        return visible(value)
    return value


def _is_markup(value: str) -> bool:
    from markupsafe import Markup

    return isinstance(value, Markup)


def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are package data: no stat of the file per page
    )
    # the texts people read: plain functions, so their output is escaped like any value
    env.globals.update({"_": _, "ngettext": ngettext, "status": status_word})
    return env


def page_css(running: str) -> Any:
    """CSS for the margins of every printed page (paged media, as Chromium prints): the
    running title bottom left, `Seite 3 von 12` bottom right. Plan text goes into the CSS
    string with every character but letters, digits and spaces escaped, so that it can
    neither end the string nor the style element."""
    import re

    from markupsafe import Markup

    def string(text: str) -> str:
        kept = (c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in visible(text))
        return '"' + "".join(kept) + '"'

    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    parts = re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}"))
    numbers = " ".join(counters.get(p) or string(p) for p in parts if p)
    box = "font: 8pt system-ui, Arial, sans-serif; color: #5b6570;"
    return Markup(
        f"@page {{ @bottom-left {{ content: {string(running)}; {box} }}"
        f" @bottom-right {{ content: {numbers}; {box} }} }}"
    )
