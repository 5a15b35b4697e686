// The delayed broadcast client (docs/PROTOCOL.md, "Delayed broadcast"): the GOTV+-style loop over
// plain HTTP, sync -> {n}/start -> {n}/full -> {n}/delta -> {n+1}/delta -> ..., every object checked
// with archive.js (block kind, length, CRC32C, fragment numbers, the head's versions) and appended
// to a growing recording that a RecordingPlayer plays. The clock: at sync (client time s0) the end
// tick E of fragment n was A ms old, so liveTick(t) = E + (A + t - s0) * tickHz / 1000, and a viewer
// shows liveTick - (D + F + margin), never past what it holds. Fragment m is published at
// C(n) + (m - n) * F + D, with C(n) = s0 - A: it is fetched then (+100 ms), a 404 is retried every
// 250 ms for at most F, then sync is asked again. The bytes are untrusted: bad ones, HTTP errors
// and network failures become one 'error' event each and a bounded backoff, never an exception
// out of a timer. Fragments more than keepMs behind the tick shown go (broadcast-player.js).
// A cache serves sync up to its max-age (and a cache lock's wait) late, which would put the viewer
// that much further behind: after each sync the client asks it syncSamples more times, 250 ms apart
// (cache hits but for about one a second), and keeps the answer that implies the earliest C(n).

import {
  addFragment, anchorOf, checkDelta, checkHead, checkSync, emptyRecording, failure, listeners,
} from './broadcast-objects.js';
import { BroadcastPlayer } from './broadcast-player.js';

const EVENTS = ['fragment', 'stall', 'ended', 'error'];
/** A 404 (not published yet) is asked again this often. */
const RETRY_MS = 250;
/** Asked this long after the time a fragment is due to be published. */
const DUE_SLACK_MS = 100;
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 8000;
const MIN_HELD = 4; // fragments held at least, however short keepMs
const SAMPLE_MS = 250;

/**
 * A viewer of a delayed broadcast. start() loads the newest published fragment; the client then
 * fetches each next fragment when it is due, appending it to `recording` (played by `player`).
 */
export class BroadcastClient {
  #base; #query; #fetch; #now; #setTimeout; #clearTimeout;
  #listeners = listeners(EVENTS);
  #abort = new AbortController();
  #timer = null; #due = false; #sampler = null;
  #started = false; #stopped = false; #stalled = false;
  #anchor = null; #seated = new Set();
  #notYet = 0; #failures = 0;

  /**
   * @param syncUrl the broadcast's sync URL (absolute, or relative in a page), with its query
   *   (?exp=..&sig=..) for a private room: the query is appended to every object URL
   * @param options {fetch, now, setTimeout, clearTimeout, marginMs (500), keepMs (120000: fragments
   *   ending more than this behind the tick shown are dropped; at least 4 fragments stay), syncSamples (8)}
   */
  constructor(syncUrl, options = {}) {
    const q = syncUrl.indexOf('?');
    const path = q < 0 ? syncUrl : syncUrl.slice(0, q);
    if (!path.endsWith('/sync')) {
      throw new TypeError(`not a broadcast sync URL: ${syncUrl}`);
    }
    this.syncUrl = syncUrl;
    this.#base = path.slice(0, -'sync'.length);
    this.#query = q < 0 ? '' : syncUrl.slice(q);
    this.#fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.#now = options.now ?? (() => Date.now());
    this.#setTimeout = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.#clearTimeout = options.clearTimeout ?? ((id) => globalThis.clearTimeout(id));
    this.marginMs = options.marginMs ?? 500;
    this.keepMs = options.keepMs ?? 120_000;
    this.syncSamples = options.syncSamples ?? 8;
    /** The parsed head (null before start), the growing recording and its player. */
    this.head = null;
    this.recording = null;
    this.player = null;
    /** The last sync answer. */
    this.sync = null;
    /** True once the broadcast ended and its last fragment is held. */
    this.ended = false;
    this.stats = { requests: 0, bytes: 0, notYet: 0, stalls: 0, fragments: 0, errors: 0, dropped: 0 };
  }

  /** The URL of fragment n's object ('start', 'full' or 'delta'), the sync URL's query appended. */
  objectUrl(n, object) {
    return `${this.#base}${n}/${object}${this.#query}`;
  }

