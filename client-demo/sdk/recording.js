// Recordings (docs/PROTOCOL.md, "Recordings"): readRecording reads an archive (.tcrec) block by
// block (archive.js) into its head, fragments, markers and damage; a RecordingPlayer gives
// the room's state at any tick, decoding forward from the last keyframe (a fragment's `full`) at or
// before it with the SDK's snapshot decoder. Plain functions of bytes: no DOM, no I/O, so a page
// reads what it fetched and node what it read from disk.
//
// The predictive delta rule: a fragment's first SNAPSHOT entry is the spectator's delta for its
// startTick, predicted from the previous fragment. A reader that starts at the fragment skips it
// and decodes `full` instead; a reader rolling on from the previous fragment decodes it and ignores
// `full`. The second entry is coded from startTick without a predictor, so both readers agree from
// there on.

import {
  bodyLength, checkBlock, FORMAT_VERSION, FRAGMENT, HEAD, HEADER_BYTES, INDEX, OVERHEAD, parseFragment, parseHead,
  parseIndex, parseTrailer, TRAILER, TRAILER_BYTES,
} from './archive.js';
import { DeltaDecoder, OK, WRONG_BASE } from './snapshot.js';

export { crc32c, MAX_BLOCK_BYTES } from './archive.js';

/**
 * Reads an archive as ArchiveReader does: {head, fragments, markers, players, endTick, durationMs,
 * index, finished, damage, damageAt, readableBytes, bytes}. head is null when even the head is unreadable
 * (its schema null when the SCHEMA bytes do not decode). fragments are the readable ones, each
 * {offset, number, startTick, hasFull, full, entries, endTick}. damage is null or "damaged at byte
 * N: reason" (damageAt N, else -1): the blocks before N are read, nothing from it on. markers,
 * players, endTick and durationMs are gathered from the fragments read; a finished file's index
 * must agree with them. Blocks of unknown kinds (a later format's) are skipped.
 */
export function readRecording(bytes) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const out = {
    head: null, fragments: [], markers: [], players: 0, endTick: 0, durationMs: 0, index: null, finished: false,
    damage: null, damageAt: -1, readableBytes: 0, bytes: data,
  };
  const damage = (at, reason) => {
    out.damageAt = at;
    out.damage = `damaged at byte ${at}: ${reason}`;
    return out;
  };
  let bad = checkBlock(data, 0);
  if (bad === null && data[0] !== HEAD) {
    bad = `the first block is of kind ${data[0]}, not a head`;
  }
  if (bad !== null) {
    return damage(0, bad);
  }
  out.head = parseHead(data.subarray(HEADER_BYTES, HEADER_BYTES + bodyLength(data, 0)));
  if (out.head === null) {
    return damage(0, `malformed head (or a format version other than ${FORMAT_VERSION})`);
  }
  const seated = new Set();
  let pos = bodyLength(data, 0) + OVERHEAD;
  let indexAt = -1;
  let trailer = false;
  out.readableBytes = pos;
  while (pos < data.length) {
    const kind = data[pos];
    bad = checkBlock(data, pos);
    const body = bad === null ? data.subarray(pos + HEADER_BYTES, pos + HEADER_BYTES + bodyLength(data, pos)) : null;
    if (bad === null) {
      bad = kind === FRAGMENT ? (indexAt >= 0 ? 'a fragment after the index' : addFragment(out, seated, body, pos))
        : kind === INDEX ? (indexAt >= 0 ? 'a second index' : null)
          : kind === TRAILER ? checkTrailer(body, pos, indexAt, data.length)
            : kind === HEAD ? 'a second head' : null;
    }
    if (bad !== null) {
      damage(pos, bad);
      break;
    }
    indexAt = kind === INDEX ? pos : indexAt;
    trailer = kind === TRAILER;
    pos += body.length + OVERHEAD;
    out.readableBytes = pos;
  }
  const fs = out.fragments;
  out.endTick = fs.length === 0 ? 0 : fs[fs.length - 1].endTick;
  out.durationMs = fs.length === 0 ? 0 : Math.floor(((out.endTick - fs[0].startTick) * 1000) / out.head.tickHz);
  if (indexAt >= 0 && trailer) {
    const index = parseIndex(data.subarray(indexAt + HEADER_BYTES, indexAt + HEADER_BYTES + bodyLength(data, indexAt)));
    if (index === null) {
      damage(indexAt, 'malformed index');
    } else if (!agrees(index, out)) {
      damage(indexAt, 'the index disagrees with the fragments');
    } else {
      out.index = index;
    }
  }
  out.finished = out.index !== null && out.damage === null;
  return out;
}

