// Replays by HTTP Range (sdk/replay.js) of game-logic's golden recordings, served by a loopback
// node server with one-range support: the states by range equal those in memory and those of a
// RecordingPlayer over the whole file at every tick; a cold seek costs one request; the truncated
// and corrupted copies are read up to the damage with readRecording's words; ReplayClock's
// arithmetic with injected times.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { openRecording, recordingFromBytes, ReplayClock } from '../../../sdk/replay.js';
import { readRecording, RecordingPlayer } from '../../../sdk/recording.js';
import { GOLDEN } from './golden.js';

const FILES = { arena: 'recordings/arena.tcrec', truncated: 'recordings/truncated.tcrec',
  corrupted: 'recordings/corrupted.tcrec' };

/** A server of the golden recordings at /{name}.tcrec, with one Range (bytes=a-b, a-, -n) or none. */
function rangeServer(log) {
  return createServer((req, res) => {
    const name = /^\/(\w+)\.tcrec$/.exec(req.url)?.[1];
    if (name === undefined || FILES[name] === undefined) {
      res.writeHead(404).end();
      return;
    }
    const data = Buffer.from(GOLDEN.bytes(FILES[name]));
    const range = req.headers.range;
    log.push(range ?? null);
    const m = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range);
    if (m === null) {
      res.writeHead(200, { 'Content-Length': data.length }).end(data);
      return;
    }
    let start = m[1] === '' ? Math.max(0, data.length - Number(m[2])) : Number(m[1]);
    const end = m[1] === '' || m[2] === '' ? data.length - 1 : Math.min(Number(m[2]), data.length - 1);
    if (start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${data.length}` }).end();
      return;
    }
    start = Math.max(0, start);
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${data.length}`, 'Content-Length': end - start + 1 })
      .end(data.subarray(start, end + 1));
  });
}

const sameState = (a, b) => assert.deepStrictEqual(a === null ? null : { tick: a.tick, tables: a.tables },
  b === null ? null : { tick: b.tick, tables: b.tables });

