// A fake broadcast origin for the tests: an in-process node http server with the routes of
// docs/PROTOCOL.md "Delayed broadcast" (sync, {n}/start, {n}/full, {n}/delta; GET and HEAD), its
// objects cut from a recording archive (the golden arena.tcrec): start = the HEAD block, full = a
// fragment's keyframe (re-encoded from the replayed state where the finished file thinned it away,
// as a live recorder always carries one), delta = the fragment re-framed without full, CRC
// recomputed. Fragments are published by the test (publish(n, finishedAtMs)) on the origin's own
// controllable clock (origin.clock.ms); the origin counts every request per path and status.

import { createServer } from 'node:http';
import { BitWriter } from '../../../sdk/bits.js';
import { crc32c, readRecording, RecordingPlayer } from '../../../sdk/recording.js';
import { BOOL, STRING } from '../../../sdk/schema.js';
import { Writer } from '../../../sdk/writer.js';

const BID = /^[A-Za-z0-9_-]{22}$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A block: kind, u32 LE length, body, CRC32C of all that. */
export function block(kind, body) {
  const out = new Uint8Array(body.length + 9);
  const v = new DataView(out.buffer);
  out[0] = kind;
  v.setUint32(1, body.length, true);
  out.set(body, 5);
  v.setUint32(5 + body.length, crc32c(out, 0, 5 + body.length), true);
  return out;
}

/** A full SNAPSHOT (from the empty state) of a State, as the Java encoder codes one (recording.test.js). */
export function encodeFull(state) {
  const head = new Writer();
  head.writeVarUInt(34);
  head.writeVarUInt(state.tick);
  head.writeVarUInt(0);
  head.writeVarUInt(0);
  const bits = new BitWriter();
  for (const t of state.tables) {
    const fields = t.schema.fields;
    bits.writeU(0);
    bits.writeU(0);
    bits.writeU(t.count);
    let prev = -1;
    t.ids.forEach((id, row) => {
      bits.writeU(id - prev - 1);
      prev = id;
      const vals = t.rows[row];
      let mask = 0;
      fields.forEach((f, k) => {
        mask |= (f.type === STRING ? vals[k] !== '' : vals[k] !== 0) ? 1 << k : 0;
      });
      bits.write(mask, fields.length);
      fields.forEach((f, k) => {
        if ((mask & (1 << k)) === 0 || f.type === BOOL) {
          return;
        }
        f.type === STRING ? bits.writeString(vals[k]) : bits.writeS(vals[k]);
      });
    });
  }
  return concat([head.toBytes(), bits.end()]);
}

/** The broadcast objects of an archive: {head, start, fragments: [{number, startTick, endTick, full, delta}]}. */
export function broadcastObjects(archive) {
  const rec = readRecording(archive);
  const start = archive.subarray(0, rec.fragments[0].offset);
  const player = new RecordingPlayer(rec);
  const fragments = rec.fragments.map((f) => {
    const at = f.offset + 5;
    const body = archive.subarray(at, at + (archive[f.offset + 1] | (archive[f.offset + 2] << 8)
      | (archive[f.offset + 3] << 16) | (archive[f.offset + 4] << 24)));
    const rest = f.full === null ? skipStart(body) : f.full.byteOffset + f.full.length - body.byteOffset;
    const w = new Writer();
    w.writeVarUInt(f.number);
    w.writeVarUInt(f.startTick);
    w.writeVarUInt(0);
    const delta = block(2, concat([w.toBytes(), body.subarray(rest)]));
    const full = f.full ?? encodeFull(player.stateAt(f.startTick));
    return { number: f.number, startTick: f.startTick, endTick: f.endTick, full, delta };
  });
  return { head: rec.head, start, fragments };
}

/** The offset after number, startTick and flags (0) of a fragment body without full. */
function skipStart(body) {
  let at = 0;
  for (let n = 0; n < 3; n++) {
    while (body[at++] & 0x80) {
      // a varuint's continuation bytes
    }
  }
  return at;
}

/**
 * Starts the origin on a free loopback port. options: delayMs (what sync says; the test decides
 * when a fragment is published), query (if set, every request must carry exactly this query: 403
 * otherwise), bid. The result: base, syncUrl, publish(n, finishedAtMs), end(), clock {ms}, held
 * (oldest fragment kept), corrupt(n), counts (path -> n), statuses (path -> [status]), close().
 */
