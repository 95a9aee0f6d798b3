"""The Typer app: the error boundary, the global options, and the command groups.

Heavy libraries (pydantic, rich, jinja2, icalendar) are imported inside the commands, so
`mpi --version` and `mpi --help` stay fast. Each group module registers its commands here,
explicitly: `register(app)`. A run that names a command builds an app of that command alone
(`app_for`): it imports one group module and builds one command's parameters, not twenty.
"""

from __future__ import annotations

import contextvars
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Annotated, Any, NoReturn

import typer
import typer.main
from typer.core import TyperGroup

from mpi import __version__
from mpi.cli import completion, output, usage
from mpi.cli.language import OPTION, language_of
from mpi.domain.errors import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    InvalidValue,
    MpiError,
    ctrl_c,
)
from mpi.i18n import N_, _, activate


def _lang_option() -> Any:
    """`--lang de|en` on every command: read before parsing (`language_of`), so the parser's
    own messages are in the language too; here it is only declared, checked and documented.
    Typer builds it from a declaration (its constructor differs between Typer's versions)."""
    declared = typer.Typer(add_completion=False)

    @declared.command()
    def declaration(
        lang: Annotated[
            str | None,
            typer.Option(
                OPTION,
                metavar="de|en",
                autocompletion=completion.languages,
                help=N_(
                    "Language of what mpi writes for people (default: $MPI_LANG, the locale, "
                    "the plan's language)."
                ),
            ),
        ] = None,
    ) -> None:
        """Never run."""

    [option] = typer.main.get_command(declared).params
    option.expose_value = False
    return option


