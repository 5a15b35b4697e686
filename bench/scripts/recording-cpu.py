#!/usr/bin/env python3
"""The summary of bench/scripts/recording-cpu.sh: recording-cpu.py OUT_DIR [NOTE]

Reads OUT_DIR/off-N.json and on-N.json (tickcast-bench arena with --encodes-url), writes
OUT_DIR/recording-cpu.json and .txt: per run the server's CPU ms per client-second, its snapshot
encodes per broadcast (and the encode time per broadcast), ticks per room-second, disconnects and
the other load on the machine; per mode the medians; and recording's cost: the on median over the
off median (goal: at most +3 %), and the extra encodes per broadcast against one keyframe per
fragment (4 s at 20 Hz: 80 broadcasts, so 1/80 = 0.0125 per broadcast).
"""
import glob
import json
import os
import re
import statistics
import sys

GOAL_CPU = 0.03
FRAGMENT_BROADCASTS = 4 * 20  # --recording-fragment-seconds 4 (the default) at 20 Hz snapshots


def run_row(path):
    d = json.load(open(path))
    enc = d.get('encodes') or {}
    name = os.path.basename(path)[:-5]
    load = open(path[:-5] + '.loadavg').read().split()[0] if os.path.exists(path[:-5] + '.loadavg') else None
    archives = None
    rec = path[:-5] + '.recordings.json'
    if os.path.exists(rec):
        try:
            archives = len(json.load(open(rec)))
        except ValueError:
            archives = None
    return {'run': name, 'mode': name.split('-')[0], 'clients': d['clients'],
            'serverCpuMsPerClientPerSec': d['serverCpuMsPerClientPerSec'], 'serverCpuPerSec': d['serverCpuPerSec'],
            'encodesPerBroadcast': enc.get('encodesPerBroadcast'), 'encodeUsPerBroadcast': enc.get('encodeUsPerBroadcast'),
            'broadcastsPerSec': enc.get('broadcastsPerSec'), 'ticksPerSecPerRoom': d['ticksPerSecPerRoom'],
            'disconnects': d['disconnects'], 'otherCpuPerSec': d.get('otherCpuPerSec'),
            'loadGeneratorCpuPerSec': d.get('loadGeneratorCpuPerSec'), 'loadAverageAtStart': load,
            'archivesFinished': archives,
            # the arena's capacity rule: a starved server (other load on its core) makes a run incomparable
            'valid': d['disconnects'] == 0 and d['ticksPerSecPerRoom'] >= 57}


def median(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return round(statistics.median(vals), 5) if vals else None


def order(path):
    m = re.search(r'-(\d+)\.json$', path)
    return (int(m.group(1)) if m else 0, 0 if 'off-' in path else 1)


def main(out, note):
    paths = sorted([p for p in glob.glob(os.path.join(out, 'o*-*.json'))
                    if re.search(r'/(off|on)-\d+\.json$', p)], key=order)
    rows = [run_row(p) for p in paths]
    failed = sorted(os.path.basename(p)[:-7] for p in glob.glob(os.path.join(out, '*.failed')))
    off = [r for r in rows if r['mode'] == 'off' and r['valid']]
    on = [r for r in rows if r['mode'] == 'on' and r['valid']]
    keys = ['serverCpuMsPerClientPerSec', 'encodesPerBroadcast', 'encodeUsPerBroadcast', 'ticksPerSecPerRoom',
            'otherCpuPerSec']
    med = {m: {k: median(rs, k) for k in keys} for m, rs in (('off', off), ('on', on))}
    cost = extra = None
    if med['off']['serverCpuMsPerClientPerSec'] and med['on']['serverCpuMsPerClientPerSec']:
        cost = round(med['on']['serverCpuMsPerClientPerSec'] / med['off']['serverCpuMsPerClientPerSec'] - 1, 4)
    if med['off']['encodesPerBroadcast'] is not None and med['on']['encodesPerBroadcast'] is not None:
        extra = round(med['on']['encodesPerBroadcast'] - med['off']['encodesPerBroadcast'], 5)
    clients = rows[0]['clients'] if rows else 1024
    result = {'scenario': 'arena, %d rooms x 16 players, 20 Hz; server pinned to one core, bots to the other; '
                          'with and without --record arena, alternated' % (clients // 16), 'note': note or None, 'runs': rows,
              'validRuns': {'off': len(off), 'on': len(on)}, 'failedRuns': failed,
              'median': med, 'cpuCost': cost, 'goalCpuCost': GOAL_CPU,
              'cpuOk': cost is not None and cost <= GOAL_CPU,
              'extraEncodesPerBroadcast': extra,
              'extraEncodesPerFragment': None if extra is None else round(extra * FRAGMENT_BROADCASTS, 3),
              'goalExtraEncodesPerBroadcast': round(1 / FRAGMENT_BROADCASTS, 5)}
    with open(os.path.join(out, 'recording-cpu.json'), 'w') as f:
        json.dump(result, f, indent=2)
        f.write('\n')
    lines = ['recording CPU: ' + result['scenario']]
    if note:
        lines.append('NOTE: ' + note)
    lines.append('%-7s %10s %12s %12s %10s %6s %10s %8s %9s %6s' % (
        'run', 'ms/c/s', 'enc/bcast', 'enc us/bc', 'ticks/s', 'disc', 'other s/s', 'load1', 'archives', 'valid'))
    for r in rows:
        lines.append('%-7s %10.4f %12s %12s %10.2f %6d %10s %8s %9s %6s' % (
            r['run'], r['serverCpuMsPerClientPerSec'], r['encodesPerBroadcast'], r['encodeUsPerBroadcast'],
            r['ticksPerSecPerRoom'], r['disconnects'], r['otherCpuPerSec'], r['loadAverageAtStart'],
            '' if r['archivesFinished'] is None else r['archivesFinished'], 'yes' if r['valid'] else 'NO'))
    if failed:
        lines.append('failed runs (the load did not complete, e.g. matchmaking starved): ' + ', '.join(failed))
    lines.append('medians over valid runs only (0 disconnects, >= 57 ticks/s per room): %d off, %d on' % (
        len(off), len(on)))
    for m in ('off', 'on'):
        lines.append('median %-3s: %s' % (m, json.dumps(med[m])))
    lines.append('CPU cost of recording: %s (goal <= +3 %%: %s)' % (
        'n/a' if cost is None else '%+.1f %%' % (cost * 100), 'met' if result['cpuOk'] else 'n/a: no valid pair of runs' if cost is None else 'NOT met'))
    everything = {m: median([r for r in rows if r['mode'] == m], 'encodesPerBroadcast') for m in ('off', 'on')}
    if extra is None and None not in everything.values():
        extra = round(everything['on'] - everything['off'], 5)  # encodes do not depend on the CPU left
        result['extraEncodesPerBroadcast'] = extra
        result['extraEncodesPerFragment'] = round(extra * FRAGMENT_BROADCASTS, 3)
        result['extraEncodesFromAllRuns'] = True
        with open(os.path.join(out, 'recording-cpu.json'), 'w') as f:
            json.dump(result, f, indent=2)
            f.write('\n')
    lines.append('extra encodes per broadcast: %s = %s per fragment of %d broadcasts (one keyframe per fragment: '
                 '%.4f per broadcast)' % (extra, result['extraEncodesPerFragment'], FRAGMENT_BROADCASTS,
                                          1 / FRAGMENT_BROADCASTS))
    with open(os.path.join(out, 'recording-cpu.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else '')
