"""`mpi site`: the public website of the plan, static and self-contained."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli.options import PlanOption, TodayOption, directory_option, full_date
from mpi.domain.errors import UsageError
from mpi.i18n import N_, _, reason

if TYPE_CHECKING:
    from mpi.views.site import Site

GENERATOR = b'<meta name="generator" content="mpi '  # how a site mpi built is recognised
LOGO_LIMIT = 1_000_000  # bytes


def site(
    output: Annotated[
        Path,
        directory_option(
            N_(
                "The directory to write the site to: new, empty, or a site mpi built before "
                "(it is then replaced as a whole)."
            )
        ),
    ],
    plan: PlanOption = None,
    today: TodayOption = None,
    search: Annotated[
        bool,
        typer.Option(
            "--search/--no-search", help=N_("Build the search index (Pagefind) into the site.")
        ),
    ] = True,
) -> None:
    from mpi.cli.options import plan_directory
    from mpi.cli.publish import change_log
    from mpi.loading.checkout import last_changed
    from mpi.loading.guard import check
    from mpi.loading.load import load_plan, require_plan
    from mpi.loading.locate import SITE_FILE
    from mpi.loading.site_config import site_config
    from mpi.views.made_from import files_read, made_from
    from mpi.views.site import build

    day = full_date(today, "--today")
    directory = plan_directory(plan)
    loaded = load_plan(directory)
    require_plan(loaded)
    config = site_config(directory)
    made = made_from(loaded, day, check(loaded))  # the guard's errors count too
    log = change_log(loaded, day, config) if made.commit is not None else None
    stamp = last_changed(loaded.directory, files_read(loaded), clean=made.clean)
    view = build(loaded, day, made, config, log, stamp)
    logo = None
    if config is not None and config.logo is not None:
        logo = _logo(directory / config.logo.file, directory / SITE_FILE)
    write_site(view, output, search, logo)


def _logo(path: Path, config: Path) -> bytes:
    try:
        with path.open("rb") as f:
            data = f.read(LOGO_LIMIT + 1)
    except OSError as exc:
        raise UsageError(
            _("{config}: cannot read the logo {path}: {reason}").format(
                config=config, path=path, reason=reason(exc)
            )
        ) from None
    if len(data) > LOGO_LIMIT:
        raise UsageError(
            _("{config}: the logo {path} is larger than 1 MB").format(config=config, path=path)
        )
    return data


def write_site(view: "Site", output: Path, search: bool, logo: bytes | None) -> None:
    """Build the site beside `output` and put it in its place at once: a reader of the old
    site never sees half of the new one, and a failed build leaves the old one as it was."""
    from functools import partial
    from itertools import chain

    from mpi.cli.output import replaceable
    from mpi.fsutil import replace_directory, write_files
    from mpi.render.site import files, logo_name

    refusal = _(
        "{path} is not empty and holds no site mpi built: name a new or empty "
        "directory (mpi replaces only a site it built)"
    )
    replaceable(output, "index.html", GENERATOR, refusal)
    logo_file = logo_name(view)
    own = [(logo_file, logo)] if logo is not None and logo_file is not None else []
    try:
        made = chain(files(view), own)  # written as they are made: never all in memory
        replace_directory(output, partial(write_files, files=made), _index if search else None)
    except OSError as exc:
        raise UsageError(
            _("cannot write the site to {path}: {reason}").format(path=output, reason=reason(exc))
        ) from None


def _index(site: Path) -> None:
    """Pagefind's search index into `site/pagefind`, from the built pages (German stemming
    from each page's lang)."""
    import subprocess
    import sys

    try:
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise UsageError(_("cannot run Pagefind: {reason}").format(reason=reason(exc))) from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            _(
                "Pagefind could not build the search index ({why}); --no-search builds the "
                "site without it"
            ).format(why=said[-1] if said else done.returncode)
        )


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("The public website of the plan."),
        help=N_(
            "Build the public website of the plan. Static files for any web host: a "
            "page per Handlungsfeld, measure, indicator, partner and body, the deadlines, "
            "an accessibility statement and a page in Leichte Sprache, with a search. Its "
            "contact, Impressum and Datenschutz come from site.yaml in the plan directory "
            "(without it the site is a preview that says so)."
        ),
    )(site)
