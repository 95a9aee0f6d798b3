"""An indicator's assessment for people: its category, why, and the numbers it rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.i18n import N_, _, formats

if TYPE_CHECKING:
    from mpi.domain.assessment import Assessment

CATEGORY_WORDS = {
    "on_track": N_("on track"),
    "moderate": N_("moderate progress"),
    "insufficient": N_("insufficient progress"),
    "moving_away": N_("moving away from the target"),
    "not_assessable": N_("not assessable"),
}
REASON_WORDS = {
    "no_baseline": N_("no baseline"),
    "no_target_year": N_("no target year"),
    "permanent_target": N_("a standing target without a target year"),
    "no_value": N_("no value recorded yet"),
    "no_value_after_baseline": N_("no value recorded after the baseline year"),
    "target_year_not_after_baseline": N_("the target year is not after the baseline year"),
    "target_met": N_("target met"),
    "baseline_met_target": N_("the baseline met the target, the latest value does not"),
    "baseline_bound": N_("the document gives the baseline only as a bound"),
}
STYLE = {  # for terminals and the HTML report
    "on_track": "green",
    "moderate": "yellow",
    "insufficient": "dark_orange",
    "moving_away": "red",
    "not_assessable": "dim",
}


def category(a: Assessment) -> str:
    return _(CATEGORY_WORDS[a.category])


def reason(a: Assessment) -> str | None:
    """Why, where the ratio does not say it; for an indicator that cannot be assessed, also
    whether its latest value meets the target now."""
    said = _(REASON_WORDS[a.reason]) if a.reason else None
    if a.category == "not_assessable" and a.target_met is not None:
        met = _("target met now") if a.target_met else _("target not met now")
        said = f"{said}; {met}" if said else met
    return said


def rate(value: float, method: str | None, unit: str) -> str:
    """An annual rate: `+4,1 % pro Jahr` (compound) or `+10 ha pro Jahr` (linear)."""
    if method == "compound":
        return _("{rate} % a year").format(rate=formats.signed(value * 100))
    return _("{rate} {unit} a year").format(rate=formats.signed(value, 2), unit=unit).strip()


def numbers(a: Assessment, unit: str) -> str | None:
    """`tatsächlich +4,1 % pro Jahr, erforderlich +4,8 % pro Jahr (85 %)`, or None."""
    if a.actual_rate is None or a.required_rate is None:
        return None
    said = _("actual {actual}, required {required}").format(
        actual=rate(a.actual_rate, a.method, unit), required=rate(a.required_rate, a.method, unit)
    )
    if a.ratio is not None:
        said += " " + _("({ratio} % of it)").format(ratio=formats.rounded(a.ratio * 100, 0))
    if a.method == "linear":
        said += "; " + _("average annual change: no growth rate for values of zero or below")
    return said


def details(a: Assessment, unit: str) -> str:
    """Why and the numbers, `; `-joined: `Ziel erreicht; tatsächlich …`, or ""."""
    return "; ".join(d for d in (reason(a), numbers(a, unit)) if d)


def summary(a: Assessment, unit: str) -> str:
    """One line: `mäßiger Fortschritt: tatsächlich …, erforderlich … (85 %)`, `nicht bewertbar:
    kein Zieljahr`, `auf Kurs: Ziel erreicht; tatsächlich …`."""
    said = details(a, unit)
    return category(a) + (": " + said if said else "")
