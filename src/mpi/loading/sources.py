"""Plan files as the loader reads them: from a folder (checked, never followed or blocked on),
or as pending text (an edit validated before it is written). Git revisions: `revision`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mpi.domain.diagnostics import Diagnostic, Severity
from mpi.i18n import N_, _, reason
from mpi.i18n.formats import count
from mpi.loading import reader
from mpi.loading.locate import display_name
from mpi.loading.positions import PList, PMap, Pos, locate
from mpi.loading.yaml_errors import ReadError

# Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = {
    b"\xef\xbb\xbf": N_("UTF-8 with a byte order mark (EF BB BF)"),
    b"\xff\xfe\x00\x00": N_("UTF-32 (byte order mark FF FE 00 00)"),
    b"\x00\x00\xfe\xff": N_("UTF-32 (byte order mark 00 00 FE FF)"),
    b"\xff\xfe": N_("UTF-16 (byte order mark FF FE)"),
    b"\xfe\xff": N_("UTF-16 (byte order mark FE FF)"),
}


MAX_BYTES = 64 * 1024 * 1024
UNREADABLE = frozenset({"unreadable", "not-a-file", "too-large"})


@dataclass
class SourceFile:
    """One plan file as read: where it is, how to name it, and its positioned data."""

    path: Path
    display: str
    tree: Any = None
    # (inode, size, mtime_ns, ctime_ns) when read from disk: an edit compares it before it
    # writes, to refuse a file that changed since it was read.
    fingerprint: tuple[int, int, int, int] | None = None
    mixed_from: int = 0  # the first line that ends otherwise than the first (CRLF and LF)

    def at(self, *path: str | int, key: bool = False) -> Pos:
        return locate(self.tree, path, key=key)

    def diagnostic(
        self,
        path: tuple[str | int, ...],
        code: str,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> Diagnostic:
        line, column = self.at(*path, key=key)
        return Diagnostic(self.display, line, column, severity, code, message)


def read_source(
    path: Path, text: str | None = None, budget: reader.Budget | None = None
) -> tuple[SourceFile, Diagnostic | None]:
    """Read and parse one file (or `text` as its new content); problems become Diagnostics."""
    source = SourceFile(path, display_name(path))
    if text is not None:
        return _parse_into(source, text, budget)
    try:
        info = path.lstat()
    except OSError as exc:
        return _fail(source, "unreadable", _cannot_read(exc))
    if stat.S_ISLNK(info.st_mode):
        return _fail(
            source, "not-a-file", _("is a symbolic link; plan files must be regular files")
        )
    if not stat.S_ISREG(info.st_mode):
        return _fail(source, "not-a-file", _("is not a regular file (a directory, FIFO or device)"))
    if info.st_size > MAX_BYTES:
        said = _("the file has {size} bytes, more than the limit of {limit} (MAX_BYTES)")
        said = said.format(size=count(info.st_size), limit=count(MAX_BYTES))
        return _fail(source, "too-large", said)
    try:
        # O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or FIFO after the check above
        # fails or reads nothing instead of following or hanging; fstat confirms the kind.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            before = os.fstat(handle.fileno())
            if not stat.S_ISREG(before.st_mode):
                return _fail(source, "not-a-file", _("is not a regular file"))
            data = handle.read(min(before.st_size, MAX_BYTES) + 1)
            source.fingerprint = fingerprint(os.fstat(handle.fileno()))
    except OSError as exc:
        return _fail(source, "unreadable", _cannot_read(exc))
    if source.fingerprint != fingerprint(before) or len(data) != before.st_size:
        said = _("the file changed while it was read (is another program writing it?); try again")
        return _fail(source, "unreadable", said)
    if len(data) > MAX_BYTES:
        said = _("the file is larger than {limit} bytes").format(limit=count(MAX_BYTES))
        return _fail(source, "too-large", said)
    try:
        text = decode(data)
    except ReadError as exc:
        return _fail(source, exc.code, exc.message, exc.line, exc.column)
    return _parse_into(source, text, budget)


def _fail(
    source: SourceFile, code: str, message: str, line: int = 1, column: int = 1
) -> tuple[SourceFile, Diagnostic]:
    return source, Diagnostic(source.display, line, column, "error", code, message)


def fingerprint(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _parse_into(
    source: SourceFile, text: str, budget: reader.Budget | None
) -> tuple[SourceFile, Diagnostic | None]:
    if budget is not None:
        budget.characters -= len(text)
        if budget.characters < 0:
            said = _(
                "the plan's files hold more than {limit} characters together (limit "
                "MAX_CHARACTERS, which keeps mpi under 1 GiB of memory)"
            )
            return _fail(source, "too-large", said.format(limit=count(reader.MAX_CHARACTERS)))
    source.mixed_from = mixed_line_endings(text)
    try:
        source.tree = reader.parse(text, budget)
    except ReadError as exc:
        return _fail(source, exc.code, exc.message, exc.line, exc.column)
    except RecursionError:
        return _fail(source, "too-deep", _("the file nests too deeply to read"))
    if not isinstance(source.tree, PMap):
        found = _("a list") if isinstance(source.tree, PList) else _("a single value")
        line, column = getattr(source.tree, "start", (1, 1))
        said = _("the file must hold a mapping of keys to values, found {found}")
        return _fail(source, "not-a-mapping", said.format(found=found), line, column)
    return source, None


def mixed_line_endings(text: str) -> int:
    """The first line that ends otherwise than the file's first line (Windows CRLF, Unix LF),
    or 0 where all end alike."""
    if "\r" not in text:
        return 0
    crlf = text.count("\r\n")
    if not crlf or crlf == text.count("\n"):
        return 0
    first = text.find("\n")
    other = text.find("\r\n") if text[first - 1 : first] != "\r" else _lone_lf(text)
    return text.count("\n", 0, other) + 1


def _lone_lf(text: str) -> int:
    import re

    found = re.search(r"(?<!\r)\n", text)
    return found.start() if found else 0


def mixed_warning(source: SourceFile) -> list[Diagnostic]:
    """`validate`'s warning for a file of mixed line endings: mpi reads it, but edits refuse it."""
    if not source.mixed_from:
        return []
    said = _(
        "the file mixes Windows (CRLF) and Unix (LF) line endings, from this line on; mpi "
        "reads it, but its edits refuse it: save the file with one kind of line ending"
    )
    return [Diagnostic(source.display, source.mixed_from, 1, "warning", "line-endings", said)]


def decode(data: bytes) -> str:
    """Bytes -> text, refusing BOMs, UTF-16, NUL bytes and invalid UTF-8 with a position."""
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            raise ReadError(
                1,
                1,
                "encoding",
                _(
                    "the file is encoded as {encoding}; save it as UTF-8 without a byte order mark"
                ).format(encoding=_(encoding)),
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _offset_to_pos(data, nul)
        utf16 = data[1:2] == b"\x00" or data[:1] == b"\x00"
        message = _("NUL byte in the file (is it UTF-16?)") if utf16 else _("NUL byte in the file")
        raise ReadError(line, column, "encoding", message)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _offset_to_pos(data, exc.start)
        raise ReadError(
            line,
            column,
            "encoding",
            _("invalid UTF-8 (byte {byte})").format(byte=f"0x{data[exc.start]:02x}"),
        ) from None


def _cannot_read(exc: OSError) -> str:
    return _("cannot read the file: {reason}").format(reason=reason(exc))


def _offset_to_pos(data: bytes, offset: int) -> Pos:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column
