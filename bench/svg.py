"""Two small hand-written SVG plots for docs/benchmarks.md (no plotting library needed)."""

from __future__ import annotations

from html import escape

COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#9c755f", "#bab0ac")
FONT = 'font-family="sans-serif" font-size="12"'


def _svg(width: int, height: int, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">\n<rect width="100%" height="100%" fill="white"/>\n'
            + "\n".join(body) + "\n</svg>\n")


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {FONT} {extra}>{escape(text)}</text>'


def _ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``."""
    raw = top / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(count + 2) if step * (i - 1) < top]


def scaling(points: dict[int, float], intercept: float, slope: float, title: str) -> str:
    """Seconds vs modules: the medians as dots, the least-squares line through them."""
    width, height, left, right, top, bottom = 640, 400, 70, 20, 40, 50
    xs, ys = _ticks(max(points)), _ticks(max(max(points.values()), intercept + slope * max(points)))
    sx = (width - left - right) / xs[-1]
    sy = (height - top - bottom) / ys[-1]

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x * sx, height - bottom - y * sy

    body = [_text(width / 2, 22, title, "middle", 'font-weight="bold"')]
    for x in xs:
        px, py = at(x, 0)
        body += [f'<line x1="{px:.1f}" y1="{top}" x2="{px:.1f}" y2="{py:.1f}" stroke="#ddd"/>',
                 _text(px, py + 16, f"{x:,.0f}", "middle")]
    for y in ys:
        px, py = at(0, y)
        body += [f'<line x1="{left}" y1="{py:.1f}" x2="{width - right}" y2="{py:.1f}" stroke="#ddd"/>',
                 _text(px - 6, py + 4, f"{y:g}", "end")]
    body += [_text(width / 2, height - 12, "modules", "middle"),
             _text(16, height / 2, "seconds (median)", "middle", f'transform="rotate(-90 16 {height / 2})"')]
    start = -intercept / slope if intercept < 0 < slope else 0.0  # the line from where it crosses 0 s
    (x1, y1), (x2, y2) = at(start, intercept + slope * start), at(xs[-1], intercept + slope * xs[-1])
    trace = " ".join("{:.1f},{:.1f}".format(*at(n, s)) for n, s in sorted(points.items()))
    body.append(f'<polyline points="{trace}" fill="none" stroke="{COLOURS[0]}"/>')
    body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{COLOURS[1]}" '
                f'stroke-dasharray="6 4"/>')
    for n, s in points.items():
        px, py = at(n, s)
        body += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{COLOURS[0]}"/>',
                 _text(px + 8, py - 8, f"{n:,}: {s:.2f} s") if px < width * 0.8 else
                 _text(px - 8, py - 8, f"{n:,}: {s:.2f} s", "end")]
    body.append(_text(left + 10, top + 16, f"fit: {intercept * 1000:.0f} ms + {slope * 1000:.3f} ms × modules",
                      extra=f'fill="{COLOURS[1]}"'))
    return _svg(width, height, body)


def breakdown(bars: dict[str, dict[str, float]], marks: dict[str, float], title: str) -> str:
    """Horizontal stacked bars (ms), one per label; ``marks`` are vertical lines (a yardstick, a target)."""
    width, left, right, top, row = 720, 230, 30, 64, 34
    phases = list(dict.fromkeys(p for parts in bars.values() for p in parts))
    height = top + row * len(bars) + 40 + 18 * ((len(phases) + 2) // 3)
    total = max([sum(parts.values()) for parts in bars.values()] + list(marks.values()))
    ticks = _ticks(total)
    scale = (width - left - right) / ticks[-1]
    bottom = top + row * len(bars)
    body = [_text(width / 2, 22, title, "middle", 'font-weight="bold"')]
    for t in ticks:
        x = left + t * scale
        body += [f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#ddd"/>',
                 _text(x, bottom + 14, f"{t:g} ms", "middle")]
    for i, (label, parts) in enumerate(bars.items()):
        y, x = top + i * row + 6, float(left)
        body.append(_text(left - 8, y + 15, label, "end"))
        for phase, ms in parts.items():
            colour = COLOURS[phases.index(phase) % len(COLOURS)]
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{ms * scale:.1f}" height="{row - 12}" fill="{colour}">'
                        f'<title>{escape(phase)}: {ms:.1f} ms</title></rect>')
            x += ms * scale
        body.append(_text(x + 4, y + 15, f"{sum(parts.values()):.0f} ms"))
    for j, (label, ms) in enumerate(marks.items()):
        x = left + ms * scale
        body += [f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="black" '
                 f'stroke-dasharray="{"2 3" if j % 2 else "6 3"}"/>',
                 _text(x, top - 8 - 14 * (j % 2), label, "middle")]
    for k, phase in enumerate(phases):
        x, y = 40 + (k % 3) * 230, bottom + 34 + 18 * (k // 3)
        body += [f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{COLOURS[k % len(COLOURS)]}"/>',
                 _text(x + 16, y, phase)]
    return _svg(width, height, body)
