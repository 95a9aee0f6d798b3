"""A workbook a partner sent back, read safely: an Office Open XML zip without macros or
external links, of a size and a number of parts that cannot exhaust the machine, opened by
openpyxl (imported only here); its cells by sheet, row and column, with every formula
refused where it is found. What the cells mean is `edit/returned.py`'s."""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mpi.domain.errors import MpiError, UsageError
from mpi.i18n import _, reason

MAX_FILE = 20 * 2**20  # a status request of a few hundred rows is well under 1 MiB
MAX_UNPACKED = 100 * 2**20
MAX_RATIO = 100  # unpacked/packed of one part: XML compresses ~10:1; a zip bomb 1000:1
MAX_PARTS = 500
MAX_ROWS = 5_000  # per sheet; more than any partner leads


@dataclass(frozen=True)
class Place:
    sheet: str
    row: int
    column: str  # the column's header as the sheet has it

    def __str__(self) -> str:
        return _("sheet {sheet}, row {row}, {column}").format(
            sheet=self.sheet, row=self.row, column=self.column
        )


@dataclass
class Returned:
    """The workbook's record (`mpi` sheet) and its rows: for each sheet, the row number and
    the cells by column number (1-based)."""

    meta: dict[str, str] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    sheets: dict[str, str] = field(default_factory=dict)  # key -> the sheet's name
    headers: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)  # as the form wrote them
    rows: dict[str, list[tuple[int, dict[int, Any]]]] = field(default_factory=dict)

    def place(self, key: str, row: int, column: int) -> Place:
        head = self.headers.get(key, [])
        name = head[column - 1] if column <= len(head) else str(column)
        return Place(self.sheets.get(key, key), row, name)


def refuse(path: Path, said: str) -> UsageError:
    return UsageError(_("{file}: {said}; nothing was written").format(file=path.name, said=said))


def _check_zip(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise refuse(path, reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):  # a directory, a FIFO (opening one would block)
        raise refuse(path, _("not a file"))
    size = info.st_size
    if size > MAX_FILE:
        raise refuse(path, _("larger than a status request can be ({mib} MiB)").format(mib=20))
    if not zipfile.is_zipfile(path):
        raise refuse(path, _("not an Excel workbook (.xlsx): the file is no zip archive"))
    try:
        _check_parts(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
        raise refuse(path, _("the workbook's zip archive is damaged")) from None


def _check_parts(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise refuse(
                path, _("too many parts for a workbook ({count})").format(count=len(parts))
            )
        if sum(p.file_size for p in parts) > MAX_UNPACKED:
            raise refuse(path, _("unpacks to more than a workbook can hold: a zip bomb?"))
        for p in parts:
            if p.file_size > 2**20 and p.file_size > MAX_RATIO * max(p.compress_size, 1):
                raise refuse(
                    path,
                    _("a part unpacks {ratio} times its size: a zip bomb?").format(
                        ratio=p.file_size // max(p.compress_size, 1)
                    ),
                )
        names = [p.filename.lower() for p in parts]
        types = archive.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    if any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in names) or (
        b"macroEnabled" in types
    ):
        raise refuse(path, _("a workbook with macros is not read; save it as .xlsx without them"))
    if any(n.startswith("xl/externallinks/") for n in names):
        raise refuse(
            path, _("the workbook links to other files; remove the links and send it again")
        )


def read(path: Path, keys: dict[str, int]) -> Returned:
    """The workbook at `path`; `keys`: the sheets to read and how many columns each has."""
    _check_zip(path)
    from openpyxl import load_workbook

    damaged = _("the workbook cannot be read (a part of it is damaged); save it again as .xlsx")
    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises what its parsers raise: a broken part, an .ods
        raise refuse(path, damaged) from None
    try:
        return _cells(path, book, keys)
    except MpiError:
        raise
    except Exception:  # read-only sheets are parsed as they are read: a broken cell
        raise refuse(path, damaged) from None
    finally:
        book.close()


def _cells(path: Path, book: Any, keys: dict[str, int]) -> Returned:
    if "mpi" not in book.sheetnames:
        raise refuse(path, _("not a status request made by mpi form (no record of it)"))
    out = Returned()
    for row in book["mpi"].iter_rows(max_col=3, values_only=True):
        if not row or row[0] is None:
            continue
        key, value = str(row[0]), "" if row[1] is None else str(row[1])
        if key == "measure":
            out.fingerprints[value] = "" if row[2] is None else str(row[2])
        elif key == "sheet":
            out.sheets[value] = "" if row[2] is None else str(row[2])
        elif key == "columns":
            out.columns[value] = str(row[2] or "").split("\t")
        else:
            out.meta[key] = value
    for key, width in keys.items():
        name = out.sheets.get(key, "")
        if name not in book.sheetnames:
            raise refuse(path, _("the sheet {sheet} is missing").format(sheet=name or key))
        rows: list[tuple[int, dict[int, Any]]] = []
        for number, row in enumerate(book[name].iter_rows(max_col=width), start=1):
            cells = {c.column: c for c in row if getattr(c, "column", None)}
            if number == 1:
                found = [
                    str(cells[i].value or "") if i in cells else "" for i in range(1, width + 1)
                ]
                out.headers[key] = found
                wanted = out.columns.get(key)
                if wanted is not None and found != wanted:  # columns moved: cells would lie
                    said = _("the columns of the sheet {sheet} were changed (expected: {columns})")
                    raise refuse(path, said.format(sheet=name, columns=", ".join(wanted)))
                continue
            if number > MAX_ROWS and any(c.value not in (None, "") for c in cells.values()):
                raise refuse(
                    path,
                    _("more rows than a status request holds ({count})").format(count=MAX_ROWS),
                )
            for cell in cells.values():
                if cell.data_type == "f":
                    where = out.place(key, number, cell.column)
                    raise refuse(
                        path, _("{where}: a formula; type the value itself").format(where=where)
                    )
            values = {i: c.value for i, c in cells.items() if c.value not in (None, "")}
            if values:
                rows.append((number, values))
        out.rows[key] = rows
    return out
