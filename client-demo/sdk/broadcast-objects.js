// The objects of a delayed broadcast (docs/PROTOCOL.md, "Delayed broadcast") checked before
// broadcast.js uses them: the sync JSON, the start object (one HEAD block), a delta (one FRAGMENT
// block without full, the number due); and a fragment appended to a growing recording. Untrusted
// bytes: a failure is an Error with a `status` (0 unless HTTP's), thrown to the client's loop.

import {
  bodyLength, checkBlock, FORMAT_VERSION, FRAGMENT, HEAD, HEADER_BYTES, OVERHEAD, parseFragment, parseHead,
} from './archive.js';
import { VERSION } from './protocol.js';

const MAX_SYNC_BYTES = 16 * 1024;

/** An Error with an HTTP status (0: none). */
export function failure(message, status = 0) {
  const e = new Error(message);
  e.status = status;
  return e;
}

const isInt = (v, min = 0) => Number.isSafeInteger(v) && v >= min;

/** The sync JSON's fields checked: {sync}, or {why} it is not as specified. */
export function parseSync(bytes) {
  if (bytes.length > MAX_SYNC_BYTES) {
    return { why: 'sync too long' };
  }
  let j;
  try {
    j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { why: 'sync is not JSON' };
  }
  if (j === null || typeof j !== 'object') {
    return { why: 'sync is not a JSON object' };
  }
  const ints = ['protocolVersion', 'formatVersion', 'delayMs', 'fragment', 'startTick', 'endTick', 'endAgeMs', 'oldest'];
  const positive = ['tickHz', 'snapshotEveryTicks', 'fragmentTicks'];
  const bad = ints.find((k) => !isInt(j[k])) ?? positive.find((k) => !isInt(j[k], 1));
  if (bad !== undefined) {
    return { why: `sync: ${bad} is not a valid integer` };
  }
  if (j.protocolVersion !== VERSION || j.formatVersion !== FORMAT_VERSION) {
    return { why: `sync: protocol ${j.protocolVersion}, format ${j.formatVersion} (this client: ${VERSION}, ${FORMAT_VERSION})` };
  }
  if (typeof j.game !== 'string' || typeof j.ended !== 'boolean' || j.endTick < j.startTick || j.oldest > j.fragment) {
    return { why: 'sync: game, ended, endTick or oldest malformed' };
  }
  return { sync: j };
}

/** The sync of a response's bytes (parseSync), as the head held (if any) says: else a failure. */
export function checkSync(bytes, head) {
  const { sync, why } = parseSync(bytes);
  if (why !== undefined) {
    throw failure(why);
  }
  if (head !== null && (sync.game !== head.game || sync.tickHz !== head.tickHz
      || sync.fragmentTicks !== head.fragmentTicks || sync.snapshotEveryTicks !== head.snapshotEveryTicks)) {
    throw failure('sync: the rates or the game changed');
  }
  return sync;
}

/** A recording as readRecording gives one, with no fragment yet: what addFragment grows. */
export function emptyRecording(head) {
  return {
    head, fragments: [], markers: [], players: 0, endTick: 0, durationMs: 0, index: null, finished: false,
    damage: null, damageAt: -1, readableBytes: 0, bytes: new Uint8Array(0),
  };
}

/**
 * The clock anchor of a sync answer received at client time `at` (broadcast.js): with `origin`, the
 * client time it implies for C(0) (fragments F apart); a cached answer is late, so it implies a later one.
 */
export function anchorOf({ sync, at }) {
  const fragmentMs = (sync.fragmentTicks * 1000) / sync.tickHz;
  return { s0: at, endAgeMs: sync.endAgeMs, endTick: sync.endTick, fragment: sync.fragment, delayMs: sync.delayMs,
    origin: at - sync.endAgeMs - sync.fragment * fragmentMs };
}

/** Appends fragment f (its object of `size` bytes) to rec: markers, players, endTick, durationMs. */
export function addFragment(rec, seated, f, size) {
  for (const e of f.entries) {
    if (e.type === 'mark') {
      rec.markers.push({ tick: e.tick, text: e.text });
    } else if (e.type === 'join') {
      seated.add(e.playerId);
      rec.players = Math.max(rec.players, seated.size);
    } else if (e.type === 'leave') {
      seated.delete(e.playerId);
    }
  }
  rec.fragments.push({ offset: -1, ...f });
  rec.endTick = f.endTick;
  rec.durationMs = Math.floor(((rec.endTick - rec.fragments[0].startTick) * 1000) / rec.head.tickHz);
  rec.readableBytes += size;
}

/** The head from a start object: one HEAD block, its versions and rates as sync says. */
export function checkHead(bytes, sync) {
  const head = oneBlock(bytes, HEAD, 'start');
  const h = parseHead(head);
  if (h === null) {
    throw failure(`start: a malformed head (or a format version other than ${FORMAT_VERSION})`);
  }
  if (h.protocolVersion !== VERSION || h.game !== sync.game || h.tickHz !== sync.tickHz
      || h.snapshotEveryTicks !== sync.snapshotEveryTicks || h.fragmentTicks !== sync.fragmentTicks) {
    throw failure(`start: the head (protocol ${h.protocolVersion}, ${h.game}, ${h.tickHz} Hz) disagrees with sync`);
  }
  if (h.schema === null) {
    throw failure('start: the head\'s schema does not decode');
  }
  return h;
}

/** The fragment of a delta object: one FRAGMENT block without full, numbered n, entries well formed. */
export function checkDelta(bytes, n) {
  const f = parseFragment(oneBlock(bytes, FRAGMENT, `delta ${n}`));
  if (f === null || f.entries === null) {
    throw failure(`delta ${n}: a malformed fragment`);
  }
  if (f.number !== n || f.hasFull) {
    throw failure(`delta ${n}: fragment number ${f.number}${f.hasFull ? ' with a full' : ''} where ${n} was due`);
  }
  return f;
}

/** The body of bytes when they are exactly one good block of kind; else a failure. */
function oneBlock(bytes, kind, what) {
  const bad = checkBlock(bytes, 0);
  if (bad !== null) {
    throw failure(`${what}: ${bad}`);
  }
  const length = bodyLength(bytes, 0);
  if (bytes[0] !== kind || length + OVERHEAD !== bytes.length) {
    throw failure(`${what}: not one block of kind ${kind} (kind ${bytes[0]}, ${bytes.length} bytes)`);
  }
  return bytes.subarray(HEADER_BYTES, HEADER_BYTES + length);
}

/**
 * The listeners of a client's events: on(event, fn) -> unsubscribe (a TypeError for an unknown event),
 * emit(self, event, arg) calls each with `this` = self; a listener that throws does not stop the others.
 */
export function listeners(events) {
  const sets = new Map(events.map((e) => [e, new Set()]));
  return {
    on(event, fn) {
      const set = sets.get(event);
      if (set === undefined || typeof fn !== 'function') {
        throw new TypeError(`on('${event}'): unknown event or not a function (events: ${events.join(', ')})`);
      }
      set.add(fn);
      return () => set.delete(fn);
    },
    emit(self, event, arg) {
      for (const fn of sets.get(event)) {
        try {
          fn.call(self, arg);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
  };
}
