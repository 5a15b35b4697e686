// docs/deploy/nginx.conf's broadcast cache (location /broadcasts/) with Debian's nginx in front of
// the fake origin (support/broadcast-origin.js, a signed private room: every URL needs the query):
// 100 BroadcastClient viewers (real fetch through nginx, one virtual clock) watch every fragment of
// the golden arena recording; the origin counts the GETs of each object. Asserted: at most one GET
// per fragment object (start, full, delta) reaches the origin, every viewer got every fragment and
// replays every state, and a request without the signature is not served from the cache.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BroadcastClient } from '../../../sdk/index.js';
import { readRecording, RecordingPlayer } from '../../../sdk/recording.js';
import { startOrigin } from '../support/broadcast-origin.js';
import { FakeTimers, nextEvent } from '../support/fake-timers.js';
import { NGINX, startNginx, stopNginx } from '../support/nginx.js';
import { CLIENT_DEMO_DIR, GOLDEN } from './golden.js';

const VIEWERS = 100;
const D = 10_000;
const QUERY = '?exp=1999999999&sig=c2lnbmVkLWxpbmstZm9yLWEtcHJpdmF0ZS1yb29t';
const CONF = join(CLIENT_DEMO_DIR, '..', 'docs', 'deploy', 'nginx.conf');
const present = GOLDEN.exists();

function states(player) {
  const out = [];
  for (let ok = player.stateAt(player.firstTick) !== null; ok; ok = player.next()) {
    out.push(JSON.stringify(player.current.toJSON()));
  }
  return out;
}

describe('the nginx broadcast cache (docs/deploy/nginx.conf)', { skip: !present && 'golden vectors missing' }, () => {
  let origin;
  let nginx;
  let confDir;
  before(async () => {
    assert.ok(existsSync(NGINX), `${NGINX} is missing: .ci/run installs Debian's nginx`);
    origin = await startOrigin(GOLDEN.bytes('recordings/arena.tcrec'), { delayMs: D, query: QUERY });
    // both cluster nodes of the file are the origin; startNginx fills {{LISTEN}}
    confDir = mkdtempSync(join(tmpdir(), 'tickcast-bcast-conf-'));
    const upstream = `127.0.0.1:${origin.port}`;
    const conf = join(confDir, 'nginx.conf');
    writeFileSync(conf, readFileSync(CONF, 'utf8').replaceAll('{{NODE_A}}', upstream).replaceAll('{{NODE_B}}', upstream));
    nginx = await startNginx(conf, upstream);
    // run as root, nginx's workers are nobody: they must reach the cache under the (0700) prefix
    chmodSync(nginx.dir, 0o755);
  });
  after(async () => {
    await stopNginx(nginx);
    await origin?.close();
    if (confDir) {
      rmSync(confDir, { recursive: true, force: true });
    }
  });

  it(`lets ${VIEWERS} viewers watch every fragment for one origin GET per fragment object`, async () => {
    const frags = origin.objects.fragments;
    const C = (n) => 1_000_000 + n * 500;
    origin.publish(0, C(0));
    origin.clock.ms = C(0) + D + 50;
    const timers = new FakeTimers(0);
    const got = [];
    const errors = [];
    const viewers = Array.from({ length: VIEWERS }, (_, i) => {
      const b = new BroadcastClient(`${nginx.base}${origin.syncPath}`,
        { now: timers.now, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout, syncSamples: 0 });
      got[i] = [];
      b.on('fragment', (f) => got[i].push(f.number));
      b.on('error', (e) => errors.push(e.message));
      return b;
    });
    try {
      await Promise.all(viewers.map((b) => b.start()));
      for (let n = 1; n < frags.length; n++) {
        origin.publish(n, C(n));
        origin.clock.ms = C(n) + D + 50;
        await timers.pending(VIEWERS);
        const arrived = Promise.all(viewers.map((b) => nextEvent(b, 'fragment', 20_000)));
        timers.advance(timers.nextAt()); // every viewer's fetch of n is due at the same time
        await arrived;
      }
    } finally {
      viewers.forEach((b) => b.stop());
    }
    assert.deepStrictEqual(errors, []);
    const all = frags.map((f) => f.number);
    got.forEach((numbers, i) => assert.deepStrictEqual(numbers, all, `viewer ${i}`));
    const expected = states(new RecordingPlayer(readRecording(GOLDEN.bytes('recordings/arena.tcrec'))));
    viewers.forEach((b, i) => assert.deepStrictEqual(states(b.player), expected, `viewer ${i}`));
    const path = (n, object) => `/broadcasts/${origin.bid}/${n}/${object}`;
    const gets = Object.fromEntries([...origin.counts].filter(([p]) => !p.endsWith('/sync')));
    assert.deepStrictEqual(gets, {
      [path(0, 'start')]: 1, [path(0, 'full')]: 1, ...Object.fromEntries(all.map((n) => [path(n, 'delta'), 1])),
    }, 'one origin GET per fragment object');
    const syncs = origin.count(`/broadcasts/${origin.bid}/sync`);
    assert.ok(syncs >= 1 && syncs < VIEWERS, `${syncs} sync GETs reached the origin`);
    assert.equal(viewers.reduce((n, b) => n + b.stats.requests, 0), VIEWERS * (3 + frags.length));

    // the cache key holds the query: without the signature, the cached object is not served
    const bare = await fetch(`${nginx.base}${path(0, 'delta')}`);
    assert.equal(bare.status, 403);
    assert.equal(bare.headers.get('cache-control'), 'no-store');
    const signed = await fetch(`${nginx.base}${path(0, 'delta')}${QUERY}`);
    assert.equal(signed.status, 200);
    assert.equal(signed.headers.get('x-cache-status'), 'HIT');
    assert.equal(signed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    await signed.arrayBuffer();
    assert.deepStrictEqual(origin.statuses.get(path(0, 'delta')), [200, 403], 'the signed one from the cache');
  });
});
