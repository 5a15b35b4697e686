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
  FRAGMENT, HEAD, INDEX, parseFragment, parseHead, parseIndex, parseTrailer, readBlocks, TRAILER,
} from './archive.js';
import { DeltaDecoder, OK } from './snapshot.js';

export { crc32c, MAX_BLOCK_BYTES } from './archive.js';

/**
 * Reads an archive: {head, fragments, markers, players, endTick, durationMs, finished, damage,
 * damageAt}. head is null when even the head is unreadable. fragments are the readable ones, each
 * {offset, number, startTick, hasFull, full, entries, endTick}; damage is null or "damaged at byte
 * N: reason" (damageAt N, else -1): the blocks before N are read, nothing after. markers, players
 * and durationMs come from the index of a finished file, else from the fragments read.
 */
export function readRecording(bytes) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const scan = readBlocks(data);
  const out = {
    head: null, fragments: [], markers: [], players: 0, endTick: 0, durationMs: 0, finished: false,
    damage: null, damageAt: -1,
  };
  const damaged = (at, reason) => {
    out.damageAt = at;
    out.damage = `damaged at byte ${at}: ${reason}`;
    return finishOut(out, null);
  };
  const blocks = scan.blocks;
  if (blocks.length === 0 || blocks[0].kind !== HEAD) {
    return damaged(0, scan.damageAt === 0 ? scan.reason : 'no head block');
  }
  out.head = parseHead(blocks[0].body);
  if (out.head === null) {
    return damaged(0, 'malformed head');
  }
  let index = null;
  let indexOffset = -1;
  for (let i = 1; i < blocks.length; i++) {
    const { kind, offset, body } = blocks[i];
    if (kind === FRAGMENT && index === null) {
      const f = parseFragment(body);
      const last = out.fragments[out.fragments.length - 1];
      if (f === null) {
        return damaged(offset, 'malformed fragment');
      }
      if (last && (f.number <= last.number || f.startTick < last.endTick)) {
        return damaged(offset, `fragment ${f.number} out of order`);
      }
      const endTick = f.entries.length === 0 ? f.startTick : f.entries[f.entries.length - 1].tick;
      out.fragments.push({ offset, ...f, endTick });
    } else if (kind === INDEX && index === null) {
      index = parseIndex(body);
      indexOffset = offset;
      if (index === null || !agrees(index, out.fragments)) {
        return damaged(offset, index === null ? 'malformed index' : 'the index disagrees with the fragments');
      }
    } else if (kind === TRAILER && index !== null && i === blocks.length - 1) {
      if (parseTrailer(body) !== indexOffset) {
        return damaged(offset, 'malformed trailer');
      }
      out.finished = scan.damageAt < 0;
    } else {
      return damaged(offset, `unexpected block of kind ${kind}`);
    }
  }
  if (scan.damageAt >= 0) {
    return damaged(scan.damageAt, scan.reason);
  }
  return finishOut(out, out.finished ? index : null);
}

function agrees(index, fragments) {
  return index.fragments.length === fragments.length && index.fragments.every((e, i) =>
    e.offset === fragments[i].offset && e.startTick === fragments[i].startTick && e.hasFull === fragments[i].hasFull);
}

/** Fills the summary from the index, or from the fragments read when there is none. */
function finishOut(out, index) {
  const fs = out.fragments;
  if (index !== null) {
    out.markers = index.markers;
    out.players = index.players;
    out.endTick = index.endTick;
    out.durationMs = index.durationMs;
    return out;
  }
  out.markers = [];
  const seated = new Set();
  for (const f of fs) {
    for (const e of f.entries) {
      if (e.type === 'mark') {
        out.markers.push({ tick: e.tick, text: e.text });
      } else if (e.type === 'join' || e.type === 'leave') {
        e.type === 'join' ? seated.add(e.playerId) : seated.delete(e.playerId);
        out.players = Math.max(out.players, seated.size);
      }
    }
  }
  out.endTick = fs.length === 0 ? 0 : fs[fs.length - 1].endTick;
  out.durationMs = fs.length === 0 || out.head === null
    ? 0 : Math.round(((out.endTick - fs[0].startTick) * 1000) / out.head.tickHz);
  return out;
}

/** How many decoded states a player keeps as bases and predictors of the next deltas. */
const KEPT_STATES = 8;