/** Adds a fragment block's body read at file offset `at`; null, or why it cannot follow the ones before. */
function addFragment(out, seated, body, at) {
  const f = parseFragment(body);
  const fs = out.fragments;
  if (f === null) {
    return 'malformed fragment';
  }
  if (f.number !== fs.length) {
    return `fragment number ${f.number} where ${fs.length} was due`;
  }
  if (fs.length > 0 && f.startTick < out.endTick) {
    return `fragment ${f.number} starts at tick ${f.startTick}, before tick ${out.endTick}`;
  }
  if (f.entries === null) {
    return `malformed entries in fragment ${f.number}`;
  }
  for (const e of f.entries) {
    if (e.type === 'mark') {
      out.markers.push({ tick: e.tick, text: e.text });
    } else if (e.type === 'join') {
      seated.add(e.playerId);
      out.players = Math.max(out.players, seated.size);
    } else if (e.type === 'leave') {
      seated.delete(e.playerId);
    }
  }
  fs.push({ offset: at, ...f });
  out.endTick = f.endTick;
  return null;
}

function checkTrailer(body, at, indexAt, end) {
  const indexOffset = parseTrailer(body);
  if (indexOffset === null) {
    return 'malformed trailer';
  }
  if (indexAt < 0 || indexOffset !== indexAt) {
    return 'the trailer does not point at the index';
  }
  return at + TRAILER_BYTES === end ? null : 'bytes after the trailer';
}

/** True if the index says what the fragments read say (ArchiveIndex.equals of the scanned one). */
function agrees(index, out) {
  const fs = out.fragments;
  return index.fragments.length === fs.length
    && index.fragments.every((e, i) => e.offset === fs[i].offset && e.startTick === fs[i].startTick
      && e.hasFull === fs[i].hasFull)
    && index.markers.length === out.markers.length
    && index.markers.every((m, i) => m.tick === out.markers[i].tick && m.text === out.markers[i].text)
    && index.endTick === out.endTick && index.players === out.players && index.durationMs === out.durationMs;
}

/**
 * The states of a recording by tick, as Replay.java. stateAt(T) is the state of the last snapshot
 * at or before T: played on from where the last call stopped when T is ahead of it in the same or
 * a later fragment than the last keyframe at or before T, else from that keyframe. Starting at a
 * fragment, its `full` is the state of its startTick and its first SNAPSHOT entry (of that tick) is
 * skipped; rolling on from the fragment before, that entry is decoded and `full` ignored. A
 * snapshot that does not decode stops the playing there: `error` says why.
 */
export class RecordingPlayer {
  /** @param recording what readRecording returned (it must have a head) */
  constructor(recording) {
    if (recording.head === null) {
      throw new Error(`no head to play: ${recording.damage}`);
    }
    this.recording = recording;
    this.schemas = recording.head.schema;
    this.decoder = new DeltaDecoder();
    /** Null, or why the playing stopped (worded as Replay.error()); errorDetail says more. */
    this.error = this.schemas === null ? 'no readable schema' : null;
    this.errorDetail = null;
    this.cursor = null;
  }

  /** The first tick with a state (the first fragment's startTick), or -1 if no fragment. */
  get firstTick() {
    const fs = this.recording.fragments;
    return fs.length === 0 ? -1 : fs[0].startTick;
  }

  /** The last tick of the readable part. */
  get endTick() {
    return this.recording.endTick;
  }

  /** The state reached by the last call (null before one). */
  get current() {
    return this.cursor === null ? null : this.cursor.current;
  }

