"""A point in the plan's past, as `--since` and `mpi diff` take it: one rule for both. A word
git resolves to a commit is that revision; else a day (25.11.2026 or 2026-11-25) is the last
commit made by its end. A word that is both (a tag named like a day) is the revision, and
mpi says so."""

import re
from typing import TYPE_CHECKING

from mpi.domain.errors import UsageError
from mpi.i18n import _, formats

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from mpi.domain.model import Plan
    from mpi.loading.load import Loaded
    from mpi.views.diff import Change

_DATE_LIKE = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_revision(directory: "Path", word: str, what: str) -> bool:
    """One rule for every command that takes a point in the plan's past (`--since`, `diff`):
    a word git resolves to a commit is that revision; else a day (25.11.2026 or 2026-11-25)
    is the last commit made by its end. A word that is both (a tag named like a day) is the
    revision, and mpi says so."""
    from mpi.cli.output import notice
    from mpi.loading.revision import repository, resolve

    try:
        resolve(repository(directory)[0], word)
    except UsageError:
        if _DATE_LIKE.fullmatch(word.strip()):
            return False
        raise
    if _DATE_LIKE.fullmatch(word.strip()):
        day, month, year = _parts(word.strip())
        other = f"{day}.{month}.{year}" if "-" in word else f"{year}-{month}-{day}"
        notice(
            _(
                "{what} {word}: read as the git revision of that name, not as a day (for "
                "the day, write {other})"
            ).format(what=what, word=word, other=other)
        )
    return True


def _parts(word: str) -> tuple[str, str, str]:
    """Day, month and year of 25.11.2026 or 2026-11-25, two digits each but the year."""
    if "-" in word:
        year, month, day = word.split("-")
    else:
        day, month, year = word.split(".")
    return day.zfill(2), month.zfill(2), year


def changes_since(
    directory: "Path",
    loaded: "Loaded",
    current: "Plan",
    since: str,
    today: "date",
    as_of: bool = False,
) -> "tuple[list[Change], date | None, bool, Plan | None]":
    """The plan's changes since a revision or a date, that day where known, whether they
    come from the plan's dated entries rather than git, and the plan as it was then (None:
    not in git). A date is the last commit made by its end; without one (outside git, or
    before the first commit), what the plan dates after it. `as_of`: the plan is as committed
    on `today`, and a revision committed after it is refused."""
    from mpi.domain.dates import DueError, typed_day
    from mpi.loading.checkout import state
    from mpi.loading.revision import commit_before, commit_day, load_at
    from mpi.views.dated import dated_changes
    from mpi.views.diff import diff as compare

    if is_revision(directory, since, "--since"):
        before = load_at(directory, since, loaded)
        then = commit_day(directory, since)
        if as_of and then is not None and then > today:
            raise UsageError(
                _("--since {since} was committed on {then}, after the report's day {day}").format(
                    since=since, then=formats.day(then), day=formats.day(today)
                )
            )
        return compare(before, current), then, False, before
    try:
        day = typed_day(since)
    except DueError as exc:
        raise UsageError(f"--since: {exc}") from None
    if day > today:
        raise UsageError(
            _("--since {since} lies after the report's day {day}").format(
                since=formats.day(day), day=formats.day(today)
            )
        )
    commit = commit_before(directory, day) if state(directory) is not None else None
    if commit is None:
        return dated_changes(current, day), day, True, None
    before = load_at(directory, commit, loaded)
    return compare(before, current), day, False, before


def commit_of(directory: "Path", word: str) -> tuple[str, str]:
    """A revision as `diff` takes it and how it is named: itself, or for a day the last
    commit made by its end, named `DAY (commit …)` (the same rule as --since)."""
    from mpi.domain.dates import DueError, typed_day
    from mpi.loading.revision import commit_before

    if is_revision(directory, word, "diff"):
        return word, word
    try:
        day = typed_day(word)
    except DueError as exc:
        raise UsageError(f"{word}: {exc}") from None
    commit = commit_before(directory, day)
    if commit is None:
        raise UsageError(_("no commit of the plan was made on or before {day}").format(
            day=formats.day(day)))  # fmt: skip
    return commit, _("{day} (commit {commit})").format(day=formats.day(day), commit=commit[:12])
