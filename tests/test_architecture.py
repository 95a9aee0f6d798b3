"""The shape of src/mpi: imports flow one way, no cycles (lazy ones included), small modules."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

SRC = REPO / "src"
MAX_LINES = 400
# What each stage may import (besides itself, the top-level helpers and the stdlib).
ALLOWED = {
    "i18n": set(),  # the language people read: below everything that writes for them
    "domain": {"i18n"},
    "loading": {"domain", "i18n"},
    "views": {"domain", "loading", "i18n"},
    "edit": {"domain", "loading", "i18n"},
    "render": {"domain", "views", "i18n"},
    "cli": {"domain", "loading", "views", "edit", "render", "i18n"},
}
TOP = {"mpi", "mpi.fsutil"}  # __version__ and the one writer


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports(path: Path, *, runtime_only: bool = False) -> set[str]:
    """Every mpi module `path` imports, at the top or inside functions (lazy imports).

    `runtime_only` leaves out imports under `if TYPE_CHECKING:`.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip |= {id(n) for child in node.body for n in ast.walk(child)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("mpi")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mpi"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return found


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else None


def test_the_import_graph_has_no_cycle() -> None:
    graph = {name: imports(path) - {name} for name, path in MODULES.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


@pytest.mark.parametrize("name", sorted(n for n in MODULES if stage(n)))
def test_each_stage_imports_only_the_stages_below_it(name: str) -> None:
    own = stage(name)
    assert own is not None
    runtime = name.startswith("mpi.render")  # render may name views' types, not use them
    for target in imports(MODULES[name], runtime_only=runtime):
        other = stage(target)
        if other is None or other == own:
            assert other == own or target in TOP, f"{name} imports {target}"
            continue
        assert other in ALLOWED[own], f"{name} ({own}) imports {target} ({other})"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_longer_than_400_lines(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


def modules_of_a_run(argv: list[str]) -> set[str]:
    """The modules a cold `mpi ARGV` process imported (output to a pipe, the shipped plan);
    modules made up in memory (no import spec) do not count."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['mpi', *{argv!r}]\n"
        "try:\n"
        "    runpy.run_module('mpi', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "real = [m for m, v in sys.modules.items() if getattr(v, '__spec__', None)]\n"
        "print(' '.join(sorted(real)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return set(result.stderr.strip().splitlines()[-1].split())


PRIVATE = re.compile(
    r"^\s*(?:from|import)\s+(?:typer|click|pydantic|pydantic_core|rich)(?:\.\w+)*\._\w*"
    r"|\b(?:typer|click|pydantic|rich)\.(?:\w+\.)*_[a-z]\w*",
    re.M,
)
WORKAROUND = "mpi.cli.usage"  # the one module past Typer's public API (its docstring says why)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_part_of_typer_click_pydantic_or_rich_is_used(name: str) -> None:
    text = MODULES[name].read_text(encoding="utf-8")
    found = [m.group(0).strip() for m in PRIVATE.finditer(text)]
    if name == WORKAROUND:
        assert found == ["from typer._click", "from typer._click"]  # exceptions, formatting
        return
    assert found == [], f"{name} uses {found}"


def families(modules: set[str], *names: str) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names)


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_import_neither_pydantic_nor_ruamel(argv: list[str]) -> None:
    heavy = ("pydantic", "ruamel", "jinja2", "icalendar", "docx", "lxml", "babel")
    assert families(modules_of_a_run(argv), *heavy) == []


def test_status_imports_what_it_uses_only() -> None:
    """`mpi status` into a pipe: its own command module, no rich (no terminal), no Babel
    (German dates need no locale data)."""
    modules = modules_of_a_run(["status", "--lang", "de"])
    assert "mpi.views.status" in modules
    assert families(modules, "rich", "babel", "jinja2", "docx") == []
    others = {f"mpi.cli.{group}" for group in ("editing", "deciding", "reports", "validate")}
    assert modules & others == set()


def test_the_map_names_every_module() -> None:
    """docs/architecture.md names each module of src/mpi by its path (a package's
    `__init__.py` only if it holds more than its docstring)."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = SRC / "mpi"
    unnamed = []
    for path in sorted(package.rglob("*.py")):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        if path.name == "__init__.py" and len(body) == 1 and isinstance(body[0], ast.Expr):
            continue
        name = path.relative_to(package).as_posix()
        if f"`{name}`" not in text:
            unnamed.append(name)
    assert not unnamed, "docs/architecture.md does not name: " + ", ".join(unnamed)


@pytest.mark.parametrize("stage", ["domain", "loading"])
def test_messages_below_the_cli_name_no_option(stage: str) -> None:
    """A message from loading or domain code says what is wrong, not which option to type:
    only cli/ knows the options (the hint naming one is added there)."""
    words = {"_", "N_", "ngettext", "pgettext", "NC_"}
    found = []
    for path in sorted((SRC / "mpi" / stage).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in words:
                for arg in node.args:
                    text = arg.value if isinstance(arg, ast.Constant) else None
                    if isinstance(text, str) and re.search(r"(^|[\s`(])--[a-z]", text):
                        found.append(f"{path.name}:{node.lineno}: {text[:60]}")
    assert not found, found