  /** The State at tick (the last snapshot at or before it); null before the first, or on an error. */
  stateAt(tick) {
    const k = this.keyframeAt(tick);
    if (k < 0 || this.schemas === null) {
      return null;
    }
    const c = this.cursor;
    const ahead = c !== null && c.current !== null && c.fragment >= k && this.error === null && c.current.tick <= tick;
    if (!ahead && !this.start(k)) {
      return null;
    }
    while (this.error === null && this.nextTick() >= 0 && this.nextTick() <= tick) {
      this.next();
    }
    return this.error === null ? this.cursor.current : null;
  }

  /** Every snapshot state in tick order, from the first keyframe (a generator). */
  *states() {
    if (this.stateAt(this.firstTick) === null) {
      return;
    }
    yield this.cursor.current;
    while (this.next()) {
      yield this.cursor.current;
    }
  }

  /** Steps to the next snapshot; false at the end of the readable part or on an error. */
  next() {
    const c = this.cursor;
    if (this.error !== null || c === null || c.current === null) {
      return false;
    }
    const fs = this.recording.fragments;
    if (c.entry >= c.snapshots.length) {
      if (c.fragment + 1 >= fs.length) {
        return false;
      }
      this.load(c.fragment + 1);
      if (c.snapshots.length === 0) {
        return false;
      }
    }
    return this.decode(c.snapshots[c.entry++], false);
  }

  /** The tick of the snapshot next() would reach, or -1. */
  nextTick() {
    const c = this.cursor;
    if (c === null) {
      return -1;
    }
    if (c.entry < c.snapshots.length) {
      return c.snapshots[c.entry].tick;
    }
    const fs = this.recording.fragments;
    for (let f = c.fragment + 1; f < fs.length; f++) {
      const e = fs[f].entries.find((x) => x.type === 'snapshot');
      if (e) {
        return e.tick;
      }
    }
    return -1;
  }

  /**
   * The entries other than snapshots (chat, gameMessage, join, leave, mark) with from < tick <= to,
   * in order: what happened between two frames of a replay.
   */
  eventsBetween(from, to) {
    const out = [];
    for (const f of this.recording.fragments) {
      if (f.startTick > to) {
        break;
      }
      for (const e of f.endTick > from ? f.entries : []) {
        if (e.type !== 'snapshot' && e.tick > from && e.tick <= to) {
          out.push(e);
        }
      }
    }
    return out;
  }

  /** The index of the last fragment with a full at or before tick, or -1. */
  keyframeAt(tick) {
    const fs = this.recording.fragments;
    for (let i = fs.length - 1; i >= 0; i--) {
      if (fs[i].hasFull && fs[i].startTick <= tick) {
        return i;
      }
    }
    return -1;
  }

  start(k) {
    this.error = null;
    this.load(k);
    const c = this.cursor;
    c.current = null;
    c.previous = null;
    const f = this.recording.fragments[k];
    if (!this.decode({ tick: f.startTick, bytes: f.full }, true)) {
      return false;
    }
    c.entry = c.snapshots.length > 0 && c.snapshots[0].tick === f.startTick ? 1 : 0;
    return true;
  }

  load(f) {
    const snapshots = this.recording.fragments[f].entries.filter((e) => e.type === 'snapshot');
    this.cursor ??= { current: null, previous: null };
    Object.assign(this.cursor, { fragment: f, snapshots, entry: 0 });
  }

  decode(entry, keyframe) {
    const c = this.cursor;
    const d = this.decoder;
    const code = d.readHeader(entry.bytes);
    const r = code === OK ? d.decodeBody(c.current, c.previous, this.schemas) : { code };
    if (r.code !== OK) {
      const at = entry.bytes.byteOffset - this.recording.bytes.byteOffset;
      this.error = `the snapshot at byte ${at} (fragment ${c.fragment}) `
        + (r.code === WRONG_BASE ? 'needs a baseline not held' : 'is malformed');
      this.errorDetail = d.reason;
      return false;
    }
    // After a keyframe, the state before it predicts nothing.
    c.previous = keyframe ? null : c.current;
    c.current = r.state;
    return true;
  }
}
