"""What people read names no git command, no commit id outside the colophon of a report
(the line that says what it was made from) and no path of the machine: in a full clone, a
shallow clone and a folder without git, in German and English, in every format for people.
`mpi validate` locates each problem at FILE:LINE:COLUMN, the file as it was named (--plan):
that location is the one path it shows."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import SHIPPED, TODAY, break_plan, commit, git, mpi

HF1 = "hf1-flaechen-und-infrastruktur.yaml"
STAGE_1 = "      - id: hh-win-stufe-1\n        title: HH-WIN Ausbaustufe 1\n        due: 2030\n"
HASH = re.compile(r"\b[0-9a-f]{7,40}\b")
COLOPHON = re.compile(r"^.*(Made from|Erstellt aus).*$", re.M)


def clones(root: Path) -> dict[str, Path]:
    """The shipped plan with a weakening edit, a decision and a note, three ways."""
    origin = root / "origin"
    shutil.copytree(SHIPPED, origin / "plan")
    git(origin, "init", "-q")
    commit(origin, "v1")
    plan = origin / "plan"
    args = ["--plan", str(plan), "--lang", "de"]
    decided = ["--decision", "Koordinierungsrunde 12.06.2026, TOP 3"]
    mpi("reschedule", "HF1.15", "2", "2036", *decided, *args, today=TODAY)
    mpi("note", "HF2.8", "Matchingveranstaltung", *args, today=TODAY)
    commit(origin, "v2")
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    shallow = root / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(shallow)],
        check=True,
        capture_output=True,
    )
    shutil.copy(plan / HF1, shallow / "plan" / HF1)
    folder = root / "folder" / "plan"
    shutil.copytree(plan, folder)
    return {"full": plan, "shallow": shallow / "plan", "folder": folder}


COMMANDS = [
    ["validate"],
    ["validate", "--format", "github"],
    ["status"],
    ["show", "HF1.15"],
    ["report"],
    ["report", "--format", "html"],
    ["round"],
    ["round", "--format", "html"],
    ["history", "HF1.15"],
    ["diff", "HEAD"],
]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_git_command_commit_id_or_machine_path(tmp_path: Path, lang: str) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    found = {}
    for how, plan in clones(tmp_path).items():
        for args in COMMANDS:
            result = mpi(*args, plan=plan, lang=lang, today=TODAY, code=None)
            said = result.stdout + result.stderr
            if how == "folder" and args[0] in ("history", "diff"):
                assert result.exit_code == 2  # a usage error: no history without git
            if args[0] == "validate":  # the file of each location, as --plan named it
                said = said.replace(str(plan.parent), "<plan>")
            body = COLOPHON.sub("", said)
            problems = [
                p
                for p, bad in (
                    ("git command", re.search(r"\bgit (fetch|clone|pull|tag|checkout)\b", said)),
                    ("commit id", HASH.search(body)),
                    ("machine path", str(tmp_path) in said or "/tmp/" in said),
                )
                if bad
            ]
            if problems:
                found[f"{how}: {' '.join(args)}"] = (problems, said[:400])
    assert not found, found


def test_the_word_briefing_names_no_commit_outside_its_colophon(tmp_path: Path) -> None:
    import docx

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    plan = clones(tmp_path)["full"]
    target = tmp_path / "runde.docx"
    args = ["round", "--format", "docx", "-o", str(target), "--plan", str(plan), "--lang", "de"]
    mpi(*args, today=TODAY)
    document = docx.Document(str(target))
    said = [p.text for p in document.paragraphs if not COLOPHON.match(p.text)]
    said += [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join(said)
    assert not HASH.search(text) and "git fetch" not in text and str(tmp_path) not in text
