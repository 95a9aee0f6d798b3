"""One plan file through its git history, for `mpi history`: each version of the file that a
commit on the first-parent line of HEAD made, oldest first, and the working tree's if it
differs from HEAD's.

Streamed and near linear on a long history: one `git log` lists the commits that touched the
file (following renames; a merge counts as the change it brought to the line, as `git log
--first-parent` shows it), one `git cat-file --batch` hands over their versions one at a
time, and of a measure only its own lines are parsed, without its updates log (history does
not compare the log, which grows with every note). Memory is bounded by the largest version.

`blockwise` reads a version measure by measure, reusing what the version before had with
the same bytes, and `blobs` hands over versions by their ids: `loading.plan_history` reads
the whole plan's history with them, for the change log.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any

from mpi.domain.errors import UsageError
from mpi.i18n import _
from mpi.loading.reader import parse
from mpi.loading.reread import NOT_ALONE
from mpi.loading.revision import _blob_id, _environment, command, git, repository
from mpi.loading.revision import shallow as shallow_repository
from mpi.loading.sources import MAX_BYTES, decode
from mpi.loading.yaml_errors import ReadError

WORKING_TREE = None  # the commit of the version not committed yet


@dataclass(frozen=True)
class Version:
    """The file as a commit left it (`commit` None: the working tree), parsed; `tree` is None
    where it could not be read (it is then skipped, and counted). `same` is True where the
    version reads as the one before it (the tree is then that version's own object)."""

    commit: str | None
    day: date
    tree: Any
    same: bool = False


def versions(
    plan_dir: Path, name: str, today: date, measure: str | None = None
) -> Iterator[Version]:
    """Every version of `plan_dir/name` that a commit on HEAD's first-parent line made, oldest
    first; then the working tree's, dated `today`, if it differs from HEAD's. With `measure`,
    only that measure's lines (`{"measures": [it]}`) without its updates log are parsed where
    they can be found."""
    top, relative = repository(plan_dir)
    path = name if relative == "." else f"{relative}/{name}"
    commits = _commits(top, path)
    previous: tuple[str | None, str | None, Any] = (None, None, None)  # blob, lines, tree
    for (sha, made, _at), (blob, data) in zip(
        commits, blobs(top, [f"{sha}:{at}" for sha, _day, at in commits]), strict=True
    ):
        if blob is None:
            continue
        if blob == previous[0]:
            yield Version(sha, made, previous[2], same=True)
            continue
        lines = measure_lines(data, measure)
        if lines is not None and lines == previous[1]:
            previous = (blob, lines, previous[2])
            yield Version(sha, made, previous[2], same=True)
            continue
        previous = (blob, lines, _parse(data, lines))
        del data
        yield Version(sha, made, previous[2])
    current = plan_dir / name
    head = git(top, "rev-parse", "--verify", "--quiet", f"HEAD:{path}").stdout.strip()
    if current.is_file() and _blob_id(current) != (head.decode("ascii") if head else None):
        data = current.read_bytes()
        yield Version(WORKING_TREE, today, _parse(data, measure_lines(data, measure)))


# Searched for from a line break on (not with ^ and re.M, which tries every position).
_MEASURES = re.compile(rb"\nmeasures:[ \t]*(?:#[^\n]*)?\r?\n")
_TOP_KEY = re.compile(rb"\n(?:[^ \t\r\n#-]|-[^ \t\r\n])")  # not an item at column 0


def blockwise(data: bytes, known: dict[bytes, Any]) -> tuple[Any, dict[bytes, Any]]:
    """The file's tree, its measures parsed one block at a time (a block read before is
    reused), and the parts by their bytes; the whole file parsed where the measures are not
    a block list whose items read alone (flow style, anchors, block scalars that keep or
    strip trailing lines)."""
    parts = _split(data)
    if parts is None:
        return _parse(data, None), {}
    head, items, start = parts
    out: dict[bytes, Any] = {_ENTRIES: known.get(_ENTRIES, {})}  # log entries: kept throughout
    # What comes before `measures:` must read alone too (no quoted text runs on into it).
    prefix = b"\0" + data[:start]  # a NUL never starts a part's bytes: its own key
    if prefix.strip(b"\0 \t\r\n"):
        alone = known[prefix] if prefix in known else _alone(prefix[1:]) is not None
        if not alone:
            return _parse(data, None), {}
        out[prefix] = alone
    parsed = []
    for part in (head, *items):
        read_now = _alone if part is head else partial(_item, out=out)
        tree = known[part] if part in known else read_now(part)
        if part is not head and not (isinstance(tree, list) and len(tree) == 1):
            return _parse(data, None), {}
        out[part] = tree
        parsed.append(tree)
    if not isinstance(parsed[0], dict) or "measures" in parsed[0]:
        return _parse(data, None), {}
    whole = dict(parsed[0])
    whole["measures"] = [t[0] for t in parsed[1:]]
    return whole, out


def _split(data: bytes) -> tuple[bytes, list[bytes], int] | None:
    """The file without its measures, each measure's lines (`  - id: …` to the next item),
    and where `measures:` starts, where the measures are a block list of their own."""
    if len(data) > MAX_BYTES:
        return None
    found = _MEASURES.search(b"\n" + data)
    if found is None:
        return None
    begin = found.end() - 1
    end = _TOP_KEY.search(data, begin - 1)
    stop = end.start() + 1 if end is not None else len(data)
    section = data[begin:stop]
    first = re.match(rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- ", section)
    if first is None:
        return None
    item = re.compile(rb"\n%s- " % first.group(1))
    starts = [first.start(1), *(m.start() + 1 for m in item.finditer(section, first.end()))]
    items = [section[a:b] for a, b in zip(starts, [*starts[1:], len(section)], strict=True)]
    return data[: found.start()] + data[stop:], items, found.start()


_LOG = re.compile(rb"\n( +)updates:[ \t]*\r?\n")
_ENTRIES = b"\0entries"  # the key of the parsed log entries and measures without their log


def _item(part: bytes, out: dict[bytes, Any]) -> Any:
    """A measure's block read alone, its updates log entry by entry: an entry read before
    (its bytes, in `known`) is not parsed again, so a log that grows with every report
    costs its new entry, not the whole log (the entries read are kept for the whole history:
    one small tree per entry). The block without its log and each entry must
    read alone, each entry as a list of one; else the block is read whole."""
    found = _LOG.search(part)
    dash = len(part) - len(part.lstrip(b" "))
    if found is None or len(found.group(1)) != dash + 2:  # not a key of this measure
        return _alone(part)
    first = re.compile(rb"( +)- ").match(part, found.end())
    if first is None or len(first.group(1)) < dash + 2:
        return _alone(part)
    indent = len(first.group(1))
    end = re.compile(rb"\n(?! {%d}- | {%d,}|[ \t]*(?:#[^\n]*)?\r?\n)" % (indent, indent + 1))
    stop = end.search(part, found.end())
    last = stop.start() + 1 if stop is not None else len(part)
    entry = re.compile(rb"\n {%d}- " % indent)
    starts = [found.end(), *(m.start() + 1 for m in entry.finditer(part, found.end(), last))]
    pieces = [part[a:b] for a, b in zip(starts, [*starts[1:], last], strict=True)]
    rest = part[: found.start() + 1] + part[last:]
    trees = []
    entries: dict[bytes, Any] = out[_ENTRIES]
    for piece in [rest, *pieces]:
        tree = entries[piece] if piece in entries else _alone(piece)
        if not (isinstance(tree, list) and len(tree) == 1):
            return _alone(part)
        entries[piece] = tree
        trees.append(tree[0])
    if not isinstance(trees[0], dict) or "updates" in trees[0]:
        return _alone(part)
    return [{**trees[0], "updates": trees[1:]}]


def _alone(part: bytes) -> Any:
    """A part read alone: None where it might read otherwise in its file (see NOT_ALONE); an
    alias of an anchor in another part does not read at all (also None)."""
    try:
        if NOT_ALONE.search(decode(part)):
            return None
    except ReadError:
        return None
    return _parse(part, None)


def first_parent_log(
    top: Path, path: str, *options: str, empty: bool = False
) -> list[tuple[str, date, bytes]]:
    """The commits on HEAD's first-parent line that changed `path`, oldest first: id, day and
    what `options` make git print of each (NUL-separated). A repository without a commit has
    none where `empty` allows it; any other failure of git is a UsageError."""
    log = git(
        top, "log", "--first-parent", "-z", "--format=%x01%H %cs", *options, "HEAD", "--", path
    )
    if log.returncode != 0:
        why = log.stderr.decode("utf-8", "replace").strip().splitlines()
        if empty and (not log.stderr.strip() or b"does not have any commits" in log.stderr):
            return []
        raise UsageError(
            _("cannot read the history of {path}: {reason}").format(
                path=path, reason=why[0] if why else log.returncode
            )
        )
    out = []
    for record in reversed(log.stdout.split(b"\x01")[1:]):
        head, _nl, rest = record.partition(b"\n")
        sha, day = head.strip(b"\0").decode("ascii").split(" ", 1)
        out.append((sha, date.fromisoformat(day), rest))
    return out


def _commits(top: Path, path: str) -> list[tuple[str, date, str]]:
    """The commits on HEAD's first-parent line that changed `path` (following renames), oldest
    first, each with the file's name in it. Names are read NUL-separated, as git stores them."""
    commits = []
    for sha, day, rest in first_parent_log(top, path, "--follow", "--name-only"):
        names = [n for n in rest.split(b"\0") if n.strip()]
        if names:  # a commit that deleted the file names it too; cat-file then finds nothing
            commits.append((sha, day, names[-1].decode("utf-8", "surrogateescape")))
    return commits


def shallow(plan_dir: Path) -> bool:
    """Whether the clone holds only part of the history (`git clone --depth`): the versions
    before its oldest commit are missing."""
    return shallow_repository(repository(plan_dir)[0])


def blobs(top: Path, names: list[str]) -> Iterator[tuple[str | None, bytes]]:
    """The blob id and bytes of each `commit:path` (None for one that does not exist), one at
    a time from one `git cat-file --batch`: never more than one version in memory."""
    if not names:
        return
    try:
        process = subprocess.Popen(
            command(top, "cat-file", "--batch"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
        )
    except FileNotFoundError:
        raise UsageError(_("git is not installed or not on PATH")) from None
    assert process.stdin is not None and process.stdout is not None
    asked = b"".join(n.encode("utf-8", "surrogateescape") + b"\n" for n in names)
    writer = threading.Thread(target=_feed, args=(process.stdin, asked), daemon=True)
    writer.start()
    try:
        for _name in names:
            yield _one(process.stdout)
    finally:
        process.stdout.close()
        process.kill()
        process.wait()
        writer.join()


def _feed(stdin: IO[bytes], data: bytes) -> None:
    try:
        stdin.write(data)
        stdin.close()
    except OSError:  # git ended first (it was stopped)
        pass


def _one(stdout: IO[bytes]) -> tuple[str | None, bytes]:
    header = stdout.readline().split()
    if len(header) < 3 or header[1] != b"blob":  # "<name> missing" (a deleted file)
        return None, b""
    size = int(header[2])
    data = stdout.read(size)
    stdout.read(1)  # the line break after the contents
    return header[0].decode("ascii"), data


def measure_lines(data: bytes, measure: str | None) -> str | None:
    """The measure's own lines without its updates log, dedented to a list of one item; None
    where they cannot be found alone (the file is then read whole). Found in the bytes, so
    that a version costs a search through the file, not a parse of it or of the log."""
    if measure is None or len(data) > MAX_BYTES:
        return None
    found = _item_line(data, measure.encode())
    if found is None:
        return None
    indent = len(found.group(1))
    start = found.start()
    # The log is passed over once: its key is found by its bytes, then where it ends.
    log = re.compile(rb"\n {%d}updates:" % (indent + 2)).search(data, found.end())
    if log is not None and _end(data, found.end(), indent, log.start()) == log.start():
        after = _end(data, log.end(), indent + 2)
        item = data[start : log.start()] + data[after : _end(data, after, indent)]
    else:
        item = data[start : _end(data, found.end(), indent)]
    try:
        text = decode(item)
    except ReadError:
        return None
    lines = text.split("\n")
    if NOT_ALONE.search(text) or any(line[:indent].strip() for line in lines):
        return None
    return "\n".join(line[indent:] for line in lines) + "\n"


def _item_line(data: bytes, ident: bytes) -> re.Match[bytes] | None:
    """The line `- id: IDENT` (quoted or not, with a comment or not), if there is exactly
    one: each place the id occurs is looked at (a search for the bytes), not each line."""
    line = re.compile(rb"( *)- +id: *(['\"]?)%s\2 *(#.*)?$" % re.escape(ident), re.M)
    found: list[re.Match[bytes]] = []
    at = data.find(ident)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        match = line.match(data, start)
        if match is not None and (not found or found[-1].start() != start):
            found.append(match)
        at = data.find(ident, at + len(ident))
    return found[0] if len(found) == 1 else None


def _end(data: bytes, at: int, indent: int, stop: int | None = None) -> int:
    """Where the lines indented deeper than `indent` from `at` on end: the line break before
    the first line at that depth or less that is not blank or a comment (or `stop`, by
    default the end)."""
    stop = len(data) if stop is None else stop
    found = re.compile(rb"\n {0,%d}[^ \r\n#]" % indent).search(data, at, stop)
    return stop if found is None else found.start()


def _parse(data: bytes, lines: str | None) -> Any:
    """The version's data: `lines` (a measure's, see measure_lines) read as `{"measures": [it]}`,
    else the whole file; None where it cannot be read (too large, not YAML)."""
    if len(data) > MAX_BYTES:
        return None
    try:
        if lines is not None:
            try:
                return {"measures": parse(lines)}
            except ReadError:
                pass  # not a block of its own after all: read the whole file
        return parse(decode(data))
    except (ReadError, RecursionError):
        return None
