"""`mpi init DIR`: a plan repository of one's own, for a Fortschreibung or another plan of the
same shape: `plan/plan.yaml` and one Handlungsfeld file (or a copy of an existing plan), the
JSON Schemas the files point at, a pre-commit hook and a CI workflow that run `mpi validate`.

The plan starts as a draft; `mpi adopt` records its adoption, and from then on the guard
holds in every copy of the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.errors import InvalidValue, UsageError
from mpi.fsutil import atomic_write
from mpi.i18n import _, reason

PLAN_YAML = """\
# yaml-language-server: $schema=../schema/plan.schema.json
# The plan itself: its title, partners and Dialog und Monitoring (mpi's docs/plan-format.md
# says what else it may hold). Check after editing: mpi validate
title: {title}
adopted: {year}  # the year of adoption: mpi adopt sets it from the decision
language: de
partners:  # who signs the plan; measures name them in `lead` and `involved`
  - id: bwi
    name: Freie und Hansestadt Hamburg / Behörde für Wirtschaft und Innovation
    short: Senat/BWI
"""

FIELD_YAML = """\
# yaml-language-server: $schema=../schema/field.schema.json
# Handlungsfeld 1 of the plan: its goals and numbered measures. Check after editing: mpi validate
id: HF1
title: {field}
goals: []
# A goal:  - {{id: HF1.I, text: Industrieflächen zu erhalten und weiterzuentwickeln}}
measures: []
# A measure, with a deadline the document states (quote: its words, found in `text`):
#   - id: HF1.1
#     title: Flächen erhalten
#     text: Bestehende Industrieflächen werden bis 2030 gesichert.
#     lead: [bwi]
#     status: planned
#     milestones:
#       - id: flaechen-gesichert
#         title: Industrieflächen gesichert
#         due: 2030
#         kind: by
#         basis: stated
#         quote: bis 2030 gesichert
"""

PRE_COMMIT = """\
# Checks the plan on every commit with the mpi installed here: pre-commit install
# (https://pre-commit.com)
repos:
  - repo: local
    hooks:
      - id: mpi-validate
        name: mpi validate
        entry: mpi validate
        language: system
        files: ^plan/.*\\.ya?ml$
        pass_filenames: false
"""

WORKFLOW = """\
# Checks the plan on every push and pull request: each problem is an annotation on its line,
# a weakened commitment without a decision included (mpi validate --format github).
name: plan
on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the history: an adopted plan edited by hand is found there
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: install mpi
        run: |
          if [ -z "$MPI_REQUIREMENT" ]; then
            echo "::error::Set the variable MPI_REQUIREMENT: where mpi comes from (pip)"
            exit 1
          fi
          python -m pip install "$MPI_REQUIREMENT"
        env:
          MPI_REQUIREMENT: {requirement}
      - run: mpi validate --format github
