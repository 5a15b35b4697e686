#!/usr/bin/env python3
"""Draws the bench charts as SVG (Python 3, standard library only).

capacity (no argument): bench/results/capacity.svg from capacity-20hz.json and capacity-60hz.json.
  Left: p99 snapshot inter-arrival against clients, with the 1.5 x period limit.
  Right: input-to-visible p50 / p99 against clients.
soak FILE.json [OUT.svg]: the samples of a `tickcast-bench soak` run over time (OUT defaults to
  FILE with .svg): server RSS and heap after GC, server and load generator CPU, p99 snapshot
  inter-arrival per interval (with the 1.5 x period limit), ticks per second per room; the title
  carries the clients, disconnects and dropped ticks.
Usage: python3 bench/results/chart.py [soak FILE.json [OUT.svg]]   (from the repository root)
"""
import json
import os
import sys

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


def soak_panel(x0, y0, title, unit, series, ymax, tmax, limits=()):
    """One time-series panel: series = [(label, color, [(t, v), ...])], None values are skipped."""
    out = ['<g transform="translate(%d,%d)">' % (x0, y0),
           '<text x="%d" y="20" font-size="14" text-anchor="middle">%s</text>' % (W / 2, title),
           '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (PAD, H - PAD, W - 10, H - PAD),
           '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (PAD, 30, PAD, H - PAD)]
    sx = lambda v: PAD + (W - 10 - PAD) * v / tmax
    sy = lambda v: H - PAD - (H - PAD - 30) * min(max(v, 0), ymax) / ymax
    minutes = tmax >= 600
    for t in range(0, 6):
        xv, yv = tmax * t / 5, ymax * t / 5
        out.append('<text x="%.0f" y="%d" font-size="10" text-anchor="middle">%s</text>'
                   % (sx(xv), H - PAD + 14, "%.0f" % (xv / 60 if minutes else xv)))
        out.append('<text x="%d" y="%.0f" font-size="10" text-anchor="end">%s</text>'
                   % (PAD - 4, sy(yv) + 3, ("%.0f" if ymax >= 10 else "%.2g") % yv))
    out.append('<text x="%d" y="%d" font-size="11" text-anchor="middle">%s</text>'
               % (W / 2, H - 12, "minutes" if minutes else "seconds"))
    out.append('<text x="12" y="%d" font-size="11" transform="rotate(-90 12 %d)" text-anchor="middle">%s</text>'
               % (H / 2, H / 2, unit))
    for i, (label, color, points) in enumerate(series):
        pts = " ".join("%.1f,%.1f" % (sx(t), sy(v)) for t, v in points if v is not None)
        out.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>' % (color, pts))
        out.append('<text x="%d" y="%d" font-size="11" fill="%s">%s</text>' % (PAD + 8, 44 + 14 * i, color, label))
    for (color, y) in limits:
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="2,4"/>'
                   % (PAD, W - 10, sy(y), sy(y), color))
    out.append("</g>")
    return out


def nice_max(values, floor):
    top = max([v for v in values if v is not None] + [floor])
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if step * 5 >= top * 1.1:
            return step * 5
    return top * 1.1


def soak(path, out_path):
    run = json.load(open(path))
    summary, samples = run["summary"], run["samples"]
    tmax = max(s["seconds"] for s in samples) if samples else 1
    col = lambda key: [(s["seconds"], s.get(key)) for s in samples]
    rss, heap = col("serverRssMiB"), col("heapAfterGcMiB")
    srv, lg = col("serverCpuPerSec"), col("loadCpuPerSec")
    p99 = [(s["seconds"], s["interArrivalMs"]["p99"]) for s in samples]
    ticks = col("ticksPerSecPerRoom")
    mem_max = nice_max([v for _, v in rss + heap], 10)
    cpu_max = nice_max([v for _, v in srv + lg], 0.5)
    p99_max = nice_max([v for _, v in p99], 100)
    where = "embedded (server + bots in one process)" if summary["embedded"] else "external server"
    title = ("soak: %d clients (%d rooms x %d), %s, %.0f s; disconnects %d, dropped ticks %d"
             % (summary["clients"], summary["rooms"], summary["playersPerRoom"], where, summary["seconds"],
                summary["disconnects"], summary["droppedTicks"]))
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">'
           % (2 * W, 2 * H + 30), '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="20" font-size="14" text-anchor="middle" font-weight="bold">%s</text>' % (W, title)]
    cpu_label = "process CPU (server + bots)" if summary["embedded"] else "server CPU"
    svg += soak_panel(0, 30, "Server memory", "MiB", [("RSS", "#1f77b4", rss), ("heap after GC", "#2ca02c", heap)],
                      mem_max, tmax)
    svg += soak_panel(W, 30, "CPU seconds per second", "s/s",
                      [(cpu_label, "#d62728", srv), ("load generator", "#ff7f0e", lg)], cpu_max, tmax)
    svg += soak_panel(0, 30 + H, "Snapshot inter-arrival p99 per interval (dotted: 75 ms)", "ms",
                      [("p99", "#9467bd", p99)], p99_max, tmax, [("#9467bd", 75)])
    svg += soak_panel(W, 30 + H, "Ticks per second per room (dotted: 57)", "ticks/s",
                      [("ticks/s", "#8c564b", ticks)], 75, tmax, [("#8c564b", 57)])
    svg.append("</svg>")
    open(out_path, "w").write("\n".join(svg) + "\n")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "soak":
        path = sys.argv[2]
        soak(path, sys.argv[3] if len(sys.argv) > 3 else os.path.splitext(path)[0] + ".svg")
        return
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
