// A long viewing holds a bounded window (sdk/broadcast.js keepMs, sdk/broadcast-player.js): a
// synthetic 30-minute broadcast (the golden arena head and its first state; then every snapshot
// a real delta from the one before, one field of every entity counting up) served by a fake origin
// (a fake fetch, no sockets) on a virtual clock. Asserted: the fragments held stay under the
// bound however long the viewing, the player gives the right state at the tick shown all along
// (each snapshot a delta: a wrong kept state or a wrong cursor after the indexes shift would show),
// seeks back to the oldest fragment held decode, and a viewer whose page never asked for a state
// is bounded too.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BitWriter } from '../../../sdk/bits.js';
import { BroadcastClient } from '../../../sdk/index.js';
import { readRecording, RecordingPlayer } from '../../../sdk/recording.js';
import { BOOL, STRING } from '../../../sdk/schema.js';
import { Writer } from '../../../sdk/writer.js';
import { block, broadcastObjects, encodeFull } from '../support/broadcast-origin.js';
import { FakeTimers, nextEvent } from '../support/fake-timers.js';
import { GOLDEN } from './golden.js';

const D = 10_000;
const T0 = 1_000_000;
const TICK0 = 300;
const MINUTES = 15;
const present = GOLDEN.exists();

/** The synthetic broadcast: start object, rates, state(j) and the fragments' objects, made on demand. */
function synthetic() {
  const archive = GOLDEN.bytes('recordings/arena.tcrec');
  const { head, start } = broadcastObjects(archive);
  const player = new RecordingPlayer(readRecording(archive));
  const base = player.stateAt(player.firstTick);
  const ti = base.tables.findIndex((t) => t.count > 0 && t.schema.fields.some((f) => f.type !== STRING && f.type !== BOOL));
  const fi = base.tables[ti].schema.fields.findIndex((f) => f.type !== STRING && f.type !== BOOL);
  const every = head.snapshotEveryTicks;
  const fragmentMs = (head.fragmentTicks * 1000) / head.tickHz;
  const tickOf = (j) => TICK0 + j * every;
  const state = (j) => ({
    tick: tickOf(j),
    tables: base.tables.map((t, k) => ({
      schema: t.schema, count: t.count, ids: t.ids,
      rows: k !== ti ? t.rows : t.rows.map((r) => r.map((v, f) => (f === fi ? (v + j) | 0 : v))),
    })),
  });
  /** SNAPSHOT j as a delta from j - 1, no predictor: field fi of every entity of table ti + 1. */
  const delta = (j) => {
    const w = new Writer();
    [34, tickOf(j), every, 0].forEach((v) => w.writeVarUInt(v));
    const bits = new BitWriter();
    base.tables.forEach((t, k) => {
      bits.writeU(0);
      bits.writeU(k === ti ? t.count : 0);
      if (k === ti) {
        bits.writeU(t.ids[0]);
        t.ids.forEach((id, r) => {
          if (r === 0) {
            bits.writeBit(0);
            bits.write(1 << fi, t.schema.fields.length);
          } else {
            bits.writeBit(1);
          }
          bits.writeS(1);
          if (r + 1 < t.count) {
            bits.writeU(t.ids[r + 1] - id - 1);
          }
        });
      }
      bits.writeU(0);
    });
    const h = w.toBytes();
    const body = bits.end();
    const out = new Uint8Array(h.length + body.length);
    out.set(h);
    out.set(body, h.length);
    return out;
  };
  const perFragment = head.fragmentTicks / every;
  const fragment = (n) => {
    const w = new Writer();
    [n, tickOf(n * perFragment), 0, perFragment].forEach((v) => w.writeVarUInt(v));
    let tick = tickOf(n * perFragment);
    for (let i = 0; i < perFragment; i++) {
      const j = n * perFragment + i;
      w.writeVarUInt(tickOf(j) - tick);
      tick = tickOf(j);
      w.writeByte(1);
      const snapshot = delta(j);
      w.writeVarUInt(snapshot.length);
      w.writeBytes(snapshot);
    }
    return block(2, w.toBytes());
  };
  return { head, start, base, ti, fi, every, fragmentMs, perFragment, tickOf, state, fragment };
}

