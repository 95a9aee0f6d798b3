"""A change of the plan in one line for people: shared by every format that shows changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpi.views.diff import Change


def describe(c: Change) -> str:
    """One line for people, e.g. "HF1.10 planned -> in_progress" (plan text is not escaped)."""
    who = f"{c.subject} {c.item}" if c.item else c.subject
    if c.occurrence:
        who += f" {c.occurrence}"
    simple = {
        "field_added": f"{who} added: {c.text}",
        "field_removed": f"{who} removed: {c.text}",
        "goal_added": f"{who} added: {c.text}",
        "goal_removed": f"{who} removed: {c.text}",
        "measure_added": f"{who} added: {c.text}",
        "measure_removed": f"{who} removed: {c.text}",
        "status": f"{who} {c.old} -> {c.new}",
        "milestone_added": f"{who} added: {c.text} (due {c.new})",
        "milestone_removed": f"{who} removed: {c.text}",
        "milestone_missed": f"{who} missed",
        "due_moved": f"{who}: {c.old} -> {c.new}",
        "indicator_added": f"{who} added: {c.text}",
        "indicator_removed": f"{who} removed: {c.text}",
    }
    if c.kind in simple:
        return simple[c.kind]
    source = f" ({c.text})" if c.text else ""
    if c.kind == "milestone_done":
        return f"{who} done" + (f" ({c.date})" if c.date else "")
    if c.kind == "milestone_reopened":
        return f"{who} reopened (was {c.old or 'done'})"
    if c.kind == "indicator_value":
        return f"{who}: value {c.new} on {c.date}{source}"
    if c.kind == "indicator_value_removed":
        return f"{who}: value {c.new} on {c.date} removed"
    if c.kind == "update":
        status = f" (status {c.new})" if c.new else ""
        return f"{who} update {c.date}: {c.text}{status}"
    if c.kind == "update_removed":
        return f"{who} update {c.date} removed: {c.text}"
    if c.old is not None or c.new is not None:
        return f"{who} {c.attribute}: {c.old or '–'} -> {c.new or '–'}"
    if c.attribute == "occurrence":
        return f"{who} record changed"
    return f"{who} {c.attribute} changed"