describe('replay by range', () => {
  const log = [];
  let server;
  let base;
  before(async () => {
    server = rangeServer(log);
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server.close());

  it('opens with the trailer, the index and the head: three requests, and the index\'s markers', async () => {
    log.length = 0;
    const rec = await openRecording(`${base}/arena.tcrec`);
    assert.equal(log.length, 3);
    assert.equal(log[0], 'bytes=-22');
    assert.match(log[1], /^bytes=\d+-9900$/, 'the index: up to the trailer of the 9,923-byte file');
    assert.equal(log[2], 'bytes=0-167', 'the head: up to the first fragment');
    assert.equal(rec.stats.requests, 3);
    const whole = readRecording(GOLDEN.bytes(FILES.arena));
    assert.deepStrictEqual(rec.markers, whole.index.markers);
    assert.deepStrictEqual(rec.markers, [{ tick: 45, text: 'first blood' }]);
    assert.equal(rec.firstTick, 3);
    assert.equal(rec.endTick, whole.endTick);
    assert.equal(rec.durationMs, whole.durationMs);
    assert.equal(rec.head.game, 'arena');
    assert.equal(rec.finished, true);
  });

  it('gives at every tick the states in memory and of a RecordingPlayer over the whole file', async () => {
    const bytes = GOLDEN.bytes(FILES.arena);
    const player = new RecordingPlayer(readRecording(bytes));
    const mem = recordingFromBytes(bytes);
    const ranged = await openRecording(`${base}/arena.tcrec`);
    const ticks = [];
    for (let t = 0; t <= ranged.endTick + 5; t++) {
      ticks.push(t);
    }
    for (const order of [ticks, [...ticks].reverse(), ticks.map((_, i) => ticks[(i * 37) % ticks.length])]) {
      for (const t of order) {
        const expected = player.stateAt(t);
        sameState(await mem.stateAt(t), expected);
        sameState(await ranged.stateAt(t), expected);
      }
    }
    assert.equal(ranged.damage, null);
    assert.equal(ranged.error, null);
  });

  it('costs one request per cold seek, covering the keyframe fragment through the one holding the tick', async () => {
    log.length = 0;
    const rec = await openRecording(`${base}/arena.tcrec`);
    const frags = readRecording(GOLDEN.bytes(FILES.arena)).fragments;
    const seek = async (tick) => {
      const before = rec.stats.requests;
      await rec.stateAt(tick);
      return rec.stats.requests - before;
    };
    assert.equal(await seek(40), 1, 'fragment 1 has no keyframe: fragments 0 and 1 in one request');
    assert.equal(log[3], `bytes=${frags[0].offset}-${frags[2].offset - 1}`);
    assert.equal(await seek(10), 0, 'cached');
    assert.equal(await seek(80), 1);
    assert.equal(await seek(3), 0);
    const cold = await openRecording(`${base}/arena.tcrec`, { cacheBytes: 0 });
    for (const t of [80, 10, 40, 70]) {
      const before = cold.stats.requests;
      assert.ok(await cold.stateAt(t));
      assert.equal(cold.stats.requests - before, 1, `a cold seek to ${t} with no cache`);
    }
  });

  it('asks once for fragments that several seeks at once need', async () => {
    const rec = await openRecording(`${base}/arena.tcrec`);
    const states = await Promise.all([40, 50, 35, 60].map((t) => rec.stateAt(t)));
    assert.deepStrictEqual(states.map((s) => s.tick), [39, 48, 33, 60]);
    assert.equal(rec.stats.requests, 4);
  });

  it('gives the events between two ticks of the fragments loaded', async () => {
    const rec = await openRecording(`${base}/arena.tcrec`);
    assert.deepStrictEqual(rec.eventsBetween(0, 100), []);
    await rec.stateAt(90);
    await rec.stateAt(40);
    const mem = recordingFromBytes(GOLDEN.bytes(FILES.arena));
    const strip = (es) => es.map(({ bytes, ...e }) => e);
    assert.deepStrictEqual(strip(rec.eventsBetween(0, 100)), strip(mem.eventsBetween(0, 100)));
    assert.deepStrictEqual(rec.eventsBetween(0, 100).map((e) => e.type),
      ['join', 'join', 'join', 'chat', 'gameMessage', 'mark', 'leave']);
    assert.deepStrictEqual(rec.eventsBetween(12, 45).map((e) => e.tick), [40, 45]);
  });

  it('reads a truncated file (no index) whole, up to the damage, with the error', async () => {
    log.length = 0;
    const rec = await openRecording(`${base}/truncated.tcrec`);
    assert.deepStrictEqual(log, ['bytes=-22', null]);
    const whole = readRecording(GOLDEN.bytes(FILES.truncated));
    assert.equal(rec.damage, 'damaged at byte 6608: block cut short (1614 of 3229 bytes)');
    assert.equal(rec.finished, false);
    assert.equal(rec.endTick, whole.endTick);
    const player = new RecordingPlayer(whole);
    for (let t = 0; t <= 100; t++) {
      sameState(await rec.stateAt(t), player.stateAt(t));
    }
  });

  it('reads a corrupted fragment by range up to the damage, with the error', async () => {
    const rec = await openRecording(`${base}/corrupted.tcrec`);
    const whole = readRecording(GOLDEN.bytes(FILES.corrupted));
    const player = new RecordingPlayer(whole);
    assert.ok(await rec.stateAt(20));
    assert.equal(rec.damage, null, 'not seen yet');
    for (let t = 0; t <= 100; t++) {
      sameState(await rec.stateAt(t), player.stateAt(t));
    }
    assert.equal(rec.damage, whole.damage);
    assert.equal(rec.damage, 'damaged at byte 5523: CRC32C mismatch in a block of kind 2');
    assert.equal(rec.endTick, whole.endTick);
    const mem = recordingFromBytes(GOLDEN.bytes(FILES.corrupted));
    assert.equal(mem.damage, whole.damage);
  });

  it('rejects an HTTP error, and reads a server that ignores Range whole', async () => {
    await assert.rejects(openRecording(`${base}/missing.tcrec`), /HTTP 404/);
    const bytes = GOLDEN.bytes(FILES.arena);
    const plain = async () => new Response(bytes, { status: 200 });
    const rec = await openRecording('http://x/a.tcrec', { fetch: plain });
    assert.equal(rec.stats.requests, 1);
    sameState(await rec.stateAt(50), new RecordingPlayer(readRecording(bytes)).stateAt(50));
    assert.throws(() => recordingFromBytes(new Uint8Array(3)), /not a readable recording: damaged at byte 0/);
  });
});

describe('ReplayClock', () => {
  const clock = () => new ReplayClock({ firstTick: 100, endTick: 1300, tickHz: 60 });

  it('stands still until played, then runs at tickHz times the speed', () => {
    const c = clock();
    assert.equal(c.tickAt(5000), 100);
    assert.equal(c.playing, false);
    c.play(1000);
    assert.equal(c.playing, true);
    assert.equal(c.tickAt(2000), 160);
    c.setSpeed(2, 2000);
    assert.equal(c.tickAt(2500), 220);
    c.setSpeed(0.25, 2500);
    assert.equal(c.tickAt(3500), 235);
    assert.equal(c.speed, 0.25);
  });

  it('clamps the speed to 0.25..8', () => {
    const c = clock();
    c.setSpeed(100, 0);
    assert.equal(c.speed, 8);
    c.setSpeed(0.01, 0);
    assert.equal(c.speed, 0.25);
    c.play(0);
    assert.equal(c.tickAt(1000), 115);
  });

  it('pauses where it is and plays on from there', () => {
    const c = clock();
    c.play(0);
    c.pause(500);
    assert.equal(c.tickAt(10_000), 130);
    assert.equal(c.playing, false);
    c.play(20_000);
    assert.equal(c.tickAt(21_000), 190);
  });

  it('seeks (clamped) while playing or paused', () => {
    const c = clock();
    c.seek(700, 0);
    assert.equal(c.tickAt(9000), 700);
    c.play(9000);
    c.seek(400, 10_000);
    assert.equal(c.tickAt(10_500), 430);
    c.seek(-5, 11_000);
    assert.equal(c.tickAt(11_000), 100);
    c.seek(99_999, 11_000);
    assert.equal(c.tickAt(11_000), 1300);
    assert.equal(c.ended, true);
    assert.equal(c.playing, false);
  });

  it('stops at the end, and plays again from the start', () => {
    const c = clock();
    c.play(0);
    assert.equal(c.tickAt(19_999), 1299);
    assert.equal(c.ended, false);
    assert.equal(c.tickAt(60_000), 1300);
    assert.equal(c.ended, true);
    assert.equal(c.playing, false);
    assert.equal(c.tickAt(70_000), 1300);
    c.play(80_000);
    assert.equal(c.tickAt(81_000), 160);
  });
});