/** A fake fetch serving the synthetic broadcast: fragment n finished at C(n) = T0 + (n + 1) * F, published D later. */
function fakeOrigin(s, timers) {
  const C = (n) => T0 + (n + 1) * s.fragmentMs;
  const newest = () => Math.floor((timers.ms - D - T0) / s.fragmentMs) - 1;
  const answer = (status, bytes) => ({ status, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
  return async (url) => {
    const path = new URL(url).pathname.split('/');
    const n = newest();
    if (path[3] === 'sync') {
      const h = s.head;
      return answer(200, new TextEncoder().encode(JSON.stringify({
        protocolVersion: h.protocolVersion, formatVersion: h.formatVersion, game: h.game, room: h.roomId,
        tickHz: h.tickHz, snapshotEveryTicks: h.snapshotEveryTicks, fragmentTicks: h.fragmentTicks, delayMs: D,
        fragment: n, startTick: s.tickOf(n * s.perFragment), endTick: s.tickOf((n + 1) * s.perFragment),
        endAgeMs: timers.ms - C(n), oldest: Math.max(0, n - 200), ended: false,
      })));
    }
    const m = Number(path[3]);
    if (m > n) {
      return answer(404, new Uint8Array(0));
    }
    const body = path[4] === 'start' ? s.start : path[4] === 'full' ? encodeFull(s.state(m * s.perFragment)) : s.fragment(m);
    return answer(200, body);
  };
}

/** Asserts that state is the synthetic one of its tick. */
function assertState(s, state, what) {
  assert.ok(state !== null, `${what}: no state`);
  const j = (state.tick - TICK0) / s.every;
  assert.ok(Number.isInteger(j) && j >= 0, `${what}: tick ${state.tick}`);
  const want = s.state(j);
  state.tables.forEach((t, k) => assert.deepStrictEqual([t.ids, t.rows], [want.tables[k].ids, want.tables[k].rows],
    `${what}: table ${k} at tick ${state.tick}`));
}

describe('BroadcastClient memory', { skip: !present && 'golden vectors missing' }, () => {
  it(`holds a bounded window of a ${MINUTES}-minute broadcast, every state decoding`, async () => {
    const s = synthetic();
    const timers = new FakeTimers(T0 + s.fragmentMs + D + 50);
    const fetch = fakeOrigin(s, timers);
    const options = { fetch, now: timers.now, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout, syncSamples: 0 };
    const watched = new BroadcastClient('http://origin.test/broadcasts/AbCdEfGhIjKlMnOpQrStUv/sync', options);
    const idle = new BroadcastClient('http://origin.test/broadcasts/AbCdEfGhIjKlMnOpQrStUv/sync', options);
    const errors = [];
    for (const b of [watched, idle]) {
      b.on('error', (e) => errors.push(e.message));
    }
    await Promise.all([watched.start(), idle.start()]);
    const bound = Math.ceil((watched.keepMs + 2 * s.fragmentMs + watched.marginMs) / s.fragmentMs) + 2;
    const fragments = (MINUTES * 60_000) / s.fragmentMs;
    let most = 0;
    try {
      for (let k = 1; k < fragments; k++) {
        await timers.pending(2);
        const got = [nextEvent(watched, 'fragment'), nextEvent(idle, 'fragment')];
        timers.fireNext();
        await Promise.all(got);
        assertState(s, watched.player.stateAt(watched.playbackTick()), `fragment ${k}`);
        if (k % 97 === 0) {
          // a seek back to the oldest fragment held, then on again
          assertState(s, watched.player.stateAt(watched.player.firstTick), `the oldest held at fragment ${k}`);
          assertState(s, watched.player.stateAt(watched.playbackTick()), `back at fragment ${k}`);
        }
        most = Math.max(most, watched.recording.fragments.length, idle.recording.fragments.length);
      }
    } finally {
      watched.stop();
      idle.stop();
    }
    assert.deepStrictEqual(errors, []);
    assert.ok(most <= bound, `${most} fragments held, bound ${bound}`);
    for (const b of [watched, idle]) {
      assert.equal(b.stats.fragments, fragments);
      assert.equal(b.stats.dropped + b.recording.fragments.length, fragments);
      assert.ok(b.recording.fragments.length >= bound - 6, `${b.recording.fragments.length} held: the window is kept`);
      const fs = b.recording.fragments;
      fs.forEach((f, i) => assert.equal(f.number, fs[0].number + i));
      assert.ok(b.playbackTick() - fs[0].startTick >= (b.keepMs * s.head.tickHz) / 1000, 'keepMs behind the tick shown held');
      assertState(s, b.player.stateAt(b.playbackTick()), 'at the end');
      assertState(s, b.player.stateAt(b.player.firstTick), 'the oldest held at the end');
      // every state of the window, in order
      let n = 0;
      for (const state of b.player.states()) {
        assertState(s, state, `state ${n++}`);
      }
      assert.equal(n, fs.length * s.perFragment);
    }
  });
});