  /** Loads sync and fragment n (start, full, delta); rejects (after an 'error' event) if it cannot. */
  async start() {
    if (this.#started) {
      throw new Error('start() was called already');
    }
    this.#started = true;
    try {
      await this.#open(await this.#askSync());
    } catch (e) {
      if (!this.#stopped) {
        this.#report(e);
      }
      throw e;
    }
    this.#schedule();
    this.#sample(this.syncSamples);
  }

  /** Stops fetching (pending requests are aborted); the recording stays. */
  stop() {
    this.#stopped = true;
    [this.#timer, this.#sampler].filter((t) => t !== null).forEach((t) => this.#clearTimeout(t));
    this.#timer = null;
    this.#sampler = null;
    this.#abort.abort();
  }

  /** Calls fn on 'fragment' ({number, startTick, endTick}), 'stall' ({tick}), 'ended' or 'error' (Error). */
  on(event, fn) {
    return this.#listeners.on(event, fn);
  }

  /** The live tick at client time t (fractional), or NaN before start. */
  liveTick(t = this.#now()) {
    const a = this.#anchor;
    return a === null ? NaN : a.endTick + ((a.endAgeMs + t - a.s0) * this.head.tickHz) / 1000;
  }

  /**
   * The tick to show at client time t: liveTick - (D + F + margin), within what is held (past the
   * last tick held is a stall: 'stall' once, stats.stalls counted); -1 before start.
   */
  playbackTick(t = this.#now()) {
    if (this.player === null) {
      return -1;
    }
    const want = this.#wantTick(t);
    const last = this.recording.endTick;
    if (want <= last) {
      this.#stalled = false;
      return Math.max(want, this.player.firstTick);
    }
    if (!this.#stalled && !this.ended) {
      this.#stalled = true;
      this.stats.stalls++;
      this.#emit('stall', { tick: last });
    }
    return last;
  }

  /** The tick to show at t, whether held or not. */
  #wantTick(t) {
    const h = this.head;
    const behindMs = this.#anchor.delayMs + (h.fragmentTicks * 1000) / h.tickHz + this.marginMs;
    return Math.floor(this.liveTick(t) - (behindMs * h.tickHz) / 1000);
  }

  /** How far behind live the tick shown at t is, in ms. */
  delayMs(t = this.#now()) {
    return this.player === null ? NaN : ((this.liveTick(t) - this.playbackTick(t)) * 1000) / this.head.tickHz;
  }

