"""Shell completion of ids from the plan: read with the fast reader only, never a traceback.

A completion runs on every Tab press, so it skips validation (no pydantic): it lists what the
files hold, and nothing at all when they cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from mpi.domain.words import MEASURE_STATUSES, MILESTONE_STATUSES


def _plan_dir(ctx: Any) -> Path:
    """The plan directory the command being completed would use."""
    from mpi.loading.locate import find_plan

    plan = (ctx.params or {}).get("plan") if ctx is not None else None
    return find_plan(Path(plan) if plan else None)


def _trees(ctx: Any) -> Iterator[Any]:
    """The positioned trees of the plan's Handlungsfeld files."""
    from mpi.loading.locate import plan_files
    from mpi.loading.sources import read_source

    _, fields = plan_files(_plan_dir(ctx))
    for path in fields:
        source, problem = read_source(path)
        if problem is None:
            yield source.tree


def _measures(ctx: Any) -> Iterator[Any]:
    for tree in _trees(ctx):
        for measure in tree.get("measures") or []:
            if isinstance(measure, dict) and isinstance(measure.get("id"), str):
                yield measure


def _safely(found: Iterator[str], incomplete: str) -> list[str]:
    try:
        return sorted({x for x in found if x.casefold().startswith(incomplete.casefold())})
    except Exception:  # a broken plan or folder: no suggestions, never a traceback
        return []


def measure_ids(ctx: Any, incomplete: str) -> list[str]:
    return _safely((str(m["id"]) for m in _measures(ctx)), incomplete)


def _plan_tree(ctx: Any) -> Any:
    from mpi.loading.locate import PLAN_FILE
    from mpi.loading.sources import read_source

    source, problem = read_source(_plan_dir(ctx) / PLAN_FILE)
    return source.tree if problem is None else {}


def _bodies(ctx: Any) -> Iterator[Any]:
    monitoring = _plan_tree(ctx).get("monitoring") or {}
    for body in monitoring.get("bodies") or [] if isinstance(monitoring, dict) else []:
        if isinstance(body, dict) and isinstance(body.get("id"), str):
            yield body


def owner_ids(ctx: Any, incomplete: str) -> list[str]:
    """Measures, `plan` and the monitoring bodies: whatever owns milestones."""

    def found() -> Iterator[str]:
        yield from (str(m["id"]) for m in _measures(ctx))
        yield "plan"
        yield from (str(b["id"]) for b in _bodies(ctx))

    return _safely(found(), incomplete)


def milestone_ids(ctx: Any, incomplete: str) -> list[str]:
    wanted = str((ctx.params or {}).get("measure") or "")

    def owner() -> Any:
        if wanted.casefold() == "plan":
            return _plan_tree(ctx)
        for body in _bodies(ctx):
            if body["id"].casefold() == wanted.casefold():
                return body
        return next((m for m in _measures(ctx) if m["id"] == wanted.upper()), {})

    def found() -> Iterator[str]:
        for index, ms in enumerate(owner().get("milestones") or [], 1):
            yield str(index)
            if isinstance(ms, dict) and ms.get("id"):
                yield str(ms["id"])

    return _safely(found(), incomplete)


def indicator_ids(ctx: Any, incomplete: str) -> list[str]:
    def found() -> Iterator[str]:
        for m in _measures(ctx):
            for ind in m.get("indicators") or []:
                if isinstance(ind, dict) and ind.get("id"):
                    yield str(ind["id"])

    return _safely(found(), incomplete)


def partner_ids(ctx: Any, incomplete: str) -> list[str]:
    def found() -> Iterator[str]:
        for partner in _plan_tree(ctx).get("partners") or []:
            if isinstance(partner, dict) and partner.get("id"):
                yield str(partner["id"])

    return _safely(found(), incomplete)


def _words(values: dict[str, str], incomplete: str) -> list[str]:
    """The words for `values` (canonical value -> the word people read) in the reader's
    language, that start with what was typed (case ignored); where none does, the canonical
    values that do (a German reader typing `in_`). A word of two is offered with a hyphen
    (in-Umsetzung, in-progress): a shell completes one word, and mpi reads it either way."""
    from mpi.i18n import language

    if language() == "de":
        said = [w.replace(" ", "-") for w in values.values()]
    else:  # the values are English words already: `in-progress` as it reads
        said = [v.replace("_", "-") for v in values]
    for words in (said, list(values)):
        found = [w for w in dict.fromkeys(words) if w.casefold().startswith(incomplete.casefold())]
        if found:
            return found
    return []


