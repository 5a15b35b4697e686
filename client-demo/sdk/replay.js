// Replays of recordings (docs/PROTOCOL.md, "Recordings"): openRecording reads an archive by HTTP
// Range, a few requests up front (the trailer, the index, the head) and then, per seek, ONE request
// from the keyframe fragment at or before the tick through the fragment holding it, for what is not
// cached; recordingFromBytes gives the same interface over bytes in memory. Both play with a
// RecordingPlayer (recording.js) over fragment slots that are filled as they load (an unloaded slot
// has no entries, so the player never plays past what was loaded). ReplayClock maps wall time to a
// tick: play, pause, speed, seek.
//
// Seeking rolls forward from a keyframe (thinned to one per 30 s in an archive); the state at each
// fragment start passed on the way is kept as a checkpoint (states are immutable), so seeking again
// near there starts from the closest one instead of the keyframe.

import {
  bodyLength, checkBlock, FRAGMENT, HEAD, HEADER_BYTES, INDEX, OVERHEAD, parseFragment, parseHead, parseIndex, parseTrailer,
  TRAILER_BYTES,
} from './archive.js';
import { readRecording, RecordingPlayer } from './recording.js';

/** The default bound of the fragment cache of openRecording, in block bytes. */
export const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;
/** The slowest and fastest ReplayClock speeds. */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 8;
/** The most checkpoints (decoded states at fragment starts) a recording keeps; the oldest made go first. */
const MAX_CHECKPOINTS = 2048;

/**
 * Opens the archive at url for seeking by HTTP Range. A file without an index (unfinished, or its
 * trailer, index or head damaged), or a server that ignores Range, is fetched whole and scanned (its
 * `damage` then says what readRecording found). Rejects on a network error or an HTTP error status.
 */
export async function openRecording(url, { fetch = globalThis.fetch, cacheBytes = DEFAULT_CACHE_BYTES } = {}) {
  const stats = { requests: 0, bytes: 0 };
  const get = (range) => fetchRange(fetch, url, range, stats);
  const whole = async () => recordingFromBytes(await get(null).then((r) => r.bytes), stats);
  const tail = await get(`bytes=-${TRAILER_BYTES}`);
  if (tail.total < 0) {
    return recordingFromBytes(tail.bytes, stats);
  }
  const indexOffset = tail.bytes.length === TRAILER_BYTES && checkBlock(tail.bytes, 0) === null
    ? parseTrailer(tail.bytes.subarray(HEADER_BYTES, TRAILER_BYTES - 4)) : null;
  if (indexOffset === null || indexOffset >= tail.total - TRAILER_BYTES) {
    return whole();
  }
  const indexBlock = await get(`bytes=${indexOffset}-${tail.total - TRAILER_BYTES - 1}`);
  const index = readBlock(indexBlock.bytes, INDEX, parseIndex);
  const fs = index === null ? [] : index.fragments;
  if (index === null || fs.some((f, i) => f.offset >= indexOffset || (i > 0 && f.offset <= fs[i - 1].offset))) {
    return whole();
  }
  const headEnd = index.fragments.length > 0 ? index.fragments[0].offset : indexOffset;
  const head = readBlock((await get(`bytes=0-${headEnd - 1}`)).bytes, HEAD, parseHead);
  if (head === null) {
    return whole();
  }
  const slots = index.fragments.map((f, i) => slot(f.offset, i, f.startTick, f.hasFull));
  return new Replay({ head, slots, markers: index.markers, endTick: index.endTick, durationMs: index.durationMs,
    players: index.players, damage: null, stats, finished: true,
    loader: { get, indexOffset, cacheBytes } });
}

/** The same interface as openRecording's over an archive's bytes (finished or not) in memory. */
export function recordingFromBytes(bytes, stats = null) {
  const rec = readRecording(bytes);
  if (rec.head === null) {
    throw new Error(`not a readable recording: ${rec.damage}`);
  }
  const slots = rec.fragments.map((f) => ({ ...f, loaded: true, size: 0 }));
  return new Replay({ head: rec.head, slots, markers: rec.index ? rec.index.markers : rec.markers,
    endTick: rec.endTick, durationMs: rec.durationMs, players: rec.players, damage: rec.damage,
    stats: stats ?? { requests: 0, bytes: rec.bytes.length }, finished: rec.finished, loader: null });
}

function slot(offset, number, startTick, hasFull) {
  return { offset, number, startTick, hasFull, full: null, entries: [], endTick: startTick, loaded: false, size: 0 };
}

/** The body of the block of `kind` that is all of bytes, parsed; null if not that. */
function readBlock(bytes, kind, parse) {
  if (checkBlock(bytes, 0) !== null || bytes[0] !== kind || bodyLength(bytes, 0) + OVERHEAD !== bytes.length) {
    return null;
  }
  return parse(bytes.subarray(HEADER_BYTES, bytes.length - 4));
}

/**
 * GETs url (with a Range header unless range is null): {bytes, start, total}; total -1 when the
 * server answered 200 (the whole file). Throws on a network error or any other status.
 */
