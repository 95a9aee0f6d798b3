"""The change log follows a Handlungsfeld by its id through what git does to its files (a
copy, a new file, a deletion, a rename) and keeps a measure's change across a commit where
it did not validate; each step agrees with `mpi diff` between the same commits."""

from __future__ import annotations

import json
import shutil
from functools import partial
from pathlib import Path

from helpers import LATER, adopted_copy, commit, git, mpi

run = partial(mpi, lang="de", today=LATER)
HF5 = "hf5-industrie-und-gesellschaft.yaml"


def logged(plan: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = json.loads(run("changes", "-f", "json", plan=plan).stdout)[
        "changes"
    ]
    return out


def said(plan: Path) -> list[tuple[object, object, object]]:
    return [(c["kind"], c["subject"], c["what"]) for c in logged(plan)]


def test_a_copied_file_is_a_new_field_not_the_old_ones_history(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    run("set", "HF5.1", "--status", "at_risk", plan=plan)
    commit(tmp_path, "gefaehrdet")
    text = (plan / HF5).read_text(encoding="utf-8").replace("HF5", "HF6")
    (plan / "hf6-neu.yaml").write_text(text, encoding="utf-8")
    commit(tmp_path, "kopie")
    assert said(plan) == [("added", "HF6", "field"), ("status_changed", "HF5.1", "measure")]


def test_a_field_deleted_renamed_and_added_again(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    git(tmp_path, "mv", f"plan/{HF5}", "plan/hf5-neu.yaml")
    commit(tmp_path, "umbenannt")
    assert logged(plan) == []  # the same Handlungsfeld in another file: no change
    saved = (plan / "hf5-neu.yaml").read_bytes()
    (plan / "hf5-neu.yaml").unlink()
    commit(tmp_path, "geloescht")
    assert said(plan) == [("removed", "HF5", "field")]
    assert logged(plan)[0]["weakening"] is True
    (plan / HF5).write_bytes(saved)
    commit(tmp_path, "wieder")
    assert said(plan)[:2] == [("added", "HF5", "field"), ("removed", "HF5", "field")]


def test_a_change_across_a_commit_where_the_measure_did_not_validate(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    path = plan / "hf2-innovation-und-digitalisierung.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("  - id: HF2.1\n")
    status = text.index("    status: ", at)
    end = text.index("\n", status)
    path.write_text(text[:status] + "    status: bogus" + text[end:], encoding="utf-8")
    commit(tmp_path, "kaputt")
    path.write_text(text[:status] + "    status: at_risk" + text[end:], encoding="utf-8")
    commit(tmp_path, "repariert")
    out = json.loads(run("changes", "-f", "json", plan=plan).stdout)
    assert [(c["kind"], c["subject"], c["new"]) for c in out["changes"]] == [
        ("status_changed", "HF2.1", "at_risk")
    ]
    assert out["skipped_versions"] == 1
    compared = run("diff", "HEAD~2", "HEAD", plan=plan).stdout
    assert "HF2.1" in compared and "gefährdet" in compared


def test_the_plan_level_and_a_new_measure(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    run("note", "plan", "Die Geschäftsstelle ist besetzt.", plan=plan)
    path = plan / HF5
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: HF5.4\n")
    block = text[start:].split("\n  - id: ", 1)[0].rstrip("\n") + "\n"
    path.write_text(text.rstrip("\n") + "\n" + block.replace("HF5.4", "HF5.5"), encoding="utf-8")
    commit(tmp_path, "neu")
    out = run("changes", plan=plan).stdout
    assert "Plan: Eintrag vom 25.10.2027: Die Geschäftsstelle ist besetzt." in out
    assert said(plan)[-1] == ("added", "HF5.5", "measure")


def test_a_removed_measure_can_still_be_followed(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    run("set", "HF5.4", "--status", "at_risk", plan=plan)
    commit(tmp_path, "gefaehrdet")
    path = plan / HF5
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: HF5.4\n")], encoding="utf-8")
    commit(tmp_path, "entfernt")
    assert [c["kind"] for c in logged(plan)] == ["removed", "status_changed"]
    followed = json.loads(run("changes", "-f", "json", "--measure", "HF5.4", plan=plan).stdout)
    assert [c["kind"] for c in followed["changes"]] == ["removed", "status_changed"]
    site = tmp_path / "public"
    shutil.rmtree(site, ignore_errors=True)
    run("site", "-o", str(site), "--no-search", plan=plan)
    page = (site / "aenderungen.html").read_text(encoding="utf-8")
    assert "massnahmen/HF5.4.html" not in page  # its page went with it
