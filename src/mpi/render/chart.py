"""An indicator as an inline SVG chart, drawn when the site is built: its values as a line of
dots, the baseline as a square, the target as a dashed line up to a diamond in its target
year. Each mark has its own shape and line style and is named in the legend and the data
table beside the chart, so nothing is told by colour alone; the chart's title and
description say in one sentence what it shows."""

from __future__ import annotations

import math
from datetime import date

from markupsafe import Markup, escape

from mpi.domain.dates import Due
from mpi.i18n import _
from mpi.render import values
from mpi.render.assessment import category
from mpi.views.indicators import IndicatorRow

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 16, 40


def when(on: date, period: Due | None) -> float:
    """Where a value lies on the time axis: the middle of the period it refers to, else its day."""
    if period is not None:
        start, end = period.start, period.end
        middle = start.toordinal() + (end.toordinal() - start.toordinal()) / 2
        return _years(date.fromordinal(round(middle)))
    return _years(on)


def _years(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366


def sentence(row: IndicatorRow) -> str:
    """`liegt 2025 bei 19,5 %, Ziel 2030: ≥ 25 %, Einschätzung: mäßiger Fortschritt`."""
    ind = row.indicator
    latest = row.assessment.latest
    target = values.target(ind)
    if latest is None:
        said = _("no value recorded yet; target: {target}").format(target=target)
    else:
        at = values.due(latest.period) if latest.period else values.day(latest.date)
        said = _("stood at {value} in {when}; target: {target}").format(
            value=values.amount(latest.value, ind.unit), when=at, target=target
        )
    return _("{name} {said}; assessment: {category}.").format(
        name=ind.name, said=said, category=category(row.assessment)
    )


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values for the axis between low and high."""
    span = high - low or abs(high) or 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    first = math.floor(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step) + 2)]


def svg(row: IndicatorRow, ident: str) -> Markup:
    """The chart of one indicator; `ident` makes its ids unique on the page."""
    ind = row.indicator
    points = [(when(v.date, v.period), v.value) for v in ind.values]
    base = (ind.baseline.year + 0.5, ind.baseline.value) if ind.baseline else None
    target_year = ind.target.year if isinstance(ind.target.year, int) else None
    xs = [x for x, _v in points] + ([base[0]] if base else [])
    if target_year is not None:
        xs.append(target_year + 0.5)
    ys = [v for _x, v in points] + ([base[1]] if base else []) + [ind.target.value]
    x0 = math.floor(min(xs)) if xs else date.today().year
    x1 = math.ceil(max(xs)) if xs else x0 + 1
    x1 = max(x1, x0 + 1)
    ticks = _ticks(min(0.0, min(ys)), max(ys) * 1.08 if max(ys) > 0 else 1.0)
    y0, y1 = ticks[0], ticks[-1]

    def px(x: float) -> float:
        return round(LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT), 1)

    def py(y: float) -> float:
        return round(HEIGHT - BOTTOM - (y - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM), 1)

    title, desc = f"chart-{ident}-title", f"chart-{ident}-desc"
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title} {desc}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title}">{escape(ind.name)} ({escape(ind.unit)})</title>',
        f'<desc id="{desc}">{escape(sentence(row))}</desc>',
    ]
    for t in ticks:
        y = py(t)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        label = escape(values.number(t))
        out.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{label}</text>'
        )
    step = max(1, math.ceil((x1 - x0) / 8))
    floor = HEIGHT - BOTTOM
    for year in range(x0, x1 + 1, step):
        x = px(year)
        out.append(f'<line class="axis" x1="{x}" x2="{x}" y1="{floor}" y2="{floor + 5}"/>')
        out.append(
            f'<text class="tick" x="{x}" y="{floor + 20}" text-anchor="middle">{year}</text>'
        )
    out.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{floor}" y2="{floor}"/>')
    tx = px(target_year + 0.5) if target_year is not None else WIDTH - RIGHT
    ty = py(ind.target.value)
    out.append(f'<line class="target" x1="{LEFT}" x2="{tx}" y1="{ty}" y2="{ty}"/>')
    if target_year is not None:
        out.append(f'<path class="target-mark" d="M{tx} {ty - 7}l7 7-7 7-7-7z"/>')
    if base:
        bx, by = px(base[0]), py(base[1])
        out.append(f'<rect class="base-mark" x="{bx - 5}" y="{by - 5}" width="10" height="10"/>')
    if points:
        line = " ".join(f"{px(x)},{py(y)}" for x, y in sorted(points))
        out.append(f'<polyline class="values" points="{line}"/>')
        for x, y in points:
            out.append(f'<circle class="value-mark" cx="{px(x)}" cy="{py(y)}" r="4.5"/>')
    out.append("</svg>")
    return Markup("".join(out))
