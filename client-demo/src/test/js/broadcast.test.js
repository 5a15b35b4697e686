// The delayed broadcast client (sdk/broadcast.js) against a fake origin (support/broadcast-origin.js)
// serving the golden arena recording as sync/start/full/delta over real loopback HTTP, on a virtual
// client clock (support/fake-timers.js): every snapshot state of the recording reproduced from any
// fragment, a 404 then 200, a corrupted delta as an 'error' event, 410 starting over, the clock's
// arithmetic, a signed query carried to every object URL.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BroadcastClient } from '../../../sdk/index.js';
import { readRecording, RecordingPlayer } from '../../../sdk/recording.js';
import { block, startOrigin } from '../support/broadcast-origin.js';
import { FakeTimers, nextEvent } from '../support/fake-timers.js';
import { GOLDEN } from './golden.js';

const D = 10_000;
const T0 = 1_000_000;
/** Fragment n of the golden arena recording (30 ticks at 60 Hz) finished at C(n) on the origin's clock. */
const C = (n) => T0 + n * 500;

const present = GOLDEN.exists();
const archive = present ? GOLDEN.bytes('recordings/arena.tcrec') : null;

/** tick -> state JSON of the whole file, as a RecordingPlayer plays it. */
function referenceStates() {
  const player = new RecordingPlayer(readRecording(archive));
  const out = new Map();
  for (let ok = player.stateAt(player.firstTick) !== null; ok; ok = player.next()) {
    out.set(player.current.tick, player.current.toJSON());
  }
  return out;
}

/** Every state a broadcast client's player gives, from its first tick on. */
function playedStates(player) {
  const out = new Map();
  for (let ok = player.stateAt(player.firstTick) !== null; ok; ok = player.next()) {
    out.set(player.current.tick, player.current.toJSON());
  }
  assert.equal(player.error, null);
  return out;
}

/** Publishes fragments 0..k, the origin's clock 50 ms after k's publication. */
function publishUpTo(origin, k) {
  for (let n = origin.published.length; n <= k; n++) {
    origin.publish(n, C(n));
  }
  origin.clock.ms = C(k) + D + 50;
}

function client(origin, timers, url = origin.syncUrl) {
  return new BroadcastClient(url, { now: timers.now, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout,
    syncSamples: 0 });
}

/** Publishes fragment n and fires the client's due timer; resolves with the 'fragment' event. */
async function deliver(origin, timers, b, n) {
  publishUpTo(origin, n);
  await timers.pending();
  const got = nextEvent(b, 'fragment');
  timers.fireNext();
  return got;
}

