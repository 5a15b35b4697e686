#!/usr/bin/env python3
"""Folds `perf script` output (stdin) into one line per distinct stack, root first, leaf last, with its
sample count: the format of flame graphs. Frames are "symbol" with the dso's name for unknown ones."""
import re
import sys
from collections import Counter

stacks = Counter()
frames = []
thread = None
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip():
        if frames:
            stacks[";".join([thread] + list(reversed(frames)))] += 1
        frames, thread = [], None
        continue
    if not line.startswith(("\t", " ")):
        thread = re.sub(r"[\s\d/]+$", "", line.split(" ")[0]) or "?"
        head = line.split()
        thread = head[0]
        continue
    parts = line.strip().split(" ", 1)
    sym = parts[1] if len(parts) > 1 else parts[0]
    sym = re.sub(r"\+0x[0-9a-f]+", "", sym)
    if sym.startswith("[unknown]"):
        sym = "[unknown]" + sym[len("[unknown]"):].strip()
    frames.append(sym.replace(";", ":"))
if frames:
    stacks[";".join([thread] + list(reversed(frames)))] += 1
for stack, n in stacks.most_common():
    print(stack, n)
