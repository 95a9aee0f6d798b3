"""`site.yaml`, the public site's configuration: read with positions and checked like a plan
file, so that a mistake is named at its file, line and column."""

from __future__ import annotations

import os
from pathlib import Path

from mpi.domain.diagnostics import Diagnostic
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
