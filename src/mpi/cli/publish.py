"""What mpi publishes for others to follow and reuse: the change log (`mpi changes`, also as
an Atom feed) and the open data (`mpi export opendata`)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli import completion
from mpi.cli.options import (
    FieldsOption,
    LeadOption,
    OutputOption,
    PlanOption,
    TodayOption,
    directory_option,
    format_option,
    full_date,
    several,
)
from mpi.cli.output import emit
from mpi.i18n import N_
from mpi.render.registry import CHANGES

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from mpi.domain.model import Plan
    from mpi.domain.site import SiteConfig
    from mpi.loading.load import Loaded
    from mpi.views.changes import ChangeLog, Filter
    from mpi.views.made_from import MadeFrom


def changes(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(CHANGES)] = None,
    output: OutputOption = None,
    field: FieldsOption = None,
    lead: LeadOption = None,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            help=N_("Measure id, e.g. HF1.15; repeated, any of them."),
            autocompletion=completion.owner_ids,
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="<revision|date>",
            help=N_(
                "Only what changed after a git revision (v2026-06, HEAD~5) or on and after a "
                "day (12.06.2026)."
            ),
            autocompletion=completion.revisions,
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    from mpi.cli.options import plan_directory
    from mpi.loading.load import load_plan, require_plan

    day = full_date(today, "--today")
    directory = plan_directory(plan, "check")
    loaded = load_plan(directory)
    current = require_plan(loaded)
    from mpi.loading.site_config import site_config

    wanted = _filter(directory, current, field, lead, measure, since)
    log = change_log(loaded, day, site_config(directory), wanted)
    _known_measures(current, wanted, log)
    emit(format, CHANGES, log, output)


def _known_measures(plan: "Plan", wanted: "Filter", log: "ChangeLog") -> None:
    """A measure asked for is in the plan or in its history (removed since); else it is a
    typo, said with a suggestion."""
    from mpi.domain.errors import InvalidValue, UsageError
    from mpi.views.lookup import find_measure

    logged = {e.change.subject for e in log.entries}
    for ident in wanted.measures:
        if ident not in logged:
            try:
                find_measure(plan, ident)
            except UsageError as exc:  # unknown: the error, with a suggestion
                raise InvalidValue("measure", str(exc)) from None


def field_id(plan: "Plan", typed: str) -> str:
    """The Handlungsfeld a person typed (HF1, hf1, 1), or an error that names --field."""
    from mpi.domain.errors import InvalidValue, UsageError
    from mpi.views.lookup import find_field

    try:
        return find_field(plan, typed).id
    except UsageError as exc:
        raise InvalidValue("field", str(exc)) from None


def change_log(
    loaded: "Loaded", day: "date", config: "SiteConfig | None", wanted: "Filter | None" = None
) -> "ChangeLog":
    """The change log, published by the site's publisher at the site's address (site.yaml),
    where there is one."""
    from dataclasses import replace

    from mpi.views.changes import build

    log = build(loaded, day, wanted)
    if config is None:
        return log
    return replace(log, author=config.publisher, link=config.address)


def _filter(
    directory: Path,
    plan: "Plan",
    field: list[str] | None,
    lead: list[str] | None,
    measure: list[str] | None,
    since: str | None,
) -> "Filter":
    from mpi.cli.since import is_revision
    from mpi.domain.dates import DueError, typed_day
    from mpi.domain.errors import UsageError
    from mpi.i18n import _
    from mpi.loading.revision import commits_after
    from mpi.views.changes import Filter
    from mpi.views.lookup import find_partner

    day, commits = None, None
    if since is not None:
        try:
            revision = is_revision(directory, since, "--since")
        except UsageError as exc:
            hint = _("a git revision or a day such as 12.06.2026")
            raise UsageError(f"--since: {exc} ({hint})") from None
        if revision:
            commits = frozenset({None, *commits_after(directory, since)})
        else:
            try:
                day = typed_day(since)
            except DueError as exc:
                raise UsageError(f"--since: {exc}") from None
    return Filter(
        fields=tuple(field_id(plan, f) for f in several(field)),
        leads=tuple(find_partner(plan, p, "lead") for p in several(lead)),
        measures=tuple(m.strip().upper() for m in several(measure)),
        since=day,
        commits=commits,
        after=since if commits is not None else None,
    )


def opendata(
    output: Annotated[
        Path,
        directory_option(
            N_(
                "The directory to write to: new, empty, or open data mpi wrote before (it is "
                "then replaced as a whole)."
            )
        ),
    ],
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    from functools import partial

    from mpi.cli.options import plan_directory
    from mpi.cli.output import replaceable
    from mpi.domain.errors import UsageError
    from mpi.fsutil import replace_directory, write_files
    from mpi.i18n import _, reason
    from mpi.loading.guard import check
    from mpi.loading.load import load_plan, require_plan
    from mpi.views.made_from import made_from

    day = full_date(today, "--today")
    refusal = _(
        "{path} is not empty and holds no open data mpi wrote: name a new or empty "
        "directory (mpi replaces only what it wrote)"
    )
    replaceable(output, "provenance.json", b'"mpi_version"', refusal)
    directory = plan_directory(plan, "check")
    loaded = load_plan(directory)
    require_plan(loaded)
    config, made = _published(loaded), made_from(loaded, day, check(loaded))
    log = change_log(loaded, day, config) if made.commit is not None else None
    try:
        replace_directory(output, partial(write_files, files=open_data(loaded, made, config, log)))
    except OSError as exc:
        raise UsageError(
            _("cannot write the open data to {path}: {reason}").format(
                path=output, reason=reason(exc)
            )
        ) from None


def open_data(
    loaded: "Loaded", made: "MadeFrom", config: "SiteConfig", log: "ChangeLog | None"
) -> "Iterator[tuple[str, bytes]]":
    """The open data's files, dated when the plan last changed."""
    from mpi.loading.checkout import last_changed
    from mpi.render.opendata import files
    from mpi.views.made_from import files_read
    from mpi.views.opendata import build

    assert loaded.plan is not None
    modified = last_changed(loaded.directory, files_read(loaded), clean=made.clean)
    return files(build(loaded.plan, made, log), config, modified)


