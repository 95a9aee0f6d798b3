"""What a report was made from, so that a printed page can be traced back: the plan's git
commit (and whether the working tree had changes), the cut-off date, the mpi version and the
validation result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mpi import __version__
from mpi.domain.errors import PlanInvalid
from mpi.domain.model import Plan
from mpi.loading.checkout import state
from mpi.loading.guard import Comparison
from mpi.loading.load import Loaded
from mpi.loading.locate import ADOPTED_FILE, display_name


@dataclass(frozen=True)
class MadeFrom:
    directory: str  # the plan directory as the user named it
    commit: str | None  # the commit checked out; None outside git
    # The plan files read that differ from the commit: (name, "changed" | "not committed" |
    # "not read"), see mpi.loading.revision.state.
    differs: tuple[tuple[str, str], ...]
    cut_off: date  # the day the report looks from (--today)
    version: str
    errors: int
    warnings: int
    draft: bool = False  # the plan has not been adopted yet
    as_of: date | None = None  # read as committed on this day (--as-of)
    read_on: date | None = None  # the day the plan was read (today's plan, seen from cut_off)

    @property
    def valid(self) -> bool:
        return self.errors == 0

    @property
    def clean(self) -> bool:
        """Whether the files read are the commit's, as committed."""
        return self.commit is not None and not self.differs


def made_from(
    loaded: Loaded,
    today: date,
    adopted: Comparison | None = None,
    *,
    as_of: tuple[Path, str, date] | None = None,
) -> MadeFrom:
    """What a report made from `loaded` on `today` was made from; `adopted`, the comparison with
    the adopted plan, adds its errors (weakened without decision, an adopted plan that cannot
    be read) and warnings, and says whether the plan is a draft."""
    errors = len(loaded.errors) + (adopted.errors if adopted else 0)
    warnings = sum(d.severity == "warning" for d in loaded.diagnostics)
    warnings += adopted.warnings if adopted else 0
    from mpi.domain.dates import current_day

    if as_of is not None:  # the plan as committed on a day, read from a checkout
        directory, commit, day = as_of
        found: tuple[str, tuple[tuple[str, str], ...]] | None = (commit, ())
    else:
        directory, day = loaded.directory, None
        found = state(loaded.directory, files_read(loaded))
    return MadeFrom(
        display_name(directory),
        found[0] if found else None,
        found[1] if found else (),
        today,
        __version__,
        errors,
        warnings,
        adopted.draft if adopted else False,
        day,
        current_day(),
    )


def files_read(loaded: Loaded) -> list[Path]:
    """The files of the plan that were read: plan.yaml, the Handlungsfeld files, the meetings
    and the adopted plan (read by the guard) where there are."""
    read = (loaded.plan_file, *loaded.field_files.values(), loaded.meetings_file)
    files = [f.path for f in read if f is not None]
    adopted = loaded.directory / ADOPTED_FILE
    return [*files, adopted] if adopted.is_file() else files


def usable(loaded: Loaded) -> Plan:
    """The plan a report can still be made from: one that was read, even if a rule across
    files failed (the report then says it is invalid); PlanInvalid if it could not be read."""
    if loaded.plan is None or loaded.unreadable:
        raise PlanInvalid(loaded.diagnostics, loaded.exit_code or 1)
    return loaded.plan
