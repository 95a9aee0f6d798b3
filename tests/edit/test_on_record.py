"""A decision's log entry names the value on record as the one before (a deadline, a
target), also where the file was edited by hand without a decision (issue 31, point 15): on
record is what the standing decision set, else what the last commit holds, else the file."""

from __future__ import annotations

from pathlib import Path

from helpers import break_plan, commit, git, mpi

HF1 = "hf1-flaechen.yaml"
DUE = "        due: 2030\n"  # HF1.2's milestone stufe-1 in the mini plan


def reschedule(plan: Path, due: str, day: str) -> str:
    words = f"Koordinierungsrunde {day}, TOP 4"
    return mpi(
        "reschedule", "HF1.2", "stufe-1", due, "--decision", words, plan=plan, lang="de"
    ).stderr


def logged(plan: Path) -> list[str]:
    text = (plan / HF1).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if "Frist „Ausbaustufe 1“" in line]


def test_a_hand_edit_is_not_taken_for_the_value_before(mini: Path) -> None:
    git(mini, "init", "-q")
    commit(mini, "v0")
    break_plan(mini, HF1, DUE, "        due: 2031\n")  # by hand, no decision
    said = reschedule(mini, "2032", "03.12.2026")
    assert logged(mini) == [
        "text: 'Frist „Ausbaustufe 1“ per Beschluss geändert: bis 2030 → bis 2032 (Beschluss "
        "vom 03.12.2026: Koordinierungsrunde 03.12.2026, TOP 4) (in der Datei stand bisher bis "
        "2031, ohne Beschluss)'"
    ]
    assert said.startswith(
        "HF1.2 Meilenstein stufe-1: bis 2030 → bis 2032, Beschluss festgehalten (in der Datei "
        "stand bisher bis 2031, ohne Beschluss)"
    )


def test_the_standing_decision_is_on_record_before_the_last_commit(mini: Path) -> None:
    git(mini, "init", "-q")
    reschedule(mini, "2033", "03.12.2026")
    break_plan(mini, HF1, "        due: 2033\n        status", "        due: 2034\n        status")
    commit(mini, "by-hand")  # committed, but never decided
    reschedule(mini, "2035", "05.12.2026")
    assert logged(mini)[-1].startswith(
        "text: 'Frist „Ausbaustufe 1“ per Beschluss geändert: bis 2033 → bis 2035"
    )
    assert logged(mini)[-1].endswith("(in der Datei stand bisher bis 2034, ohne Beschluss)'")


def test_without_a_hand_edit_the_log_is_as_before(mini: Path) -> None:
    reschedule(mini, "2032", "03.12.2026")  # not in git: the file's value is on record
    assert logged(mini) == [
        "text: 'Frist „Ausbaustufe 1“ per Beschluss geändert: bis 2030 → bis 2032 (Beschluss "
        "vom 03.12.2026: Koordinierungsrunde 03.12.2026, TOP 4)'"
    ]


def test_a_target_edited_by_hand_is_not_taken_for_the_one_before(mini: Path) -> None:
    git(mini, "init", "-q")
    commit(mini, "v0")
    break_plan(mini, HF1, "target: {value: 100,", "target: {value: 105,")  # by hand
    words = "Koordinierungsrunde 03.12.2026, TOP 5"
    mpi("retarget", "flaechenreserve", "110", "--decision", words, plan=mini, lang="de")
    text = (mini / HF1).read_text(encoding="utf-8")
    assert (
        "Ziel „Flächenreserve“ per Beschluss geändert: mindestens 100 ha (dauerhaft) → "
        "mindestens 110 ha (dauerhaft) (Beschluss vom 03.12.2026: Koordinierungsrunde "
        "03.12.2026, TOP 5) (in der Datei stand bisher mindestens 105 ha (dauerhaft), ohne "
        "Beschluss)'" in text
    )


def _plain(tree: object) -> object:
    """A positioned tree as plain dicts and lists, for comparing."""
    if isinstance(tree, dict):
        return {k: _plain(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_plain(v) for v in tree]
    return tree


def test_the_committed_measure_is_read_from_its_own_lines_as_from_the_whole_file(
    mini: Path,
) -> None:
    """A decision asks the last commit for one measure: its lines are read alone (without
    its log), and they give what the whole file gives; where they do not read alone (a
    block scalar that keeps its trailing lines), the file is read whole."""
    from mpi.edit.on_record import committed_owner
    from mpi.loading import reader

    git(mini, "init", "-q")
    commit(mini, "v0")
    whole = reader.parse((mini / HF1).read_text(encoding="utf-8"))
    for measure in whole["measures"]:
        got = committed_owner(mini / HF1, measure["id"])
        assert got is not None
        want = {k: v for k, v in _plain(measure).items() if k != "updates"}  # type: ignore[union-attr]
        assert {k: v for k, v in _plain(got).items() if k != "updates"} == want  # type: ignore[union-attr]
    text = (mini / HF1).read_text(encoding="utf-8")
    kept = text.replace("  - id: HF1.2\n", "  - id: HF1.2\n    kept: |+\n      x\n\n", 1)
    (mini / HF1).write_text(kept, encoding="utf-8")
    commit(mini, "v1")
    got = committed_owner(mini / HF1, "HF1.2")
    assert got is not None and got["kept"] == "x\n\n"  # as the whole file reads it
