#!/usr/bin/env python3
"""Medians of the runs of bench/scripts/http-arena.sh: one row per transport, as a Markdown table.
Usage: bench/scripts/http-summary.py OUT_DIR"""
import glob
import json
import os
import statistics
import sys

FIGURES = [
    ("runs", None),
    ("server CPU ms / client / s", lambda r: r["serverCpuMsPerClientPerSec"]),
    ("server CPU s / s", lambda r: r["serverCpuPerSec"]),
    ("input-to-visible p50 ms", lambda r: r["inputToVisibleMs"]["p50"]),
    ("input-to-visible p99 ms", lambda r: r["inputToVisibleMs"]["p99"]),
    ("inter-arrival p50 ms", lambda r: r["interArrivalMs"]["p50"]),
    ("inter-arrival p99 ms", lambda r: r["interArrivalMs"]["p99"]),
    ("inter-arrival max ms", lambda r: r["interArrivalMs"]["max"]),
    ("snapshots / client / s", lambda r: r["snapshotsPerClientPerSec"]),
    ("wire down B / client / s", lambda r: r["wireDownBytesPerClientPerSec"]),
    ("wire up B / client / s", lambda r: r["wireUpBytesPerClientPerSec"]),
    ("payload down B / client / s", lambda r: r["downBytesPerClientPerSec"]),
    ("payload up B / client / s", lambda r: r["upBytesPerClientPerSec"]),
    ("ticks / s / room", lambda r: r["ticksPerSecPerRoom"]),
    ("disconnects", lambda r: r["disconnects"]),
    ("bots CPU s / s", lambda r: r["loadGeneratorCpuPerSec"]),
    ("other load on the machine CPU s / s", lambda r: r.get("otherCpuPerSec", 0)),
]


def main(out_dir):
    runs = {}
    for path in sorted(glob.glob(os.path.join(out_dir, "*.json"))):
        with open(path) as f:
            r = json.load(f)
        runs.setdefault(r.get("transport", "websocket"), []).append(r)
    order = [t for t in ("websocket", "http-stream", "http-poll") if t in runs]
    print("| median of the runs | " + " | ".join(order) + " |")
    print("| --- |" + " --- |" * len(order))
    for name, get in FIGURES:
        cells = []
        for t in order:
            if get is None:
                cells.append(str(len(runs[t])))
            else:
                cells.append("%.2f" % statistics.median(get(r) for r in runs[t]))
        print("| " + name + " | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
