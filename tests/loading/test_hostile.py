"""Hostile plan files (issue 8): each is refused with one clear message at its exact place.

Every case copies tests/fixtures/mini and replaces one file or adds one: small readable
cases live in tests/fixtures/hostile/, each with its expected diagnostic in its first line
(risky/ holds the ones run under limits); byte-level and large ones are made here. Each runs
through `mpi validate` in all three formats and on both read paths (libyaml and the
pure-Python parser, MPI_PURE_YAML=1). The risky ones (alias bombs, deep nesting, huge or
special files, megabyte lines) run in a subprocess with a time and memory limit, so that a
regression fails instead of hanging or eating the machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from helpers import FIXTURES, MINI, break_plan, mpi
from mpi.loading import schema_errors, sources
from mpi.render.safe import one_line

HOSTILE = FIXTURES / "hostile"
HF1 = "hf1-flaechen.yaml"
HF2 = "hf2-innovation.yaml"
PLAN = "plan.yaml"
BASELINE = (  # the baseline of HF1.1 in the mini plan, as its file writes it
    "baseline: {value: 100, year: 2023, basis: derived, quote: Wie bisher sind 100 Hektar, "
    "derivation: Stand 2023}"
)
FORMATS = ("text", "json", "github")
PARSERS = {"libyaml": "0", "pure": "1"}
TIMEOUT = 20
MEMORY = 1 << 30

# Characters that must never reach the output raw: C0 (but tab and newline), DEL, C1,
# bidi overrides and isolates, lone surrogates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
TEXT_LINE = re.compile(
    r"(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
    r"(?P<message>.+)  \[(?P<code>[a-z-]+)\]"
)
GITHUB_LINE = re.compile(
    r"::(?P<severity>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"col=(?P<column>\d+),title=mpi (?P<code>[a-z-]+)::(?P<message>.+)"
)

Build = Callable[[Path], Path]


# --- how a case breaks the copied plan; each returns the path of the hostile file ---------


def fixture(path: Path, target: str = HF2) -> Build:
    """Replace `target` by a file of tests/fixtures/hostile/ as it is, its first line too."""

    def build(plan: Path) -> Path:
        shutil.copyfile(path, plan / target)
        return plan / target

    return build


def edit(file: str, old: str, new: str) -> Build:
    """Replace `old` by `new` in one file of the plan (helpers.break_plan)."""
    return lambda plan: break_plan(plan, file, old, new)


def recode(file: str, change: Callable[[bytes], bytes]) -> Build:
    """Rewrite one file's bytes (encodings, invalid UTF-8, control bytes)."""

    def build(plan: Path) -> Path:
        path = plan / file
        path.write_bytes(change(path.read_bytes()))
        return path

    return build


def replace_with(file: str, make: Callable[[Path], None]) -> Build:
    """Remove one file and let `make` put something else at its path."""

    def build(plan: Path) -> Path:
        path = plan / file
        path.unlink()
        make(path)
        return path

    return build


def add(name: str | bytes, text: str) -> Build:
    """Add a file (name as bytes for names that are not UTF-8)."""

    def build(plan: Path) -> Path:
        raw = os.path.join(os.fsencode(plan), name if isinstance(name, bytes) else name.encode())
        with open(raw, "w", encoding="utf-8") as handle:
            handle.write(text)
        return Path(os.fsdecode(raw))

    return build


def both(first: Build, second: Build) -> Build:
    """Two changes to the same file."""
    return lambda plan: (first(plan), second(plan))[1]


