"""Where the plan is and which files it has: no YAML, no pydantic, cheap to import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mpi.domain.errors import PlanNotFound
from mpi.i18n import _, reason

PLAN_FILE = "plan.yaml"
ADOPTED_FILE = "adopted.yaml"  # the plan as adopted (mpi.domain.adopted): not a Handlungsfeld
MEETINGS_FILE = "meetings.yaml"  # the meetings of its bodies (mpi.domain.meetings): nor this
SITE_FILE = "site.yaml"  # the public site's configuration (mpi.domain.site): nor this
ENV_VAR = "MPI_PLAN"
_NOT_PLAN = frozenset({ADOPTED_FILE, MEETINGS_FILE, SITE_FILE})


def packaged_plan() -> Path:
    """Where the wheel puts the shipped plan: package data, next to the JSON Schemas."""
    return Path(__file__).resolve().parents[1] / "data" / "plan"


def shipped_plan() -> Path | None:
    """The plan inside the installed package, or the repository's plan/ in a source checkout."""
    packaged = packaged_plan()
    if (packaged / PLAN_FILE).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "plan"
    return checkout if (checkout / PLAN_FILE).is_file() else None


@dataclass(frozen=True)
class Location:
    """A plan directory and how it was found: "option" (--plan), "environment" ($MPI_PLAN),
    "search" (this directory or a parent) or "shipped" (the plan that comes with mpi)."""

    path: Path
    origin: Literal["option", "environment", "search", "shipped"]

    @property
    def named(self) -> bool:
        """Whether the user named the plan (--plan or $MPI_PLAN) rather than mpi finding it."""
        return self.origin in ("option", "environment")


def locate_plan(
    explicit: Path | None = None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Location:
    """--plan DIR, else $MPI_PLAN, else the nearest plan here or in a parent directory (a
    directory holding plan.yaml, or a plan/ subdirectory holding it), else the shipped plan."""
    env = os.environ if env is None else env
    if explicit is not None:
        return Location(_plan_dir(explicit, "plan", ""), "option")
    if env.get(ENV_VAR):
        return Location(_plan_dir(Path(env[ENV_VAR]), "", f"{ENV_VAR}: "), "environment")
    here = (cwd or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for candidate in (directory, directory / "plan"):
            if _is_file(candidate / PLAN_FILE) or _occupied(candidate / PLAN_FILE):
                return Location(candidate, "search")
    shipped = shipped_plan()
    if shipped is None:
        raise PlanNotFound(
            "", _("no plan found in this directory or a parent, and none came with mpi")
        )
    return Location(shipped, "shipped")


def find_plan(
    explicit: Path | None = None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Path:
    """The plan directory `locate_plan` finds."""
    return locate_plan(explicit, env, cwd).path


def is_shipped(path: Path) -> bool:
    """Whether `path` is the plan that comes with mpi (in the package or, for an editable
    install, in its source checkout)."""
    shipped = shipped_plan()
    try:
        return shipped is not None and path.resolve() == shipped.resolve()
    except OSError:
        return False


def _occupied(path: Path) -> bool:
    """Whether something that is not a regular file has the name (a FIFO, a link, a
    directory): that is the plan here, and reading it says what is wrong, rather than
    mpi going on to another plan."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def _is_file(path: Path) -> bool:
    """Path.is_file, with a directory that cannot be searched counting as no file."""
    try:
        return path.is_file()
    except OSError:
        return False


def _plan_dir(path: Path, what: str, prefix: str) -> Path:
    """The plan directory named by the user (`what`: `plan`, the option the CLI names) or by
    an environment variable (`prefix`: its name)."""
    try:
        if path.is_file() and path.name.endswith((".yaml", ".yml")):
            path = path.parent
        is_directory = path.is_dir()
    except OSError as exc:
        said = _("cannot reach {path}: {reason}").format(path=path, reason=reason(exc))
        raise PlanNotFound(what, prefix + said) from None
    if not is_directory:
        raise PlanNotFound(what, prefix + _("{path} is not a directory").format(path=path))
    if not os.path.lexists(path / PLAN_FILE):  # a broken symlink is reported when read
        said = _("{path} has no {file}").format(path=path, file=PLAN_FILE)
        raise PlanNotFound(what, prefix + said)
    return path


def display_name(path: Path) -> str:
    """The path as users should see it: relative to the working directory when inside it.

    Only the directory is resolved: a symbolic link keeps its own name, not its target's.
    """
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def plan_files(directory: Path) -> tuple[Path, list[Path]]:
    """plan.yaml and the Handlungsfeld files (every other *.yaml / *.yml but the adopted
    plan and the meetings), in name order."""
    try:
        names = os.listdir(directory)
    except OSError as exc:
        raise PlanNotFound(
            "",
            _("cannot list the plan directory {directory}: {reason}").format(
                directory=directory, reason=reason(exc)
            ),
        ) from None
    others = sorted(directory / name for name in names if plan_file(name) and name != PLAN_FILE)
    return directory / PLAN_FILE, others


def plan_file(name: str) -> bool:
    """Whether a file name is plan.yaml's or a Handlungsfeld file's: a YAML file, not hidden,
    and not the adopted plan, the meetings or the site's configuration."""
    return name.endswith((".yaml", ".yml")) and name not in _NOT_PLAN and not name.startswith(".")
