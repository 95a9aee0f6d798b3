"""`--format xlsx`: Excel workbooks (openpyxl, imported only when one is written): the status
request to a partner (`mpi form`, in `_xlsx_form.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.render.registry import Format

if TYPE_CHECKING:
    from mpi.views.form import Form


def form(view: Form) -> bytes:
    from mpi.render.formats._xlsx_form import form as draw

    return draw(view)


FORMAT = Format(name="xlsx", form=form)