def _named(values: tuple[str, ...], context: str) -> dict[str, str]:
    from mpi.i18n import pgettext

    return {v: pgettext(context, v) for v in values}


def statuses(incomplete: str) -> list[str]:
    return _words(_named(MEASURE_STATUSES, "measure status"), incomplete)


def milestone_states(incomplete: str) -> list[str]:
    return _words(_named(MILESTONE_STATUSES, "milestone state"), incomplete)


def date_kinds(incomplete: str) -> list[str]:
    """`--kind` of mpi reschedule: bis, ab, frühestens, voraussichtlich (by, start, from,
    expected)."""
    from mpi.domain.words import FILE_WORDS

    kinds = {k: w[0] for k, w in FILE_WORDS["kind"].items() if k != "history"}
    return _words(kinds, incomplete)


def frequencies(incomplete: str) -> list[str]:
    """`--every`: jährlich, halbjährlich (yearly, half-yearly)."""
    from mpi.domain.words import FILE_WORDS

    return _words({k: w[0] for k, w in FILE_WORDS["every"].items()}, incomplete)


def languages(incomplete: str) -> list[str]:
    return [w for w in ("de", "en") if w.startswith(incomplete.casefold())]


# At most this many revisions are offered, the recent commits among them; git gets this
# long (seconds) for each of its two calls. A completion runs on every Tab press.
REVISIONS = 40
RECENT_COMMITS = 15
GIT_SECONDS = 0.4


def revisions(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Git revisions of the plan's repository (`--since`, `mpi diff`): tags and branches,
    newest first, HEAD, and the recent commits, each with its day and subject."""
    from mpi.loading.revision import revision_names

    try:
        named, recent = revision_names(_plan_dir(ctx), RECENT_COMMITS, GIT_SECONDS)
    except Exception:  # a broken plan or folder: no suggestions, never a traceback
        return []

    def starting(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(n, what) for n, what in found if n.casefold().startswith(incomplete.casefold())]

    recent = starting(recent)  # HEAD and the recent commits always have their place
    return list(dict([*starting(named)[: REVISIONS - len(recent)], *recent]).items())


def typed_words(environ: Mapping[str, str]) -> list[str]:
    """The words after `mpi` of the command line being completed (bash: COMP_WORDS; zsh,
    fish, PowerShell: _TYPER_COMPLETE_ARGS): its --lang says the language of the values."""
    import shlex

    line = environ.get("COMP_WORDS") or environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        return shlex.split(line)[1:]
    except ValueError:  # an open quote
        return line.split()[1:]


def installer(typers: Callable[[Any, Any, Any], Any]) -> Callable[[Any, Any, Any], Any]:
    """`mpi --install-completion`: Typer's own installation (`typers`, the option's callback),
    its two English lines said again in the reader's language (any other text as it is)."""

    def install(ctx: Any, param: Any, value: Any) -> Any:
        import io
        import re
        import sys
        from contextlib import redirect_stdout

        import typer

        from mpi.i18n import _

        if not value or ctx.resilient_parsing:
            return typers(ctx, param, value)
        captured = io.StringIO()
        code: Any = 0
        try:
            with redirect_stdout(captured):
                typers(ctx, param, value)
        except SystemExit as exc:  # Typer ends the run after installing
            code = exc.code
        said = captured.getvalue()
        done = re.match(r"(\S+) completion installed in (.+)\n", said)
        if done is None:
            sys.stdout.write(said)
            raise typer.Exit(code if isinstance(code, int) else 1)
        shell, path = done[1].rpartition(".")[2], done[2]  # Typer may say Shells.zsh
        typer.echo(_("completion for {shell} installed in {path}").format(shell=shell, path=path))
        typer.echo(_("it takes effect in a new terminal"))
        raise typer.Exit(code if isinstance(code, int) else 0)

    return install