/**
 * The states of a recording by tick. stateAt(T) is the state of the last snapshot at or before T:
 * played on from where the last call stopped when T is ahead of it, else from the last keyframe at
 * or before T. A snapshot that does not decode stops the playing there: `error` says why.
 */
export class RecordingPlayer {
  /** @param recording what readRecording returned (its head must be readable) */
  constructor(recording) {
    if (recording.head === null) {
      throw new Error(`no head to play: ${recording.damage}`);
    }
    this.recording = recording;
    this.schemas = recording.head.schema;
    this.decoder = new DeltaDecoder();
    /** Null, or why the last decode failed. */
    this.error = null;
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

  /** The State at tick (the last snapshot at or before it), or null before the first one. */
  stateAt(tick) {
    const k = this.keyframeAt(tick);
    if (k < 0) {
      return null;
    }
    const c = this.cursor;
    if (c === null || c.current.tick > tick || c.fragment < k || c.failed) {
      if (!this.start(k)) {
        return null;
      }
    }
    this.playTo(tick);
    return this.cursor.current;
  }

  /** Every snapshot state in tick order, from the first keyframe (a generator). */
  *states() {
    if (this.keyframeAt(this.firstTick) < 0 || !this.start(this.keyframeAt(this.firstTick))) {
      return;
    }
    yield this.cursor.current;
    for (let more = true; more;) {
      const before = this.cursor.current;
      more = this.playTo(Infinity, 1);
      if (this.cursor.current !== before) {
        yield this.cursor.current;
      }
    }
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
      if (f.endTick <= from) {
        continue;
      }
      for (const e of f.entries) {
        if (e.type !== 'snapshot' && e.tick > from && e.tick <= to) {
          out.push(e);
        }
      }
    }
    return out;
  }

  /** The markers (MARK entries) of the readable part, [{tick, text}]. */
  marks() {
    return this.eventsBetween(-1, Infinity).filter((e) => e.type === 'mark').map(({ tick, text }) => ({ tick, text }));
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
    const f = this.recording.fragments[k];
    const d = this.decoder;
    this.states = new Map();
    this.cursor = null;
    if (d.readHeader(f.full) !== OK || !d.full() || d.tick !== f.startTick) {
      return this.fail(`fragment ${f.number}: its full is not a keyframe of tick ${f.startTick} (${d.reason})`);
    }
    const r = d.decodeBody(null, null, this.schemas);
    if (r.code !== OK) {
      return this.fail(`fragment ${f.number}: full: ${d.reason}`);
    }
    this.keep(r.state);
    const first = f.entries.findIndex((e) => e.type === 'snapshot');
    this.cursor = { fragment: k, entry: first < 0 ? f.entries.length : first + 1, current: r.state, failed: false };
    this.error = null;
    return true;
  }

  /** Decodes snapshot entries up to tick (at most `limit` of them); false once nothing is left. */
  playTo(tick, limit = Infinity) {
    const fs = this.recording.fragments;
    const c = this.cursor;
    let decoded = 0;
    while (c.fragment < fs.length && decoded < limit && !c.failed) {
      const entries = fs[c.fragment].entries;
      if (c.entry >= entries.length) {
        c.fragment++;
        c.entry = 0;
        continue;
      }
      const e = entries[c.entry];
      if (e.type === 'snapshot') {
        if (e.tick > tick) {
          return true;
        }
        if (!this.decode(e, fs[c.fragment])) {
          c.failed = true;
          return false;
        }
        decoded++;
      }
      c.entry++;
    }
    return c.fragment < fs.length && !c.failed;
  }

  decode(entry, f) {
    const d = this.decoder;
    if (d.readHeader(entry.bytes) !== OK) {
      return this.fail(`fragment ${f.number}, tick ${entry.tick}: ${d.reason}`);
    }
    const base = d.full() ? null : this.states.get(d.baseTick) ?? null;
    const pred = d.predTick < 0 ? null : this.states.get(d.predTick) ?? null;
    const r = d.decodeBody(base, pred, this.schemas);
    if (r.code !== OK) {
      return this.fail(`fragment ${f.number}, tick ${entry.tick}: ${d.reason}`);
    }
    this.keep(r.state);
    this.cursor.current = r.state;
    return true;
  }

  keep(state) {
    this.states.delete(state.tick);
    this.states.set(state.tick, state);
    if (this.states.size > KEPT_STATES) {
      this.states.delete(this.states.keys().next().value);
    }
  }

  fail(reason) {
    this.error = reason;
    return false;
  }
}