  async #get(url) {
    this.stats.requests++;
    let res;
    let bytes;
    try {
      res = await this.#fetch(url, { signal: this.#abort.signal });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      throw failure(`GET ${url}: ${e?.message ?? e}`);
    }
    this.stats.bytes += bytes.length;
    return { status: res.status, bytes };
  }

  /** An object that must be there (200), or a failure with its status. */
  async #must(n, object) {
    const url = this.objectUrl(n, object);
    const r = await this.#get(url);
    if (r.status !== 200) {
      throw failure(`GET ${url}: HTTP ${r.status}`, r.status);
    }
    return r.bytes;
  }

  async #askSync() {
    const r = await this.#get(this.syncUrl);
    if (r.status !== 200) {
      throw failure(`GET ${this.syncUrl}: HTTP ${r.status}`, r.status);
    }
    const at = this.#now();
    return { sync: checkSync(r.bytes, this.head), at };
  }

  #setAnchor(s) {
    this.sync = s.sync;
    this.#anchor = anchorOf(s);
  }

  /** Asks sync `left` more times, keeping the anchor of the earliest C(n); a due fetch is set again by it. */
  #sample(left) {
    if (this.#sampler !== null) {
      this.#clearTimeout(this.#sampler);
      this.#sampler = null;
    }
    if (left <= 0 || this.#stopped) {
      return;
    }
    this.#sampler = this.#setTimeout(() => {
      this.#sampler = null;
      this.#askSync().then((s) => {
        const a = anchorOf(s);
        if (!this.#stopped && a.delayMs === this.#anchor.delayMs && a.origin < this.#anchor.origin) {
          this.#anchor = a;
          if (this.#due && this.#timer !== null) {
            this.#clearTimeout(this.#timer);
            this.#schedule();
          }
        }
      }, () => {}).finally(() => this.#sample(left - 1)); // a failed sample is only a sample
    }, SAMPLE_MS);
  }

  /** Starts over at the sync's fragment: start, full, delta; a new recording and player. */
  async #open(s) {
    const n = s.sync.fragment;
    const head = checkHead(await this.#must(n, 'start'), s.sync);
    const full = await this.#must(n, 'full');
    const delta = await this.#must(n, 'delta');
    if (this.#stopped) {
      return;
    }
    const f = checkDelta(delta, n);
    if (f.startTick !== s.sync.startTick || full.length === 0) {
      throw failure(`fragment ${n}: starts at tick ${f.startTick} (sync: ${s.sync.startTick}), full of ${full.length} bytes`);
    }
    const rec = emptyRecording(head);
    const seated = new Set();
    addFragment(rec, seated, { ...f, hasFull: true, full }, delta.length);
    const player = new BroadcastPlayer(rec);
    if (player.stateAt(f.startTick) === null) {
      throw failure(`fragment ${n}: the keyframe does not decode (${player.error}: ${player.errorDetail})`);
    }
    Object.assign(this, { head, recording: rec, player });
    this.#seated = seated;
    this.#setAnchor(s);
    this.#appended(f);
  }

  #appended(f) {
    this.stats.fragments++;
    this.#failures = 0;
    this.#emit('fragment', { number: f.number, startTick: f.startTick, endTick: f.endTick });
  }

  #last() {
    const fs = this.recording.fragments;
    return fs[fs.length - 1].number;
  }

  /** Waits for the next fragment's publication (or ends). */
  #schedule() {
    if (this.#stopped) {
      return;
    }
    const next = this.#last() + 1;
    if (this.sync.ended && next > this.sync.fragment) {
      this.ended = true;
      this.#emit('ended');
      return;
    }
    const a = this.#anchor;
    const fragmentMs = (this.head.fragmentTicks * 1000) / this.head.tickHz;
    const due = a.s0 - a.endAgeMs + (next - a.fragment) * fragmentMs + a.delayMs + DUE_SLACK_MS;
    this.#later(Math.max(0, due - this.#now()), () => this.#fetchNext(), true);
  }

  #later(ms, step, due = false) {
    this.#due = due;
    this.#timer = this.#setTimeout(() => {
      this.#timer = null;
      this.#due = false;
      if (!this.#stopped) {
        Promise.resolve().then(step).catch((e) => this.#failed(e));
      }
    }, ms);
  }

  async #fetchNext() {
    const next = this.#last() + 1;
    const r = await this.#get(this.objectUrl(next, 'delta'));
    if (this.#stopped) {
      return;
    }
    if (r.status === 200) {
      const f = checkDelta(r.bytes, next);
      if (f.startTick < this.recording.endTick) {
        throw failure(`fragment ${next} starts at tick ${f.startTick}, before tick ${this.recording.endTick}`);
      }
      this.#notYet = 0;
      addFragment(this.recording, this.#seated, f, r.bytes.length);
      const keep = (this.keepMs * this.head.tickHz) / 1000;
      this.stats.dropped += this.player.dropBefore(this.#wantTick(this.#now()) - keep, MIN_HELD);
      this.#appended(f);
      this.#schedule();
    } else if (r.status === 404) {
      this.stats.notYet++;
      const tries = Math.max(1, Math.ceil((this.head.fragmentTicks * 1000) / this.head.tickHz / RETRY_MS));
      if (++this.#notYet < tries) {
        this.#later(RETRY_MS, () => this.#fetchNext());
      } else {
        this.#notYet = 0;
        await this.#resync();
      }
    } else if (r.status === 410) {
      await this.#resync();
    } else {
      throw failure(`GET ${this.objectUrl(next, 'delta')}: HTTP ${r.status}`, r.status);
    }
  }

  /** Asks sync again: goes on from the fragment after the last held if it is still held, else starts over. */
  async #resync() {
    const s = await this.#askSync();
    if (this.#stopped) {
      return;
    }
    const next = this.#last() + 1;
    if (next > s.sync.fragment + 1) {
      throw failure(`sync names fragment ${s.sync.fragment}, but ${next - 1} is held`);
    }
    if (next < s.sync.oldest) {
      await this.#open(s);
    } else {
      this.#setAnchor(s);
    }
    this.#schedule();
    this.#sample(this.syncSamples);
  }

  #failed(e) {
    if (this.#stopped) {
      return;
    }
    this.#report(e);
    const ms = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.#failures);
    this.#failures++;
    this.#later(ms, () => this.#resync());
  }

  #report(e) {
    this.stats.errors++;
    this.#emit('error', e instanceof Error ? e : new Error(String(e)));
  }

  #emit(event, arg) {
    this.#listeners.emit(this, event, arg);
  }
}
