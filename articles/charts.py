"""Charts drawn on the server as inline SVG: no script, nothing fetched.

Each chart is a picture of a table printed beside it; the table is what screen
readers read, so the SVG is hidden from them (`aria-hidden`) and carries a
<title> for those who hover it. `points` are (label, value) pairs.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 44
MAX_LABELS = 12
COLOUR = "#1f5f99"


def _nice_max(value):
    """A round number at or above value, for the top of the axis."""
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * step:
            return int(factor * step)
    return int(10 * step)


def _open(title, height=HEIGHT):
    return [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" '
        f'focusable="false"><title>{escape(title)}</title>'
    ]


def _axis(parts, top_value, plot_h):
    for i in range(5):
        value = top_value * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#ccc" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#333">{value:,.0f}</text>'
        )


def _x_labels(parts, points, x_of, plot_h):
    every = max(1, -(-len(points) // MAX_LABELS))
    for i, (label, _) in enumerate(points):
        if i % every == 0:
            parts.append(
                f'<text x="{x_of(i):.1f}" y="{TOP + plot_h + 18}" '
                f'text-anchor="middle" font-size="11" fill="#333">'
                f"{escape(label)}</text>"
            )


def bar_chart(title, points):
    """Vertical bars, one per point (months)."""
    points = list(points)
    parts = _open(title)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = _nice_max(max((v for _, v in points), default=0))
    _axis(parts, top_value, plot_h)
    if points:
        slot = plot_w / len(points)
        bar = max(1.0, slot * 0.7)
        for i, (_, value) in enumerate(points):
            h = plot_h * value / top_value
            x = LEFT + slot * i + (slot - bar) / 2
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{COLOUR}"/>'
            )
        _x_labels(parts, points, lambda i: LEFT + slot * i + slot / 2, plot_h)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart(title, points):
    """A line through the points (days)."""
    points = list(points)
    parts = _open(title)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = _nice_max(max((v for _, v in points), default=0))
    _axis(parts, top_value, plot_h)
    if points:
        step = plot_w / max(1, len(points) - 1)

        def x_of(i):
            return LEFT + step * i if len(points) > 1 else LEFT + plot_w / 2

        line = " ".join(
            f"{x_of(i):.1f},{TOP + plot_h - plot_h * v / top_value:.1f}"
            for i, (_, v) in enumerate(points)
        )
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{COLOUR}" '
            f'stroke-width="2"/>'
        )
        _x_labels(parts, points, x_of, plot_h)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def hbar_chart(title, points):
    """Horizontal bars with their labels (agencies: long Thai names)."""
    points = list(points)
    row, label_w = 22, 150
    height = TOP + row * max(1, len(points)) + 8
    parts = _open(title, height)
    plot_w = WIDTH - label_w - RIGHT - 60
    top_value = max((v for _, v in points), default=0) or 1
    for i, (label, value) in enumerate(points):
        y = TOP + row * i
        w = plot_w * value / top_value
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'fill="#333">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
            f'fill="{COLOUR}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="12" '
            f'fill="#333">{value:,}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
