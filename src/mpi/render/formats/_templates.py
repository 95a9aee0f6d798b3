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
    """Every `{{ value }}`: None prints as nothing, text with control characters made visible."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


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
    )
    # the texts people read: plain functions, so their output is escaped like any value
    env.globals.update({"_": _, "ngettext": ngettext, "status": status_word})
    return env