def _published(loaded: "Loaded") -> "SiteConfig":
    """site.yaml with its `opendata` section and an address for the files: open data without
    a licence or an address are not published."""
    from mpi.domain.errors import UsageError
    from mpi.i18n import _
    from mpi.loading.locate import SITE_FILE
    from mpi.loading.site_config import site_config

    path = loaded.directory / SITE_FILE
    config = site_config(loaded.directory)
    if config is None or config.opendata is None or config.data_url is None:
        raise UsageError(
            _(
                "{path}: open data need a licence and an address: add an opendata section "
                "with a license (a DCAT-AP.de licence URI) and a url there or for the site "
                "(see docs/opendata.md)"
            ).format(path=path)
        )
    return config


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("Every change of the plan from its git history."),
        help=N_(
            "Every change of the plan from its git history, newest first, each once, in its "
            "political meaning: a deadline postponed (with or without a decision), a target "
            "lowered, a measure dropped or done, a milestone missed, a partner's report, a "
            "reading corrected; with the day it was committed, the decision and who "
            "reported it. --format atom writes it as an Atom feed (with site.yaml's url, "
            "each entry links to its page)."
        ),
    )(changes)
    group = typer.Typer(
        name="export",
        short_help=N_("The plan as open data."),
        help=N_("The plan for reuse elsewhere."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    group.command(
        short_help=N_("Tidy CSV files, a data package and DCAT-AP.de metadata."),
        help=N_(
            "The plan as open data in a directory: tidy CSV files in long format (measures, "
            "the partners' roles, deadlines with their kind and basis, the status history, "
            "decisions, indicator series), a Frictionless Data Package (datapackage.json) "
            "that describes every column, the report of record (provenance.json: commit, "
            "cut-off day, validation), the DCAT-AP.de description for an open-data portal "
            "(dcat.ttl, dcat.rdf) and a ZIP of it all. The licence and the portal's facts "
            "come from the opendata section of site.yaml."
        ),
    )(opendata)
    app.add_typer(group)