def symlink_to_sibling(path: Path) -> None:
    target = path.parent.parent / "elsewhere.yaml"
    shutil.copyfile(MINI / HF2, target)
    path.symlink_to(target)


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def with_bytes(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        assert data.count(old) == 1
        return data.replace(old, new)

    return change


@dataclass(frozen=True)
class Case:
    """A hostile file and the one diagnostic it must produce (`count` for a few with more)."""

    id: str
    build: Build
    line: int
    column: int
    code: str
    fragment: str
    exit: int = 1
    count: int = 1


# The first line of each file in tests/fixtures/hostile/ says what it must produce, e.g.
# `# expect: yaml-syntax 10:12 quoted text starting here is never closed`: the code, the
# line and column (of the file as it is, this line included), `count=N` where N errors are
# expected, and a fragment of the message.
EXPECT = re.compile(
    r"# expect: (?P<code>[a-z-]+) (?P<line>\d+):(?P<column>\d+)(?: count=(?P<count>\d+))? "
    r"(?P<fragment>.+)"
)


def from_files(folder: Path) -> list[Case]:
    """A case for each YAML file of `folder`, which takes the place of a field file."""
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
        expect = EXPECT.fullmatch(first)
        assert expect, f"{path}: the first line must say `# expect: CODE LINE:COLUMN FRAGMENT`"
        line, column, count = (int(expect[k] or 1) for k in ("line", "column", "count"))
        code, fragment = expect["code"], expect["fragment"]
        cases.append(Case(path.stem, fixture(path), line, column, code, fragment, count=count))
    return cases


CASES = [
    *from_files(HOSTILE),
    # Malformed YAML: reported where the person must look, not where the parser gave up.
    Case(
        "bad-escape",
        edit(HF2, "    title: Additive Fertigung", '    title: "Additive \\q"'),
        9,
        12,
        "yaml-syntax",
        "escape",
    ),
    Case(
        "surrogate-escape",
        edit(HF2, "    title: Additive Fertigung", '    title: "\\ud800"'),
        9,
        12,
        "yaml-syntax",
        "invalid Unicode character escape",
    ),
    Case(
        "yaml-1.3-directive",
        edit(HF2, "# Field 2 of the test plan.\n", "%YAML 1.3\n---\n"),
        1,
        1,
        "yaml-syntax",
        "incompatible YAML document",
    ),
    Case(
        "tab-after-dash",
        edit(HF2, "  - id: HF2.1", "  -\tid: HF2.1"),
        8,
        4,
        "yaml-syntax",
        "a tab character",
    ),
    Case(
        "duplicate-quoted-key",
        edit(HF2, "    status: planned\n", '    status: planned\n    "status": done\n'),
        14,
        5,
        "duplicate-key",
        "duplicate key 'status'",
    ),
    Case(
        "complex-key",
        edit(HF2, "    status: planned\n", "    status: planned\n    [a]: b\n"),
        14,
        5,
        "complex-key",
        "keys must be plain text",
    ),
    Case(
        "alias-as-key",
        edit(HF2, "    status: planned\n", "    status: planned\n    *a : b\n"),
        14,
        5,
        "alias",
        "anchors and aliases are not allowed",
    ),
    # Tags: nothing is ever constructed from a tag.
    Case(
        "tag-directive",
        both(
            edit(HF2, "# Field 2 of the test plan.\n", "%TAG !e! tag:example.com,2000:\n---\n"),
            edit(HF2, "    status: planned", "    status: !e!x planned"),
        ),
        14,
        13,
        "unknown-tag",
        "'tag:example.com,2000:x'",
    ),
    Case(
        "tag-on-key",
        edit(HF2, "    status: planned", "    !!python/str status: planned"),
        13,
        5,
        "unknown-tag",
        "on a key is not allowed",
    ),
    # Encodings and bytes that are not text.
    Case(
        "invalid-utf8",
        recode(HF2, with_bytes(b"Additive", b"Addi\xfftive")),
        9,
        16,
        "encoding",
        "invalid UTF-8 (byte 0xff)",
    ),
    Case(
        "overlong-utf8",
        recode(HF2, with_bytes(b"Additive", b"Addi\xc0\xaftive")),
        9,
        16,
        "encoding",
        "invalid UTF-8 (byte 0xc0)",
    ),
    Case(
        "truncated-utf8-at-end",
        recode(HF2, lambda data: data + b"x: \xe2\x82"),
        38,
        4,
        "encoding",
        "invalid UTF-8 (byte 0xe2)",
    ),
    Case(
        "utf8-bom",
        recode(HF2, lambda data: b"\xef\xbb\xbf" + data),
        1,
        1,
        "encoding",
        "UTF-8 with a byte order mark (EF BB BF)",
    ),
    Case(
        "utf16-le-bom",
        recode(HF2, lambda data: data.decode().encode("utf-16")),
        1,
        1,
        "encoding",
        "UTF-16 (byte order mark FF FE)",
    ),
    Case(
        "utf16-be-bom",
        recode(HF2, lambda d: b"\xfe\xff" + d.decode().encode("utf-16-be")),
        1,
        1,
        "encoding",
        "UTF-16 (byte order mark FE FF)",
    ),
    Case(
        "utf16-le",
        recode(HF2, lambda data: data.decode().encode("utf-16-le")),
        1,
        2,
        "encoding",
        "NUL byte in the file (is it UTF-16?)",
    ),
    Case(
        "utf16-be",
        recode(HF2, lambda data: data.decode().encode("utf-16-be")),
        1,
        1,
        "encoding",
        "NUL byte in the file (is it UTF-16?)",
    ),
    Case(
        "utf32-le-bom",
        recode(HF2, lambda data: data.decode().encode("utf-32")),
        1,
        1,
        "encoding",
        "UTF-32 (byte order mark FF FE 00 00)",
    ),
    Case(
        "utf32-be-bom",
        recode(HF2, lambda d: b"\0\0\xfe\xff" + d.decode().encode("utf-32-be")),
        1,
        1,
        "encoding",
        "UTF-32 (byte order mark 00 00 FE FF)",
    ),
    Case(
        "nul-byte",
        recode(HF2, with_bytes(b"Additive", b"Addi\x00tive")),
        9,
        16,
        "encoding",
        "NUL byte in the file",
    ),
    Case(
        "raw-escape",
        recode(HF2, with_bytes(b"Additive", b"Addi\x1b[2Jtive")),
        9,
        16,
        "control-character",
        "U+001B",
    ),
    Case(
        "raw-bell",
        recode(HF1, with_bytes("Flächen erhalten".encode(), "Flächen\a".encode())),
        16,
        19,
        "control-character",
        "U+0007",
    ),
    Case(
        "raw-c1-csi",
        recode(HF2, with_bytes(b"Additive", b"Addi\xc2\x9btive")),
        9,
        16,
        "control-character",
        "U+009B",
    ),
    Case(
        "raw-delete",
        recode(PLAN, with_bytes(b"Eine Vision.", b"Eine\x7f Vision.")),
        11,
        13,
        "control-character",
        "U+007F",
    ),
    # Wrong shapes: a scalar or a list where a mapping belongs, and the reverse.
    Case(
        "baseline-scalar",
        edit(
            HF1,
            BASELINE,
            "baseline: 100",
        ),
        28,
        19,
        "schema",
        "baseline: Input should be a valid dictionary",
    ),
    Case(
        "baseline-list",
        edit(
            HF1,
            BASELINE,
            "baseline: [100, 2023]",
        ),
        28,
        19,
        "schema",
        "baseline: Input should be a valid dictionary",
    ),
    Case("empty", recode(HF2, lambda data: b""), 1, 1, "empty", "the file is empty"),
    Case(
        "blank-lines-only",
        recode(HF2, lambda data: b"\n  \n\n"),
        1,
        1,
        "empty",
        "the file is empty",
    ),
    # Dates and numbers that cannot be.
    Case(
        "impossible-update-date",
        edit(HF1, "    updates: []\n\n", "    updates: [{date: 2023-02-30, text: x}]\n\n"),
        31,
        22,
        "schema",
        "not a calendar day",
    ),
    Case(
        "huge-integer",
        edit(HF2, "        due: 2026", "        due: " + "9" * 5000),
        26,
        14,
        "bad-scalar",
        "a number with 5000 digits is too large",
    ),
    Case(
        "huge-hex-integer",
        edit(PLAN, "adopted: 2023", "adopted: 0x" + "f" * 5000),
        3,
        10,
        "bad-scalar",
        "a number with 5000 digits is too large",
    ),
    Case(
        "huge-float",
        edit(HF1, "target: {value: 100,", "target: {value: " + "9" * 5000 + ".5,"),
        29,
        25,
        "schema",
        "finite number",
    ),
    Case(
        "nan-target",
        edit(HF1, "target: {value: 100,", "target: {value: .NaN,"),
        29,
        25,
        "schema",
        "finite number",
    ),
    Case(
        "negative-infinity",
        edit(HF1, "baseline: {value: 100,", "baseline: {value: -.inf,"),
        28,
        27,
        "schema",
        "finite number",
    ),
    Case(
        "nan-year", edit(PLAN, "adopted: 2023", "adopted: .nan"), 3, 10, "schema", "valid integer"
    ),
    # Control characters and escape sequences in values: shown escaped, never raw.
    Case(
        "escape-in-id",
        edit(
            HF2,
            "  - id: HF2.1\n    title: Additive Fertigung",
            '  - id: "HF2.1\\e[2J\\e]52;c;cm0=\\a"\n    title: Additive Fertigung',
        ),
        8,
        9,
        "schema",
        "String should match pattern",
    ),
    Case(
        "escape-in-file-name",
        add("hf3-\x1b[31m\x9b\u202e.yaml", "id: [HF3\n"),
        1,
        5,
        "yaml-syntax",
        "flow list ('[') starting here is never closed",
    ),
    Case(
        "file-name-not-utf8",
        add(b"hf3-\xff\xfe.yaml", "id: [HF3\n"),
        1,
        5,
        "yaml-syntax",
        "never closed",
    ),
    # Things that are not plan files at all.
    Case(
        "symlink-to-valid-file",
        replace_with(HF2, symlink_to_sibling),
        1,
        1,
        "not-a-file",
        "is a symbolic link",
        exit=2,
    ),
    Case(
        "symlink-to-dev-zero",
        replace_with(HF2, lambda p: p.symlink_to("/dev/zero")),
        1,
        1,
        "not-a-file",
        "is a symbolic link",
        exit=2,
    ),
    Case(
        "plan-symlink-to-dev-zero",
        replace_with(PLAN, lambda p: p.symlink_to("/dev/zero")),
        1,
        1,
        "not-a-file",
        "is a symbolic link",
        exit=2,
    ),
    Case(
        "dangling-symlink",
        replace_with(HF2, lambda p: p.symlink_to(p.parent / "gone")),
        1,
        1,
        "not-a-file",
        "is a symbolic link",
        exit=2,
    ),
    Case(
        "directory",
        replace_with(HF2, Path.mkdir),
        1,
        1,
        "not-a-file",
        "is not a regular file",
        exit=2,
    ),
    Case(
        "plan-dangling-symlink",
        replace_with(PLAN, lambda p: p.symlink_to(p.parent / "gone")),
        1,
        1,
        "not-a-file",
        "is a symbolic link",
        exit=2,
    ),
    Case(
        "plan-is-directory",
        replace_with(PLAN, Path.mkdir),
        1,
        1,
        "not-a-file",
        "is not a regular file",
        exit=2,
    ),
    Case(
        "too-large-sparse",
        replace_with(HF2, sparse(sources.MAX_BYTES + 1)),
        1,
        1,
        "too-large",
        "67,108,865 bytes, more than the limit",
        exit=2,
    ),
]


def parse_output(fmt: str, stdout: str) -> list[dict[str, Any]]:
    """The diagnostics of one output; fails unless every line has the format's shape."""
    if fmt == "json":
        rows = json.loads(stdout)
        assert isinstance(rows, list)
        return rows
    pattern = TEXT_LINE if fmt == "text" else GITHUB_LINE
    rows = []
    for line in stdout.splitlines():
        match = pattern.fullmatch(line)
        assert match, f"not a {fmt} diagnostic line: {line!r}"
        row: dict[str, Any] = match.groupdict()
        row["line"], row["column"] = int(row["line"]), int(row["column"])
        if fmt == "github":
            for escaped, char in (("%3A", ":"), ("%2C", ","), ("%25", "%")):
                row["file"] = row["file"].replace(escaped, char)
        rows.append(row)
    return rows


def shown_name(path: Path, fmt: str) -> str:
    """How a format names a file of ./plan: escaped on a terminal, the real name in JSON."""
    name = os.path.join(path.parent.name, path.name)
    return name if fmt == "json" else one_line(name)


@pytest.fixture(autouse=True)
def _beside_the_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where people do, next to ./plan, so that files are named `plan/<name>`."""
    monkeypatch.chdir(tmp_path)


def check_output(
    case: Case, fmt: str, hostile: Path, code: int, stdout: str, stderr: str
) -> list[dict[str, Any]]:
    """The issue's contract: exit code, no traceback, nothing raw, output of the format's
    shape, and one error naming the hostile file at the exact line and column."""
    assert code == case.exit, (code, stdout, stderr)
    assert "Traceback" not in stdout + stderr
    assert not RAW.search(stdout + stderr), f"raw control character in {stdout + stderr!r}"
    rows = parse_output(fmt, stdout)
    errors = [r for r in rows if r["severity"] == "error"]
    assert len(errors) == case.count, rows
    first = min(errors, key=lambda r: (r["line"], r["column"]))
    assert first["file"] == shown_name(hostile, fmt), first
    assert (first["line"], first["column"], first["code"]) == (
        case.line,
        case.column,
        case.code,
    ), first
    assert case.fragment in first["message"] or case.fragment in one_line(first["message"]), first
    return rows


def validate_with(plan: Path, fmt: str, parser: str) -> Result:
    """The exit code is check_output's to check; color=True keeps every byte (click would
    strip ANSI sequences otherwise)."""
    env = {"MPI_PURE_YAML": PARSERS[parser]}
    return mpi("validate", "--format", fmt, plan=plan, env=env, code=None, color=True)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file_is_reported_once_at_its_place(mini: Path, case: Case, parser: str) -> None:
    hostile = case.build(mini)
    for fmt in FORMATS:
        result = validate_with(mini, fmt, parser)
        check_output(case, fmt, hostile, result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_both_parsers_agree(mini: Path, case: Case) -> None:
    """Same diagnostics on both read paths; only libyaml's and PyYAML's wording may differ."""
    case.build(mini)
    seen = []
    for parser in PARSERS:
        rows = json.loads(validate_with(mini, "json", parser).stdout)
        seen.append(
            [
                (r["file"], r["line"], r["column"], r["code"])
                + (() if r["code"] == "yaml-syntax" else (r["message"],))
                for r in rows
            ]
        )
    assert seen[0] == seen[1]


# --- the risky cases: in a subprocess with a time and memory limit ------------------------


def deep_block_mappings(levels: int) -> str:
    return "".join(" " * level + "k:\n" for level in range(levels))


RISKY = [
    *from_files(HOSTILE / "risky"),
    Case(
        "deep-flow-sequences",
        recode(HF2, lambda _: b"x: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        1,
        67,
        "too-deep",
        "nesting deeper than 64 levels",
    ),
    Case(
        "deep-flow-mappings-unclosed",
        recode(HF2, lambda _: b"{a: " * 100_000),
        1,
        257,
        "too-deep",
        "nesting deeper than 64 levels",
    ),
    Case(
        "deep-block-mappings",
        recode(HF2, lambda _: deep_block_mappings(3_000).encode()),
        65,
        65,
        "too-deep",
        "nesting deeper than 64 levels",
    ),
    Case(
        "deep-block-sequences",
        recode(HF2, lambda _: b"- " * 100_000 + b"x\n"),
        1,
        129,
        "too-deep",
        "nesting deeper than 64 levels",
    ),
    Case(
        "too-large-sparse",
        replace_with(HF2, sparse(sources.MAX_BYTES + 1)),
        1,
        1,
        "too-large",
        "more than the limit",
        exit=2,
    ),
    Case(
        "fifo",
        replace_with(HF2, os.mkfifo),
        1,
        1,
        "not-a-file",
        "is not a regular file",
        exit=2,
    ),
    Case(
        "megabyte-line-value",
        edit(PLAN, "vision: Eine Vision.", "vision: " + "x" * 2**20),
        11,
        9,
        "schema",
        "vision: String should have at most 100000 characters",
    ),
    Case(
        "megabyte-line-plain-key",
        edit(PLAN, "vision: Eine Vision.", "vision: Eine Vision.\n" + "k" * 2**20 + ": 1"),
        12,
        1,
        "yaml-syntax",
        "could not find expected ':'",
    ),
    Case(
        "megabyte-line-quoted-key",
        edit(PLAN, "vision: Eine Vision.", 'vision: Eine Vision.\n? "' + "\\e" * 2**19 + '"\n: 1'),
        12,
        3,
        "schema",
        "unknown key '\\x1b\\x1b\\x1b",
    ),
]


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def validate_isolated(plan: Path, runs: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """`mpi validate` in subprocesses, all at once, each limited to TIMEOUT s and MEMORY bytes."""
    env = {k: v for k, v in os.environ.items() if k not in ("MPI_PLAN", "MPI_DEBUG")}
    procs = {
        (fmt, parser): subprocess.Popen(
            [sys.executable, "-m", "mpi", "validate", "--plan", plan.name, "--format", fmt],
            cwd=plan.parent,
            env={**env, "MPI_PURE_YAML": PARSERS[parser]},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_limit_memory,
        )
        for fmt, parser in runs
    }
    deadline = time.monotonic() + TIMEOUT
    results = {}
    try:
        for key, proc in procs.items():
            try:
                stdout, stderr = proc.communicate(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pytest.fail(f"mpi validate {key} took more than {TIMEOUT} s")
            # strict decoding: the output must be valid UTF-8
            results[key] = (proc.returncode, stdout.decode(), stderr.decode())
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return results


@pytest.mark.parametrize("case", RISKY, ids=[c.id for c in RISKY])
def test_risky_file_is_refused_quickly_and_small(mini: Path, case: Case) -> None:
    """Both parsers in subprocesses first; once they came back in time, the last format runs
    in this process (a process start costs more than all the rest of a case)."""
    hostile = case.build(mini)
    results = validate_isolated(mini, [("json", "libyaml"), ("text", "pure")])
    github = validate_with(mini, "github", "libyaml")
    results["github", "libyaml"] = (github.exit_code, github.stdout, github.stderr)
    for (fmt, _), (code, stdout, stderr) in results.items():
        rows = check_output(case, fmt, hostile, code, stdout, stderr)
        assert all(len(r["message"]) < 500 for r in rows), "a message repeats hostile text"


# --- what a list of cases cannot show --------------------------------------------------------


def test_too_large_file_is_refused_before_it_is_read(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = replace_with(HF2, sparse(100 * sources.MAX_BYTES))(mini)
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    source, problem = sources.read_source(big)
    assert problem is not None and problem.code == "too-large"
    assert big not in opened
    assert source.tree is None


# Made unreadable by the tests below (the case's build only names the file).
UNREADABLE = Case("unreadable", lambda plan: plan / HF2, 1, 1, "unreadable", "Permission denied", 2)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_mode_000(mini: Path) -> None:
    (mini / HF2).chmod(0)
    for fmt in FORMATS:
        result = validate_with(mini, fmt, "libyaml")
        check_output(UNREADABLE, fmt, mini / HF2, result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize("fmt", FORMATS)
def test_unreadable_file_permission_error(
    mini: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """What mode 000 gives a user who is not root, simulated so that it runs as root too."""
    hostile = mini / HF2
    real_open = os.open

    def deny(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == hostile:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = validate_with(mini, fmt, "libyaml")
    check_output(UNREADABLE, fmt, hostile, result.exit_code, result.stdout, result.stderr)


def test_thousands_of_errors_are_capped(mini: Path) -> None:
    """A file with 5,000 unknown keys gives MAX_SCHEMA_ERRORS messages and one summary."""
    keys = "".join(f"k{i}: {i}\n" for i in range(5_000))
    break_plan(mini, PLAN, "vision: Eine Vision.\n", "vision: Eine Vision.\n" + keys)
    result = validate_with(mini, "json", "libyaml")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert len(rows) == schema_errors.MAX_SCHEMA_ERRORS + 1
    last = rows[-1]
    assert (last["line"], last["column"], last["code"]) == (112, 1, "too-many-errors")
    assert last["message"].startswith("4,900 more schema errors in this file not shown")


@pytest.mark.parametrize("parser", PARSERS)
def test_tabs_as_separation_read_the_same_on_both_parsers(
    mini: Path, monkeypatch: pytest.MonkeyPatch, parser: str
) -> None:
    """libyaml allows a tab after `key:`, before a comment and inside a plain value; so do we."""
    break_plan(mini, HF2, "    status: planned", "    status:\tplanned\t# a comment")
    break_plan(mini, HF2, "    title: Additive Fertigung", "    title: Additive\tFertigung")
    break_plan(mini, HF2, "    goals: [HF2.I]", "    goals: [\tHF2.I\t]")
    result = validate_with(mini, "json", parser)
    found = [r["code"] for r in json.loads(result.stdout)]
    assert (result.exit_code, found) == (0, ["draft"])
    monkeypatch.setenv("MPI_PURE_YAML", PARSERS[parser])
    tree = sources.read_source(mini / HF2)[0].tree
    assert tree["measures"][0]["title"] == "Additive\tFertigung"


def test_the_files_of_a_plan_share_one_limit_on_characters(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file below the limit on its own, the plan over it: refused at the file that
    crosses it (six files of 63 MiB each took 1.2-1.4 GiB when only files had a limit)."""
    from mpi.loading import reader
    from mpi.loading.load import load_plan

    sizes = {p.name: len(p.read_text(encoding="utf-8")) for p in mini.glob("*.yaml")}
    assert max(sizes.values()) < sum(sizes.values())
    monkeypatch.setattr(reader, "MAX_CHARACTERS", sum(sizes.values()) - 1)
    loaded = load_plan(mini)
    assert [d.code for d in loaded.diagnostics if d.severity == "error"] == ["too-large"]
    assert "characters together" in loaded.diagnostics[0].message
    monkeypatch.setattr(reader, "MAX_CHARACTERS", sum(sizes.values()))
    assert not load_plan(mini).errors


def test_a_list_indented_too_far_is_said_in_german_with_german_quotes(mini: Path) -> None:
    """The indentation message of a file that begins with a list, in German as written."""
    fixture(HOSTILE / "list-first-bad-indentation.yaml")(mini)
    result = mpi("validate", plan=mini, lang="de", code=1)
    said = "Listeneinträge („- “) beginnen hier nach 2  [indentation]"
    assert "hf2-innovation.yaml:4:5: Fehler: falsche Einrückung" in result.stdout
    assert said in result.stdout, result.stdout


def test_a_file_that_grows_while_it_is_read_is_refused(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fstat says one size, the read finds more: another program is writing the file."""
    real = os.fstat
    calls: list[int] = []

    def smaller(fd: int) -> os.stat_result:
        info = real(fd)
        calls.append(fd)
        if len(calls) != 1:
            return info
        fields = list(info)
        fields[6] -= 1  # st_size: the file had one byte less when it was looked at
        return os.stat_result(fields)

    monkeypatch.setattr(sources.os, "fstat", smaller)
    _source, problem = sources.read_source(mini / HF2)
    assert problem is not None and problem.code == "unreadable", problem
    assert "changed while it was read" in problem.message