"""


@dataclass(frozen=True)
class Started:
    """What `mpi init` wrote: the files, relative to the new directory, and whether it made a
    git repository there."""

    directory: Path
    files: tuple[str, ...]
    git: bool
    installs: bool  # whether the workflow knows where mpi comes from


def start(
    directory: Path,
    title: str,
    year: int,
    *,
    field: str = "Handlungsfeld 1",
    source: Path | None = None,
    requirement: str | None = None,
    schemas: dict[str, str] | None = None,
) -> Started:
    """Write a new plan repository into `directory` (new, or empty); `source`: a plan
    directory to copy instead of the skeleton (without its adopted plan: the copy is a draft
    until it is adopted); `schemas`: the JSON Schemas by kind (`mpi schema KIND`). Nothing
    is written when `directory` holds anything."""
    files: dict[str, str] = {}
    if source is None:
        files["plan/plan.yaml"] = PLAN_YAML.format(title=_line("title", title), year=year)
        files["plan/hf1.yaml"] = FIELD_YAML.format(field=_line("field", field))
    else:
        files |= _copied(source)
    for kind, schema in (schemas or {}).items():
        files[f"schema/{kind}.schema.json"] = schema
    known = _requirement(requirement) if requirement is not None else installed_requirement()
    files[".pre-commit-config.yaml"] = PRE_COMMIT
    # Where it is not known, the workflow reads the repository's variable (and says so).
    said = json.dumps(known) if known else "${{ vars.MPI_REQUIREMENT }}"
    files[".github/workflows/plan.yml"] = WORKFLOW.format(requirement=said)
    made = _check_empty(directory)
    try:
        for name, text in files.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        shutil.rmtree(directory if made else directory / "plan", ignore_errors=True)
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=directory, reason=reason(exc))
        ) from None
    return Started(directory, tuple(files), _git_init(directory), known is not None)


def _check_empty(directory: Path) -> bool:
    """Refused unless `directory` is new or empty; whether it was made here."""
    try:
        if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
            raise UsageError(_("{path} is not a directory").format(path=directory))
        if directory.is_dir() and any(directory.iterdir()):
            raise UsageError(
                _("{path} is not empty: a plan repository starts in a new directory").format(
                    path=directory
                )
            )
        made = not directory.exists()
        directory.mkdir(parents=True, exist_ok=True)
        return made
    except OSError as exc:
        raise UsageError(
            _("cannot make {path}: {reason}").format(path=directory, reason=reason(exc))
        ) from None


def _copied(source: Path) -> dict[str, str]:
    """The plan files of `source` (plan.yaml and its Handlungsfelder), read as text; its
    declaration of an adopted plan taken out (the copy is a draft until it is adopted), and
    the copy checked as the plan it will be."""
    from mpi.edit.document import Document
    from mpi.loading.load import load_plan
    from mpi.loading.locate import plan_files
    from mpi.loading.positions import PMap
    from mpi.loading.sources import read_source

    def invalid(found: list[Diagnostic]) -> UsageError:
        first = next(d for d in found if d.severity == "error")
        return UsageError(
            _("the plan to copy is invalid: {where}: {message}").format(
                where=first.where, message=first.message
            )
        )

    loaded = load_plan(source)
    if loaded.errors:
        raise invalid(loaded.diagnostics)
    plan_path, field_paths = plan_files(source)
    read, _problem = read_source(plan_path)
    assert isinstance(read.tree, PMap)
    doc = Document(plan_path.read_text(encoding="utf-8"), read.tree, name=read.display)
    for key in ("adopted_plan", "adopted_revision"):
        doc.remove_key(read.tree, key, whole=True)
    plan_text = doc.result()
    copied = load_plan(source, overrides={plan_path: plan_text})
    if copied.errors:
        raise invalid(copied.diagnostics)
    out = {"plan/plan.yaml": plan_text}
    out |= {f"plan/{path.name}": path.read_text(encoding="utf-8") for path in field_paths}
    return out


def installed_requirement() -> str | None:
    """How another machine installs the mpi that runs here: the git URL and commit it was
    installed from, where pip recorded one; else None (the name `mpi` on PyPI is another
    package: never guessed)."""
    from importlib import metadata

    try:
        recorded = metadata.distribution("mpi").read_text("direct_url.json")
        info = json.loads(recorded) if recorded else {}
    except (metadata.PackageNotFoundError, ValueError):
        info = {}
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    url = info.get("url") if isinstance(info, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str):
        commit = vcs.get("commit_id")
        return f"mpi @ git+{url}@{commit}" if commit else f"mpi @ git+{url}"
    return None


def _git_init(directory: Path) -> bool:
    """`git init` where git is installed and the directory is in no repository yet."""
    if shutil.which("git") is None:
        return False
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    inside = subprocess.run(
        ["git", "-C", str(directory), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        env=env,
        check=False,
    )
    if inside.returncode == 0:
        return False
    done = subprocess.run(
        ["git", "-C", str(directory), "init", "-q"], capture_output=True, env=env, check=False
    )
    return done.returncode == 0


def _line(what: str, text: str) -> str:
    """A title of one line, as a YAML scalar."""
    from mpi.edit.scalars import scalar

    if not text.strip() or any(c in text for c in "\n\r") or len(text) > 300:
        raise InvalidValue(what, _("give a title of one line"))
    return scalar(text.strip())


def _requirement(text: str) -> str:
    """A pip requirement given on the command line: one line of printable text."""
    if not text.strip() or any(ord(c) < 32 or ord(c) == 127 for c in text) or len(text) > 500:
        raise InvalidValue("requirement", _("give a pip requirement of one line"))
    return text.strip()
