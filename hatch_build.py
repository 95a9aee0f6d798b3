"""Build hook: compile the gettext catalogs (src/mpi/i18n/locale/*/LC_MESSAGES/mpi.po) into
the mpi.mo files gettext reads, for wheels and editable installs alike.

The .po files are the sources translators edit with ordinary tools (poedit, Weblate, msgfmt
would do the same); the .mo files are build output and not committed. Babel compiles them:
it is a build requirement anyway, and formats German numbers at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        src = Path(self.root) / "src"
        for po in sorted(src.glob("mpi/i18n/locale/*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            if version != "editable":  # a wheel: the .mo is ignored by git, so name it
                build_data["force_include"][str(mo)] = str(mo.relative_to(src))
