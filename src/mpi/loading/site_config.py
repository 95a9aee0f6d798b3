"""`site.yaml`, the public site's configuration: read with positions and checked like a plan
file, so that a mistake is named at its file, line and column."""

from __future__ import annotations

import os
from pathlib import Path

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.errors import PlanInvalid
from mpi.domain.site import SiteConfig
from mpi.loading.schema_errors import validate_model
from mpi.loading.sources import read_source


def read_config(path: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """The configuration at `path` (None and no diagnostic where there is no such file)."""
    if not os.path.lexists(path):
        return None, []
    source, problem = read_source(path)
    if problem is not None:
        return None, [problem]
    return validate_model(source, SiteConfig)


def site_config(directory: Path) -> SiteConfig | None:
    """The plan directory's `site.yaml` (None where there is none); PlanInvalid, with each
    mistake at its line and column, where it does not read or validate."""
    from mpi.loading.locate import SITE_FILE

    config, problems = read_config(directory / SITE_FILE)
    if problems:
        raise PlanInvalid(problems)
    return config