export async function startOrigin(archive, { delayMs = 10_000, query = '', bid = 'AbCdEfGhIjKlMnOpQrStUv' } = {}) {
  const objects = broadcastObjects(archive);
  const { head, fragments } = objects;
  const o = {
    objects, bid, clock: { ms: 0 }, published: [], ended: false, oldest: 0, counts: new Map(), statuses: new Map(),
    deltas: fragments.map((f) => f.delta),
  };
  o.publish = (n, finishedAtMs = o.clock.ms - delayMs) => {
    if (n !== o.published.length || n >= fragments.length) {
      throw new Error(`publish ${n}: ${o.published.length} is next, ${fragments.length} fragments`);
    }
    o.published.push(finishedAtMs);
  };
  o.end = () => {
    o.ended = true;
  };
  o.corrupt = (n) => {
    o.deltas[n] = Uint8Array.from(fragments[n].delta);
    o.deltas[n][o.deltas[n].length - 12] ^= 0x40;
  };
  o.count = (path) => o.counts.get(path) ?? 0;
  const sync = () => {
    const n = o.published.length - 1;
    const f = fragments[n];
    const last = o.ended && n === fragments.length - 1;
    return {
      protocolVersion: head.protocolVersion, formatVersion: head.formatVersion, game: head.game, room: head.roomId,
      tickHz: head.tickHz, snapshotEveryTicks: head.snapshotEveryTicks, fragmentTicks: head.fragmentTicks, delayMs,
      fragment: n, startTick: f.startTick,
      endTick: last ? f.endTick + head.snapshotEveryTicks : f.startTick + head.fragmentTicks,
      endAgeMs: o.clock.ms - o.published[n], oldest: o.oldest, ended: last,
    };
  };
  const answer = (req, res, status, cache, type, body) => {
    const path = req.url.split('?')[0];
    o.counts.set(path, o.count(path) + 1);
    o.statuses.set(path, [...(o.statuses.get(path) ?? []), status]);
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const json = (value) => Buffer.from(JSON.stringify(value));
  const route = (req, res) => {
    const q = req.url.indexOf('?');
    const parts = (q < 0 ? req.url : req.url.slice(0, q)).split('/');
    if (parts[1] !== 'broadcasts' || !BID.test(parts[2] ?? '') || parts[2] !== bid
        || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return answer(req, res, 404, 'no-store', 'application/json', json({ error: 'no such broadcast' }));
    }
    if (query !== '' && (q < 0 ? '' : req.url.slice(q)) !== query) {
      return answer(req, res, 403, 'no-store', 'application/json', json({ error: 'bad signature' }));
    }
    if (parts.length === 4 && parts[3] === 'sync') {
      return o.published.length === 0
        ? answer(req, res, 404, 'no-store', 'application/json', json({ error: 'nothing published yet' }))
        : answer(req, res, 200, 'public, max-age=1', 'application/json', json(sync()));
    }
    const n = /^(0|[1-9][0-9]{0,9})$/.test(parts[3] ?? '') ? Number(parts[3]) : -1;
    const object = parts[4];
    if (parts.length !== 5 || n < 0 || n >= 2 ** 31 || !['start', 'full', 'delta'].includes(object)) {
      return answer(req, res, 400, 'no-store', 'application/json', json({ error: 'bad path' }));
    }
    if (n >= o.published.length) {
      return answer(req, res, 404, 'no-store', 'application/json', json({ error: 'not published yet' }));
    }
    if (n < o.oldest) {
      return answer(req, res, 410, 'public, max-age=60', 'application/json', json({ error: 'gone' }));
    }
    const body = object === 'start' ? objects.start : object === 'full' ? fragments[n].full : o.deltas[n];
    return answer(req, res, 200, IMMUTABLE, 'application/octet-stream', Buffer.from(body));
  };
  const server = createServer(route);
  server.keepAliveTimeout = 60_000;
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  o.port = server.address().port;
  o.base = `http://127.0.0.1:${o.port}`;
  o.syncPath = `/broadcasts/${bid}/sync${query}`;
  o.syncUrl = `${o.base}${o.syncPath}`;
  o.close = () => new Promise((res) => {
    server.closeAllConnections();
    server.close(() => res());
  });
  return o;
}
