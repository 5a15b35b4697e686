#!/usr/bin/env python3
"""Draws bench/results/capacity.svg from capacity-20hz.json and capacity-60hz.json (no dependencies).

Left: p99 snapshot inter-arrival against clients, with the 1.5 x period limit.
Right: input-to-visible p50 / p99 against clients.
Usage: python3 bench/results/chart.py   (from the repository root)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
W, H, PAD = 460, 300, 50
COLORS = {20: "#1f77b4", 60: "#d62728"}


def load(hz):
    path = os.path.join(HERE, "capacity-%dhz.json" % hz)
    return json.load(open(path)) if os.path.exists(path) else None


def panel(x0, title, series, ymax, xmax, limits):
    out = ['<g transform="translate(%d,0)">' % x0,
           '<text x="%d" y="20" font-size="14" text-anchor="middle">%s</text>' % (W / 2, title),
           '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (PAD, H - PAD, W - 10, H - PAD),
           '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (PAD, 30, PAD, H - PAD)]
    sx = lambda v: PAD + (W - 10 - PAD) * v / xmax
    sy = lambda v: H - PAD - (H - PAD - 30) * min(v, ymax) / ymax
    for t in range(0, 6):
        xv, yv = xmax * t / 5, ymax * t / 5
        out.append('<text x="%.0f" y="%d" font-size="10" text-anchor="middle">%d</text>' % (sx(xv), H - PAD + 14, xv))
        out.append('<text x="%d" y="%.0f" font-size="10" text-anchor="end">%d</text>' % (PAD - 4, sy(yv) + 3, yv))
    out.append('<text x="%d" y="%d" font-size="11" text-anchor="middle">clients</text>' % (W / 2, H - 12))
    out.append('<text x="12" y="%d" font-size="11" transform="rotate(-90 12 %d)" text-anchor="middle">ms</text>'
               % (H / 2, H / 2))
    for (label, color, dash, points) in series:
        pts = " ".join("%.1f,%.1f" % (sx(x), sy(y)) for x, y in points)
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" %s points="%s"/>'
                   % (color, 'stroke-dasharray="5,3"' if dash else "", pts))
        for x, y in points:
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (sx(x), sy(y), color))
    for (label, color, y) in limits:
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="2,4"/>'
                   % (PAD, W - 10, sy(y), sy(y), color))
    legend = [(l, c, d) for (l, c, d, _) in series]
    for i, (label, color, dash) in enumerate(legend):
        out.append('<text x="%d" y="%d" font-size="11" fill="%s">%s</text>' % (PAD + 8, 44 + 14 * i, color, label))
    out.append("</g>")
    return out


def main():
    runs = {hz: load(hz) for hz in (20, 60)}
    runs = {hz: r for hz, r in runs.items() if r}
    xmax = max(s["clients"] for r in runs.values() for s in r["steps"])
    ia, lat, limits = [], [], []
    for hz, r in runs.items():
        steps = r["steps"]
        ia.append(("%d Hz p99 inter-arrival (capacity %d)" % (hz, r["capacity"]), COLORS[hz], False,
                   [(s["clients"], s["interArrivalMs"]["p99"]) for s in steps]))
        limits.append(("limit", COLORS[hz], 1.5 * 1000 / hz))
        lat.append(("%d Hz input-to-visible p99" % hz, COLORS[hz], False,
                    [(s["clients"], s["inputToVisibleMs"]["p99"]) for s in steps]))
        lat.append(("%d Hz input-to-visible p50" % hz, COLORS[hz], True,
                    [(s["clients"], s["inputToVisibleMs"]["p50"]) for s in steps]))
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">' % (2 * W, H),
           '<rect width="100%" height="100%" fill="white"/>']
    svg += panel(0, "Snapshot inter-arrival p99 (dotted: 1.5 x period)", ia, 160, xmax, limits)
    svg += panel(W, "Input to visible", lat, 160, xmax, [])
    svg.append("</svg>")
    open(os.path.join(HERE, "capacity.svg"), "w").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
