#!/usr/bin/env python3
"""The sampler and the summary of bench/scripts/recording-size.sh (issue 22, section F "Size").

  recording-size.py sample REC_DIR SAMPLES.csv LIVE_COPY [PERIOD_S]
      Every PERIOD_S (0.25) seconds: the size of the one *.tcrec file in REC_DIR and whether it is
      finished (ends with its trailer, whose body ends "TCEND"), one CSV line "t,size,finished" per
      sample (t: seconds since the epoch). Each time the unfinished file grows, a copy of it goes to
      LIVE_COPY (never a finished one), for recording-stats. Runs until killed.
  recording-size.py summary SAMPLES.csv RECORDINGS.json LIVE_STATS.json ARCHIVED_STATS.json OUT.json OUT.txt
      Live kB per minute: the unfinished file's growth from the sample where it first grew after the
      first fragment was written, to its last growth while live (a fragment is written whole, every
      fragment with its keyframe), over the time between. Archived kB per minute: the finished file's
      size over its durationMs, from GET /recordings. kB = 1000 bytes.
"""
import glob
import json
import os
import shutil
import sys
import time

GOAL_LIVE = 190.0
GOAL_ARCHIVED = 150.0


def finished(path, size):
    if size < 22:
        return False
    with open(path, 'rb') as f:
        f.seek(size - 22)
        tail = f.read(22)
    return len(tail) == 22 and tail[13:18] == b'TCEND'


def sample(rec_dir, out, live_copy, period):
    last = -1
    with open(out, 'w', buffering=1) as csv:
        while True:
            files = glob.glob(os.path.join(rec_dir, '*.tcrec'))
            if files:
                path = files[0]
                try:
                    size = os.path.getsize(path)
                    done = finished(path, size)
                except OSError:
                    time.sleep(period)
                    continue
                csv.write('%.3f,%d,%d\n' % (time.time(), size, 1 if done else 0))
                if size != last and not done:
                    shutil.copyfile(path, live_copy + '.tmp')
                    with open(live_copy + '.tmp', 'rb') as f:
                        data = f.read()
                    if len(data) >= 22 and data[-9:-4] == b'TCEND':
                        os.remove(live_copy + '.tmp')  # finished while copied
                    else:
                        os.replace(live_copy + '.tmp', live_copy)
                last = size
            time.sleep(period)


def growth_events(samples):
    """(t, size) of each sample where the unfinished file grew (the first appearance included)."""
    events, last = [], None
    for t, size, done in samples:
        if done:
            break
        if size < 9:
            continue  # the file made, its head not written yet
        if last is None or size != last:
            events.append((t, size))
        last = size
    return events


def live_rate(samples):
    events = growth_events(samples)
    # events[0]: the head; events[1]: fragment 0 written; from there on a fragment per event
    body = events[1:]
    if len(body) < 3:
        return None, 'too few fragments sampled (%d)' % len(body)
    gaps = sorted(b[0] - a[0] for a, b in zip(body, body[1:]))
    median = gaps[len(gaps) // 2]
    while len(body) > 2 and body[-1][0] - body[-2][0] < 0.75 * median:
        body = body[:-1]  # the short last fragment written when the room was disposed
    (t0, s0), (t1, s1) = body[0], body[-1]
    rate = (s1 - s0) / 1000.0 / ((t1 - t0) / 60.0)
    return {'kBPerMinute': round(rate, 2), 'fromBytes': s0, 'toBytes': s1, 'seconds': round(t1 - t0, 3),
            'fragments': len(body) - 1, 'medianFragmentSeconds': round(median, 3)}, None


def summary(samples_csv, recordings_json, live_stats, archived_stats, out_json, out_txt):
    samples = []
    with open(samples_csv) as f:
        for line in f:
            parts = line.strip().split(',')
            if len(parts) == 3:
                samples.append((float(parts[0]), int(parts[1]), parts[2] == '1'))
    live, live_error = live_rate(samples)
    recordings = json.load(open(recordings_json)) if os.path.exists(recordings_json) else []
    entry = recordings[0] if recordings else None
    archived = None
    if entry and entry.get('durationMs'):
        archived = {'kBPerMinute': round(entry['bytes'] / 1000.0 / (entry['durationMs'] / 60000.0), 2),
                    'bytes': entry['bytes'], 'durationMs': entry['durationMs'], 'players': entry.get('players')}
    load = lambda p: json.load(open(p)) if os.path.exists(p) else None
    ls, ars = load(live_stats), load(archived_stats)
    result = {'scenario': 'arena, 16 players in one room, 20 Hz snapshots, --record arena',
              'live': live, 'liveError': live_error, 'archived': archived, 'recording': entry,
              'goal': {'liveKBPerMinute': GOAL_LIVE, 'archivedKBPerMinute': GOAL_ARCHIVED},
              'liveOk': bool(live and live['kBPerMinute'] <= GOAL_LIVE),
              'archivedOk': bool(archived and archived['kBPerMinute'] <= GOAL_ARCHIVED),
              'liveStats': ls, 'archivedStats': ars, 'samples': len(samples)}
    with open(out_json, 'w') as f:
        json.dump(result, f, indent=2)
        f.write('\n')
    lines = ['recording size: %s' % result['scenario']]
    if live:
        lines.append('live: %.2f kB/min (goal <= %.0f: %s); %d fragments over %.1f s, %d -> %d bytes' % (
            live['kBPerMinute'], GOAL_LIVE, 'met' if result['liveOk'] else 'OVER by %.1f %%' % (
                100 * (live['kBPerMinute'] / GOAL_LIVE - 1)), live['fragments'], live['seconds'],
            live['fromBytes'], live['toBytes']))
    else:
        lines.append('live: n/a (%s)' % live_error)
    if archived:
        lines.append('archived: %.2f kB/min (goal <= %.0f: %s); %d bytes, durationMs %d' % (
            archived['kBPerMinute'], GOAL_ARCHIVED, 'met' if result['archivedOk'] else 'OVER by %.1f %%' % (
                100 * (archived['kBPerMinute'] / GOAL_ARCHIVED - 1)), archived['bytes'], archived['durationMs']))
    else:
        lines.append('archived: n/a (no finished recording listed by GET /recordings)')
    for name, s in (('live file', ls), ('archived file', ars)):
        if not s:
            continue
        k = s['kBPerMinute']
        lines.append('%s: %d fragments (%d with a keyframe); keyframe mean %.0f B; delta entry mean %.1f B '
                     '(first of a fragment %.1f, second %.1f); overhead %.2f B per entry' % (
                         name, s['fragments'], s['fragmentsWithKeyframe'], s['keyframeBytes']['mean'],
                         s['deltaBytes']['mean'], s['firstDeltaBytes']['mean'], s['secondDeltaBytes']['mean'],
                         s['overheadBytesPerEntry']))
        lines.append('  kB/min: keyframes %s, snapshot entries %s, overhead %s, fragment blocks %s, file %s' % (
            k['keyframes'], k['snapshotEntries'], k['overhead'], k['fragmentBlocks'], k['file']))
    with open(out_txt, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    if len(sys.argv) >= 5 and sys.argv[1] == 'sample':
        sample(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]) if len(sys.argv) > 5 else 0.25)
    elif len(sys.argv) == 8 and sys.argv[1] == 'summary':
        summary(*sys.argv[2:])
    else:
        print(__doc__)
        sys.exit(2)