async function fetchRange(fetch, url, range, stats) {
  stats.requests++;
  const res = await fetch(url, range === null ? {} : { headers: { Range: range } });
  if (res.status !== 200 && res.status !== 206) {
    throw new Error(`GET ${url}${range === null ? '' : ` (${range})`}: HTTP ${res.status}`);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  stats.bytes += bytes.length;
  if (res.status === 200) {
    return { bytes, start: 0, total: -1 };
  }
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
  if (m === null || Number(m[2]) - Number(m[1]) + 1 !== bytes.length) {
    throw new Error(`GET ${url} (${range}): a 206 without a matching Content-Range`);
  }
  return { bytes, start: Number(m[1]), total: Number(m[3]) };
}

/** A recording to seek in: what openRecording and recordingFromBytes return. */
class Replay {
  constructor({ head, slots, markers, endTick, durationMs, players, damage, stats, finished, loader }) {
    this.head = head;
    this.markers = markers;
    this.endTick = endTick;
    this.durationMs = durationMs;
    this.players = players;
    /** Null, or "damaged at byte N: reason": the recording ends before byte N. */
    this.damage = damage;
    this.finished = finished;
    this.stats = stats;
    this.slots = slots;
    this.loader = loader;
    this.cached = new Map();
    this.cachedBytes = 0;
    this.checkpoints = new Map();
    this.loading = Promise.resolve();
    this.view = { head, fragments: slots, endTick, bytes: new Uint8Array(0) };
    this.player = new RecordingPlayer(this.view);
  }

  /** The first tick with a state, or -1 if no fragment. */
  get firstTick() {
    return this.slots.length === 0 ? -1 : this.slots[0].startTick;
  }

  /** The decoding error that stopped the player (recording.js wording), or null. */
  get error() {
    return this.player.error;
  }

  /** The state at tick (of the last snapshot at or before it); null before the first tick or past damage. */
  async stateAt(tick) {
    const j = this.fragmentAt(tick);
    const k = j < 0 ? -1 : this.player.keyframeAt(tick);
    if (k < 0) {
      return null;
    }
    if (this.loader !== null) {
      // One load at a time: a call made while another's request is out finds its fragments loaded.
      const run = this.loading.then(() => this.load(k, j));
      this.loading = run.catch(() => {});
      await run;
      if (this.fragmentAt(tick) !== j) {
        return this.stateAt(tick);
      }
    }
    return this.roll(k, j, tick);
  }

  /** Plays to tick from the best of: where the player is, the closest checkpoint, the keyframe k. */
  roll(k, j, tick) {
    const p = this.player;
    const at = p.current;
    const ahead = at !== null && p.error === null && p.cursor.fragment >= k && at.tick <= tick;
    let from = ahead ? p.cursor.fragment : k;
    for (let m = j; m > from; m--) {
      const cp = this.checkpoints.get(m);
      if (cp !== undefined) {
        this.resume(m, cp);
        from = m;
        break;
      }
    }
    for (let m = from + 1; m <= j; m++) {
      const s = p.stateAt(this.slots[m].startTick);
      if (s !== null && s.tick === this.slots[m].startTick) {
        this.checkpoints.set(m, s);
        if (this.checkpoints.size > MAX_CHECKPOINTS) {
          this.checkpoints.delete(this.checkpoints.keys().next().value);
        }
      }
    }
    return p.stateAt(tick);
  }

  /** Puts the player at the state of fragment m's start, as if it had rolled there. */
  resume(m, state) {
    const p = this.player;
    p.error = null;
    p.load(m);
    const c = p.cursor;
    c.current = state;
    c.previous = null;
    c.entry = c.snapshots.length > 0 && c.snapshots[0].tick === state.tick ? 1 : 0;
  }

  /** The index of the last readable fragment starting at or before tick, or -1. */
  fragmentAt(tick) {
    const fs = this.view.fragments;
    let lo = 0;
    let hi = fs.length - 1;
    let out = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fs[mid].startTick <= tick) {
        out = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return out;
  }

  /**
   * The entries other than snapshots (chat, gameMessage, join, leave, mark) with from < tick <= to
   * in the fragments loaded, in order.
   */
  eventsBetween(from, to) {
    const out = [];
    for (const f of this.view.fragments) {
      if (f.startTick > to) {
        break;
      }
      for (const e of f.loaded ? f.entries : []) {
        if (e.type !== 'snapshot' && e.tick > from && e.tick <= to) {
          out.push(e);
        }
      }
    }
    return out;
  }

  /** Loads fragments k..j not cached with one Range request; a damaged one ends the recording before it. */
  async load(k, j) {
    const need = [];
    for (let i = k; i <= j; i++) {
      if (!this.slots[i].loaded) {
        need.push(i);
      } else {
        this.touch(i);
      }
    }
    if (need.length === 0) {
      return;
    }
    const a = need[0];
    const b = need[need.length - 1];
    const start = this.slots[a].offset;
    const end = b + 1 < this.slots.length ? this.slots[b + 1].offset : this.loader.indexOffset;
    const { bytes } = await this.loader.get(`bytes=${start}-${end - 1}`);
    for (let i = a; i <= b; i++) {
      const at = this.slots[i].offset - start;
      const to = i + 1 <= b ? this.slots[i + 1].offset - start : bytes.length;
      const bad = this.fill(i, bytes.subarray(at, to));
      if (bad !== null) {
        this.damaged(i, bad);
        return;
      }
    }
    this.evict(k, j);
  }

  /** Fills slot i from its block (all of bytes); null, or why it cannot. */
  fill(i, bytes) {
    const s = this.slots[i];
    if (s.loaded) {
      this.touch(i);
      return null;
    }
    const bad = checkBlock(bytes, 0);
    if (bad !== null) {
      return bad;
    }
    const f = bytes[0] === FRAGMENT && bodyLength(bytes, 0) + OVERHEAD === bytes.length
      ? parseFragment(bytes.subarray(HEADER_BYTES, bytes.length - 4)) : null;
    if (f === null || f.number !== i || f.startTick !== s.startTick || f.hasFull !== s.hasFull) {
      return 'a fragment that disagrees with the index';
    }
    if (f.entries === null) {
      return `malformed entries in fragment ${i}`;
    }
    Object.assign(s, { full: f.full, entries: f.entries, endTick: f.endTick, loaded: true, size: bytes.length });
    this.touch(i);
    this.cachedBytes += bytes.length;
    return null;
  }

  damaged(i, reason) {
    this.damage = `damaged at byte ${this.slots[i].offset}: ${reason}`;
    this.view.fragments = this.slots.slice(0, i);
    const last = this.view.fragments[i - 1];
    this.endTick = i === 0 ? 0 : last.loaded ? last.endTick : this.slots[i].startTick - 1;
    this.view.endTick = this.endTick;
    this.markers = this.markers.filter((m) => m.tick < this.slots[i].startTick);
    this.player.error = null;
  }

  touch(i) {
    this.cached.delete(i);
    this.cached.set(i, true);
  }

  /** Drops the least recently used fragments over the budget, never those of k..j. */
  evict(k, j) {
    for (const i of this.cached.keys()) {
      if (this.cachedBytes <= this.loader.cacheBytes) {
        return;
      }
      if (i < k || i > j) {
        const s = this.slots[i];
        this.cachedBytes -= s.size;
        this.cached.delete(i);
        Object.assign(s, { full: null, entries: [], endTick: s.startTick, loaded: false, size: 0 });
      }
    }
  }
}

/**
 * Wall time to ticks for a replay: play, pause, speed (MIN_SPEED..MAX_SPEED), seek. Times are ms of
 * any clock the caller keeps (performance.now()); each call may pass it, and calls without one use
 * the latest given. Ticks are integers in [firstTick, endTick]; reaching endTick stops the playing.
 */
export class ReplayClock {
  constructor({ firstTick, endTick, tickHz }) {
    this.firstTick = firstTick;
    this.endTick = Math.max(firstTick, endTick);
    this.tickHz = tickHz;
    this.anchorTick = firstTick;
    this.anchorMs = 0;
    this.lastMs = 0;
    this.rate = 1;
    this.running = false;
  }

  /** True while playing (false once the end is reached). */
  get playing() {
    this.tickAt(this.lastMs);
    return this.running;
  }

  /** True when at the end tick. */
  get ended() {
    return this.tickAt(this.lastMs) >= this.endTick;
  }

  /** The speed, a factor of real time. */
  get speed() {
    return this.rate;
  }

  /** Sets the speed (clamped to MIN_SPEED..MAX_SPEED) from nowMs on. */
  setSpeed(speed, nowMs = this.lastMs) {
    this.rebase(nowMs);
    this.rate = Math.min(MAX_SPEED, Math.max(MIN_SPEED, Number(speed) || 1));
  }

  /** Plays from where the clock is (from the first tick if at the end). */
  play(nowMs = this.lastMs) {
    this.rebase(nowMs);
    if (this.anchorTick >= this.endTick) {
      this.anchorTick = this.firstTick;
    }
    this.running = true;
  }

  /** Pauses at the tick of nowMs. */
  pause(nowMs = this.lastMs) {
    this.rebase(nowMs);
    this.running = false;
  }

  /** Goes to tick (clamped), playing on from there if playing. */
  seek(tick, nowMs = this.lastMs) {
    this.rebase(nowMs);
    this.anchorTick = this.clamp(Math.floor(tick));
  }

  /** The tick to show at nowMs. */
  tickAt(nowMs) {
    this.lastMs = Math.max(this.lastMs, nowMs);
    if (!this.running) {
      return this.anchorTick;
    }
    const t = this.clamp(Math.floor(this.anchorTick + ((nowMs - this.anchorMs) * this.tickHz * this.rate) / 1000));
    if (t >= this.endTick) {
      this.anchorTick = this.endTick;
      this.running = false;
    }
    return t;
  }

  rebase(nowMs) {
    this.anchorTick = this.tickAt(nowMs);
    this.anchorMs = nowMs;
    this.lastMs = nowMs;
  }

  clamp(tick) {
    return Math.min(this.endTick, Math.max(this.firstTick, tick));
  }
}