describe('BroadcastClient', { skip: !present && 'golden vectors missing' }, () => {
  let reference;
  const origins = [];
  const newOrigin = async (options) => {
    const o = await startOrigin(archive, { delayMs: D, ...options });
    origins.push(o);
    return o;
  };
  before(() => {
    reference = referenceStates();
  });
  after(async () => {
    await Promise.all(origins.map((o) => o.close()));
  });

  for (const k of [0, 1, 2]) {
    it(`reproduces every snapshot state of the recording starting at fragment ${k}`, async () => {
      const origin = await newOrigin();
      publishUpTo(origin, k);
      const timers = new FakeTimers(5000);
      const b = client(origin, timers);
      const errors = [];
      b.on('error', (e) => errors.push(e));
      await b.start();
      const frags = origin.objects.fragments;
      assert.equal(b.player.firstTick, frags[k].startTick);
      for (let n = k + 1; n < frags.length; n++) {
        assert.equal((await deliver(origin, timers, b, n)).number, n);
      }
      origin.end();
      const ended = nextEvent(b, 'ended');
      for (let i = 0; i < 10 && !b.ended; i++) {
        await Promise.race([timers.pending(), ended]);
        if (!b.ended) {
          timers.fireNext();
        }
      }
      await ended;
      b.stop();
      assert.deepStrictEqual(errors, []);
      const expected = new Map([...reference].filter(([tick]) => tick >= frags[k].startTick));
      assert.deepStrictEqual(playedStates(b.player), expected);
      assert.equal(b.stats.fragments, frags.length - k);
      assert.equal(b.recording.endTick, frags[frags.length - 1].endTick);
    });
  }

  it('follows the clock: live tick, shown tick, delay, the next fetch due, a stall', async () => {
    const origin = await newOrigin();
    publishUpTo(origin, 0); // A = D + 50 at sync
    const timers = new FakeTimers(1000);
    const b = client(origin, timers);
    const stalls = [];
    b.on('stall', (s) => stalls.push(s));
    await b.start();
    assert.equal(b.sync.endAgeMs, D + 50);
    // E = 3 + 30; liveTick(t) = 33 + (10050 + t - 1000) * 60 / 1000
    assert.equal(b.liveTick(1000), 33 + 603);
    // shown = live - (D + F + margin) = live - 11000 ms = live - 660 ticks, at least the first tick held
    assert.equal(b.playbackTick(1000), 3);
    assert.equal(b.playbackTick(1000 + 450), 3);
    assert.equal(b.playbackTick(1000 + 650), 15);
    assert.equal(b.delayMs(1000 + 650), 11_000);
    // fragment 1 is due at s0 - A + F + D + 100
    await timers.pending();
    assert.equal(timers.nextAt(), 1000 - (D + 50) + 500 + D + 100);
    // past the last tick held (30): a stall, reported once
    assert.equal(b.playbackTick(1000 + 900), 30);
    assert.deepStrictEqual(stalls, []);
    assert.equal(b.playbackTick(1000 + 950), 30);
    assert.equal(b.playbackTick(1000 + 1200), 30);
    assert.deepStrictEqual(stalls, [{ tick: 30 }]);
    assert.equal(b.stats.stalls, 1);
    b.stop();
  });

  it('asks again every 250 ms while a fragment is not published (404), then takes it', async () => {
    const origin = await newOrigin();
    publishUpTo(origin, 0);
    const timers = new FakeTimers(0);
    const b = client(origin, timers);
    await b.start();
    await timers.pending();
    timers.fireNext(); // fragment 1 not published yet: 404
    await timers.pending();
    const retryAt = timers.nextAt();
    assert.equal(retryAt, timers.ms + 250);
    assert.equal(b.stats.notYet, 1);
    const got = await deliver(origin, timers, b, 1);
    assert.equal(got.number, 1);
    assert.deepStrictEqual(origin.statuses.get(`/broadcasts/${origin.bid}/1/delta`), [404, 200]);
    b.stop();
  });

  it('turns a corrupted delta into one error event, then backs off and asks sync again', async () => {
    const origin = await newOrigin();
    publishUpTo(origin, 0);
    origin.corrupt(1);
    const timers = new FakeTimers(0);
    const b = client(origin, timers);
    await b.start();
    const error = nextEvent(b, 'error');
    publishUpTo(origin, 1);
    await timers.pending();
    timers.fireNext();
    assert.match((await error).message, /delta 1: CRC32C mismatch in a block of kind 2/);
    await timers.pending();
    assert.equal(timers.nextAt(), timers.ms + 500);
    assert.equal(b.stats.errors, 1);
    assert.equal(b.stats.fragments, 1);
    b.stop();
  });

  it('rejects start, with an error event, on a corrupted first delta', async () => {
    const origin = await newOrigin();
    publishUpTo(origin, 0);
    origin.corrupt(0);
    const b = client(origin, new FakeTimers(0));
    const errors = [];
    b.on('error', (e) => errors.push(e.message));
    await assert.rejects(b.start(), /delta 0: CRC32C mismatch/);
    assert.equal(errors.length, 1);
  });

  it('starts over at the newest fragment when the next one is gone (410)', async () => {
    const origin = await newOrigin();
    publishUpTo(origin, 0);
    const timers = new FakeTimers(0);
    const b = client(origin, timers);
    await b.start();
    const first = b.player;
    publishUpTo(origin, 2);
    origin.oldest = 2;
    await timers.pending();
    const got = nextEvent(b, 'fragment');
    timers.fireNext();
    assert.equal((await got).number, 2);
    assert.notEqual(b.player, first);
    assert.equal(b.player.firstTick, origin.objects.fragments[2].startTick);
    assert.deepStrictEqual(origin.statuses.get(`/broadcasts/${origin.bid}/1/delta`), [410]);
    b.stop();
  });

  it('carries the sync URL\'s query (a signed link) to every object URL', async () => {
    const query = '?exp=1999999999&sig=Zm9vYmFyLWJhei1xdXV4LXNpZ25hdHVyZS0xMjM0NTY';
    const origin = await newOrigin({ query });
    publishUpTo(origin, 0);
    const timers = new FakeTimers(0);
    const b = client(origin, timers, origin.syncUrl);
    await b.start();
    await deliver(origin, timers, b, 1);
    b.stop();
    assert.equal(b.objectUrl(7, 'full'), `${origin.base}/broadcasts/${origin.bid}/7/full${query}`);
    const statuses = [...origin.statuses.values()].flat();
    assert.equal(statuses.length, 5);
    assert.ok(statuses.every((s) => s === 200), String(statuses));
    const unsigned = await newOrigin({ query });
    publishUpTo(unsigned, 0);
    const bare = client(unsigned, new FakeTimers(0), `${unsigned.base}/broadcasts/${unsigned.bid}/sync`);
    bare.on('error', () => {});
    await assert.rejects(bare.start(), /HTTP 403/);
  });

  /** A fetch that answers `url` ending in `suffix` with `bytes` (status 200), else the real one. */
  const replacing = (suffix, bytes) => async (url, init) => (url.split('?')[0].endsWith(suffix)
    ? new Response(bytes, { status: 200 }) : fetch(url, init));

  it('keeps the earliest anchor of its sync samples: a late (cached) sync does not put it further behind', async () => {
    const origin = await newOrigin();
    publishUpTo(origin, 1);
    const originAt0 = origin.clock.ms;
    const timers = new FakeTimers(0);
    let late = 1500;
    const f = async (url, init) => {
      origin.clock.ms = originAt0 + timers.ms;
      const res = await fetch(url, init);
      if (!url.endsWith('/sync') || late === 0) {
        return res;
      }
      const j = await res.json();
      const answer = new Response(JSON.stringify({ ...j, endAgeMs: j.endAgeMs - late }), { status: 200 });
      late = 0;
      return answer;
    };
    const b = new BroadcastClient(origin.syncUrl, { fetch: f, now: timers.now, setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout });
    const errors = [];
    b.on('error', (e) => errors.push(e.message));
    await b.start();
    const h = b.head;
    const F = (h.fragmentTicks * 1000) / h.tickHz;
    const truth = (t) => origin.objects.fragments[1].startTick + h.fragmentTicks + ((originAt0 + t - C(1)) * h.tickHz) / 1000;
    assert.ok(Math.abs(truth(0) - b.liveTick(0) - (1500 * h.tickHz) / 1000) < 1e-9, 'the late sync anchors 1.5 s behind');
    assert.deepStrictEqual(timers.timers.map((t) => t.at), [250, F - 50 + 1500 + 100]);
    timers.fireNext();
    await timers.pending(2);
    assert.ok(Math.abs(truth(250) - b.liveTick(250)) < 1e-9, 'the fresh sample anchors on time');
    assert.deepStrictEqual(timers.timers.map((t) => t.at), [500, F - 50 + 100], 'the due fetch moved up');
    const got = nextEvent(b, 'fragment');
    publishUpTo(origin, 2);
    timers.advance(F + 50); // the next sample (500) and the due fetch of fragment 2 (550)
    assert.equal((await got).number, 2);
    b.stop();
    assert.deepStrictEqual(errors, []);
    assert.ok(b.stats.requests >= 6, `${b.stats.requests} requests: sync, start, full, delta, the samples`);
  });

  it('checks the versions, the head against sync, and the fragment numbers', async () => {
    const origin = await newOrigin();
    publishUpTo(origin, 1);
    const timers = new FakeTimers(0);
    const start = (f) => {
      const b = new BroadcastClient(origin.syncUrl, { fetch: f, now: timers.now, setTimeout: timers.setTimeout, syncSamples: 0 });
      b.on('error', () => {});
      return b.start();
    };
    const sync = await (await fetch(origin.syncUrl)).json();
    const json = (v) => new TextEncoder().encode(JSON.stringify(v));
    await assert.rejects(start(replacing('/sync', json({ ...sync, protocolVersion: 3 }))), /sync: protocol 3, format 1/);
    await assert.rejects(start(replacing('/sync', json({ ...sync, formatVersion: 2 }))), /sync: protocol 2, format 2/);
    await assert.rejects(start(replacing('/sync', json({ ...sync, fragment: -1 }))), /sync: fragment is not/);
    await assert.rejects(start(replacing('/sync', new Uint8Array([0x7b]))), /sync is not JSON/);
    const headBody = origin.objects.start.slice(5, origin.objects.start.length - 4);
    headBody[6] = 3; // the head's protocol version
    await assert.rejects(start(replacing('/1/start', block(1, headBody))), /disagrees with sync/);
    headBody[6] = 2;
    headBody[5] = 2; // its format version
    await assert.rejects(start(replacing('/1/start', block(1, headBody))), /start: a malformed head/);
    await assert.rejects(start(replacing('/1/start', origin.objects.fragments[1].delta)), /start: not one block of kind 1/);
    await assert.rejects(start(replacing('/1/delta', origin.objects.fragments[0].delta)),
      /delta 1: fragment number 0 where 1 was due/);
    const long = new Uint8Array(origin.objects.fragments[1].delta.length + 1);
    long.set(origin.objects.fragments[1].delta);
    await assert.rejects(start(replacing('/1/delta', long)), /delta 1: not one block of kind 2/);
  });

  it('refuses a sync URL that does not end in /sync', () => {
    assert.throws(() => new BroadcastClient('http://x/broadcasts/abc/start'), TypeError);
  });
});