def _wait_option() -> Any:
    """`--wait SECONDS` on every command that edits the plan: how long it waits for another
    mpi writing the plan (it says at once that it waits, and for whom)."""
    declared = typer.Typer(add_completion=False)

    @declared.command()
    def declaration(
        wait: Annotated[
            int | None,
            typer.Option(
                "--wait",
                metavar="<seconds>",
                callback=_lock_wait,
                help=N_(
                    "How long to wait for another mpi that is writing the plan, in seconds "
                    "(default: 30; 0: do not wait)."
                ),
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Never run."""

    [option] = typer.main.get_command(declared).params
    option.expose_value = False
    return option


def _lock_wait(_ctx: Any, _param: Any, value: int | None) -> None:
    """The run's wait for the plan's lock: --wait's seconds, said at once on stderr."""
    from mpi.edit.lock import LOCK_TIMEOUT, LOCK_WAIT, LockWait

    if value is not None and not 0 <= value <= 24 * 3600:
        raise typer.BadParameter(_("give the seconds to wait, from 0 to 86400"))
    LOCK_WAIT.set(LockWait(LOCK_TIMEOUT if value is None else value, output.notice))


def output_error(exc: OSError) -> bool:
    """An error of writing what mpi prints (a full disk, a closed or failing output), which
    mpi.console says with the system's reason; not a bug."""
    import errno

    return isinstance(exc, BrokenPipeError) or exc.errno in (
        errno.ENOSPC,
        errno.EIO,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EBADF,
        errno.EPIPE,
        errno.ECONNRESET,
        errno.ENXIO,
    )


def internal(exc: Exception, ctx: Any) -> NoReturn:
    """The last line of defence: a bug is one line and exit 3 (the traceback with --debug)."""
    if hasattr(exc, "exit_code") and hasattr(exc, "show"):
        raise exc  # a usage error of the command-line parser: it prints itself
    if ctrl_c(exc):
        raise KeyboardInterrupt from None  # said once, in App._run
    if ctx.params.get("debug") or os.environ.get("MPI_DEBUG"):
        raise exc
    said = _(
        "internal error ({name}); please report it with the command you ran. "
        "Run it again as mpi --debug COMMAND … to see the traceback."
    )
    sys.stderr.write("mpi: " + said.format(name=type(exc).__name__) + "\n")
    raise SystemExit(EXIT_BUG) from None


def _language_words(args: list[str]) -> list[str]:
    """The words that choose the language: the command line, or for shell completion the
    line being completed (its --lang, if a whole one, says the language of the values)."""
    if COMPLETE_VAR not in os.environ:
        return args
    words = completion.typed_words(os.environ)
    try:
        language_of(words)
    except MpiError:  # --lang half typed
        return args
    return words


class App(TyperGroup):
    """Turns errors users can cause into one line and an exit code; never a traceback.

    It also speaks the reader's language: the language is chosen before the command line is
    parsed, every command takes --lang, and help and usage errors are translated (`usage`).
    """

    context_class = usage.Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_lang_option())
        commands = list(self.commands.values())
        while commands:  # a group's commands (mpi meeting new) take it too
            command = commands.pop()
            command.params.append(_lang_option())
            if any(p.name == "dry_run" for p in command.params):  # it edits the plan
                command.params.append(_wait_option())
            command.context_class = usage.Context
            commands += getattr(command, "commands", {}).values()

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run in a context of its own (the language stays with this run)."""
        for param in self.params:  # Typer's own says where it installed in English
            if param.name == "install_completion" and param.callback is not None:
                param.callback = completion.installer(param.callback)
        arguments = command_first(sys.argv[1:] if args is None else args)
        run = contextvars.copy_context()
        return run.run(self._run, arguments, prog_name, complete_var, standalone_mode, extra)

    def _run(
        self,
        args: list[str],
        prog_name: str | None,
        complete_var: str | None,
        standalone_mode: bool,
        extra: dict[str, Any],
    ) -> Any:
        try:
            activate(language_of(_language_words(args)))
        except MpiError as exc:
            output.error(exc)
            raise SystemExit(EXIT_USAGE) from None
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except typer.Abort:
            sys.stderr.write(_("Aborted!") + "\n")
            raise SystemExit(1) from None
        except typer.TyperException as exc:  # a usage error of the parser
            usage.show(exc, args)
            raise SystemExit(exc.exit_code) from None
        if code == EXIT_INTERRUPTED:  # Typer turns a Ctrl-C into this code, silently
            sys.stderr.write("mpi: " + _("interrupted") + "\n")
        raise SystemExit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:  # a typer.Context (Click's, which Typer vendors)
        rest = [w for w in ctx.args if not w.startswith("-")]  # a group's command: its name
        try:
            return super().invoke(ctx)
        except MpiError as exc:
            output.error(exc, self._flag(ctx, exc, rest[0] if rest else None))
            raise SystemExit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader stopped reading (`| head`): no more to say
            output.reader_gone()
        except OSError as exc:
            if output_error(exc):  # said once, at the entry point (mpi.console)
                raise
            internal(exc, ctx)
        except Exception as exc:  # the last line of defence
            internal(exc, ctx)

    def _flag(self, ctx: typer.Context, exc: MpiError, sub: str | None = None) -> str | None:
        """The option or argument of the running command that carried the invalid value
        (`sub`: in a group, the name of its command that ran: mpi meeting new)."""
        if not isinstance(exc, InvalidValue) or ctx.invoked_subcommand is None:
            return None
        command = self.get_command(ctx, ctx.invoked_subcommand)
        if command is not None and hasattr(command, "get_command") and sub is not None:
            command = command.get_command(ctx, sub)
        for param in command.params if command else []:
            if param.name == exc.what:
                if param.param_type_name == "option":
                    return param.opts[0]
                # an argument, named as its help shows it
                return usage.placeholder(param.name or exc.what).upper()
        return None


# The module of each command (its `register` adds it). A test keeps this in step.
COMMANDS = {
    "validate": "validate",
    **dict.fromkeys(("status", "list", "show", "due", "indicators", "timeline"), "queries"),
    **dict.fromkeys(("set", "milestone", "record", "note"), "editing"),
    **dict.fromkeys(("reschedule", "retarget", "drop", "adopt"), "deciding"),
    **dict.fromkeys(("report", "round", "diff", "history"), "reports"),
    **dict.fromkeys(("schema", "calendar", "init"), "integrations"),
    "meeting": "meetings",
    **dict.fromkeys(("form", "import"), "exchange"),
    "site": "site",
    **dict.fromkeys(("changes", "export"), "publish"),
}
GROUPS = tuple(dict.fromkeys(COMMANDS.values()))
# The options before the command that take a value (the next word is not the command).
VALUED = (OPTION,)
HELP = ("--help", "-h")
GLOBAL_FLAGS = ("--version", "--debug", "--install-completion", "--show-completion")
COMPLETE_VAR = "_MPI_COMPLETE"  # Typer's completion variable: completion needs every name


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mpi {__version__}")
        raise typer.Exit()


def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version.")),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=N_("Show tracebacks of internal errors."))
    ] = False,
) -> None:
    """The options before the command (the app's help, not this docstring, is shown)."""


def build(groups: Sequence[str] = GROUPS) -> typer.Typer:
    """The app with the commands of `groups` (module names in mpi.cli)."""
    built = typer.Typer(
        cls=App,
        name="mpi",
        help=N_("Tracker for the Hamburger Masterplan Industrie 2023."),
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    built.callback()(main_callback)
    for group in groups:
        importlib.import_module(f"mpi.cli.{group}").register(built)
    return built


def command_named(args: Sequence[str]) -> str | None:
    """The command word of a command line: the first word that is no option before it;
    None after --help (`mpi --help status` shows every command)."""
    words = iter(args)
    for word in words:
        if word == "--":
            return next(words, None)
        if word in HELP:
            return None
        if word in VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def command_first(args: Sequence[str]) -> list[str]:
    """`mpi --plan plan status` read as `mpi status --plan plan`: a command's options typed
    before the command go after its words (before a `--`). An option's value is the word
    after it unless that word is a command; anything else stays as typed."""
    words = list(args)
    kept: list[str] = []
    moved: list[str] = []
    at = 0
    while at < len(words) and words[at].startswith("-") and words[at] != "--":
        word = words[at]
        if word in HELP:
            return words
        if word in VALUED:
            kept += words[at : at + 2]
            at += 2
            continue
        at += 1
        if word in GLOBAL_FLAGS or word.startswith(OPTION + "="):
            kept.append(word)
            continue
        moved.append(word)
        value = words[at] if "=" not in word and at < len(words) else "-"
        if value not in COMMANDS and not value.startswith("-"):
            moved.append(value)
            at += 1
    if not moved or at >= len(words) or words[at] not in COMMANDS:
        return words
    rest = words[at:]
    cut = rest.index("--") if "--" in rest else len(rest)
    return [*kept, *rest[:cut], *moved, *rest[cut:]]


def app_for(args: Sequence[str], environ: Mapping[str, str] = os.environ) -> typer.Typer:
    """The app that runs `mpi ARGS`: the named command alone, or every command when the
    line names none (help, --version) or an unknown one (the error lists them all), and
    for shell completion."""
    name = command_named(command_first(args))
    if name not in COMMANDS or COMPLETE_VAR in environ:
        return full_app()
    one = build([COMMANDS[name]])
    one.registered_commands = [c for c in one.registered_commands if _name(c) == name]
    return one


def _name(command: Any) -> str:
    from typer.main import get_command_name

    return command.name or get_command_name(command.callback.__name__)


@cache
def full_app() -> typer.Typer:
    """Every command (built once per process)."""
    return build()


def main() -> NoReturn:
    """Run the app; the console script (`mpi.console`) handles Ctrl-C and a closed pipe."""
    app_for(sys.argv[1:])()
    sys.stdout.flush()  # a closed pipe shows here, inside mpi.console's handling
    raise SystemExit(0)
