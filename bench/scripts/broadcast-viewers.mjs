// The broadcast viewers bench of issue 22 (run by broadcast-viewers.sh, which starts the server and the
// bots): finds the busy arena room's broadcast in GET /rooms, waits for its first published fragment,
// starts Debian's nginx on docs/deploy/nginx.conf (both nodes: this server) and N BroadcastClient
// viewers (client-demo/sdk, real fetch and clock) through it, all at once. Every second, for each
// viewer: delay = (room tick now - tick shown now) / tickHz, the room's tick from the origin's
// GET /rooms (at the middle of that request), the tick shown from playbackTick at that instant (and
// the state at it must decode); the client's own estimate (delayMs) beside it. The origin's GETs:
// tickcast_broadcast_requests_total from GET /metrics before and after, and nginx's X-Cache-Status
// of every object the viewers fetched (a MISS or EXPIRED is a request nginx sent to the origin).
// Writes OUT.json and OUT.txt.
//
// node bench/scripts/broadcast-viewers.mjs --url http://127.0.0.1:PORT --viewers 100 --seconds 75 --out PREFIX

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BroadcastClient } from '../../client-demo/sdk/index.js';
import { startNginx, stopNginx } from '../../client-demo/src/test/support/nginx.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = Object.fromEntries(process.argv.slice(2).reduce((out, a, i, all) => (a.startsWith('--')
  ? [...out, [a.slice(2), all[i + 1]]] : out), []));
const origin = args.url;
const VIEWERS = Number(args.viewers ?? 100);
const SECONDS = Number(args.seconds ?? 75);
const STAGGER_MS = Number(args.stagger ?? 5000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, ms, fn) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => null);
    if (v) {
      return v;
    }
    await sleep(200);
  }
  throw new Error(`not within ${ms} ms: ${what}`);
}

async function rooms() {
  const j = await (await fetch(`${origin}/rooms`)).json();
  return Array.isArray(j) ? j : j.rooms ?? [];
}

/** tickcast_broadcast_requests_total by "object status" from the origin's /metrics. */
async function originRequests() {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const out = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('tickcast_broadcast_requests_total{')) {
      const object = /object="([^"]*)"/.exec(line)?.[1];
      const status = /status="([^"]*)"/.exec(line)?.[1];
      out[`${object} ${status}`] = (out[`${object} ${status}`] ?? 0) + Number(line.split(/\s+/).pop());
    }
  }
  return out;
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const r = (v) => Math.round(v);
  return { samples: s.length, min: r(s[0]), p50: r(at(0.5)), p95: r(at(0.95)), max: r(s[s.length - 1]) };
}

function countBy(xs) {
  return xs.reduce((o, x) => ({ ...o, [x]: (o[x] ?? 0) + 1 }), {});
}

const room = await until('a broadcasting arena room in GET /rooms', 60_000, async () =>
  (await rooms()).find((x) => x.game === 'arena' && typeof x.broadcast === 'string'));
const roomId = room.roomId ?? room.id;
const sync = await until('the first published fragment', 60_000, async () => {
  const r = await fetch(`${origin}${room.broadcast}`);
  return r.status === 200 ? r.json() : null;
});
const D = sync.delayMs;
const F = (sync.fragmentTicks * 1000) / sync.tickHz;

const confDir = mkdtempSync(join(tmpdir(), 'tickcast-bcast-bench-'));
const upstream = origin.replace(/^http:\/\//, '');
const conf = join(confDir, 'nginx.conf');
writeFileSync(conf, readFileSync(join(root, 'docs', 'deploy', 'nginx.conf'), 'utf8')
  .replaceAll('{{NODE_A}}', upstream).replaceAll('{{NODE_B}}', upstream));
const nginx = await startNginx(conf, upstream);
chmodSync(nginx.dir, 0o755); // nginx's workers (nobody, when run as root) reach the cache under the prefix

const fetched = []; // {path, status, cache}
const viewerFetch = async (url, init) => {
  const res = await fetch(url, init);
  fetched.push({ path: new URL(url).pathname, status: res.status, cache: res.headers.get('x-cache-status') });
  return res;
};
const before = await originRequests();
const load0 = loadavg();
const viewers = Array.from({ length: VIEWERS }, () => new BroadcastClient(`${nginx.base}${room.broadcast}`,
  { fetch: viewerFetch }));
const errors = [];
viewers.forEach((b) => b.on('error', (e) => errors.push(e.message)));
const delays = [];
const estimates = [];
const anchorErrors = []; // measured - the client's estimate: how stale the sync the client anchored on was
const roundTrips = [];
let undecodable = 0;
let lastRoom = room;
let dropped = 0;
let result;
try {
  // arrivals spread over the first STAGGER_MS, as viewers come (the cache lock and sync's max-age at work)
  await Promise.all(viewers.map((b, i) => sleep((i * STAGGER_MS) / VIEWERS).then(() => b.start())));
  for (let s = 0; s < SECONDS; s++) {
    await sleep(1000);
    const t0 = Date.now();
    const r = (await rooms()).find((x) => (x.roomId ?? x.id) === roomId);
    const t1 = Date.now();
    if (r === undefined) {
      throw new Error('the room is gone from GET /rooms (did the bots stop?)');
    }
    roundTrips.push(t1 - t0);
    lastRoom = r;
    const mid = (t0 + t1) / 2;
    for (const b of viewers) {
      const shown = b.playbackTick(mid);
      const measured = ((r.tick - shown) * 1000) / sync.tickHz;
      delays.push(measured);
      estimates.push(b.delayMs(mid));
      anchorErrors.push(measured - estimates[estimates.length - 1]);
      undecodable += b.player.stateAt(shown) === null ? 1 : 0;
    }
  }
} finally {
  viewers.forEach((b) => b.stop());
  dropped = viewers.reduce((n, b) => n + (b.stats.dropped ?? 0), 0);
  const after = await originRequests().catch(() => ({}));
  await stopNginx(nginx);
  rmSync(confDir, { recursive: true, force: true });
  result = { after };
}

const objects = new Map(); // path -> {ok, origin}
for (const f of fetched) {
  const m = /\/(\d+)\/(start|full|delta)$/.exec(f.path);
  if (m) {
    const o = objects.get(f.path) ?? { object: m[2], ok: 0, viaOrigin: 0, notYet: 0 };
    o.ok += f.status === 200 ? 1 : 0;
    o.notYet += f.status === 404 ? 1 : 0;
    o.viaOrigin += f.status === 200 && /^(MISS|EXPIRED|BYPASS)$/.test(f.cache ?? '') ? 1 : 0;
    objects.set(f.path, o);
  }
}
const held = [...objects.values()].filter((o) => o.ok > 0);
const byObject = {};
for (const kind of ['start', 'full', 'delta', 'sync']) {
  const d = (st) => (result.after[`${kind} ${st}`] ?? 0) - (before[`${kind} ${st}`] ?? 0);
  byObject[kind] = {
    distinctFetched: held.filter((o) => o.object === kind).length,
    viewerRequests200: fetched.filter((f) => f.status === 200 && f.path.endsWith(`/${kind}`)).length,
    origin2xx: d('2xx'),
    origin4xx: d('4xx'),
  };
}
const fragmentObjects = held.length;
const origin2xx = byObject.start.origin2xx + byObject.full.origin2xx + byObject.delta.origin2xx;
const maxMissPerObject = Math.max(0, ...held.map((o) => o.viaOrigin));
const delay = stats(delays);
const within = delays.filter((d) => d >= D && d <= D + F + 1000).length / delays.length;
const out = {
  command: args.command ?? null,
  note: args.note || null,
  machine: { cpus: cpus().length, loadavgAtStart: load0.map((x) => +x.toFixed(2)), loadavgAtEnd: loadavg().map((x) => +x.toFixed(2)) },
  setup: { viewers: VIEWERS, staggerMs: STAGGER_MS, seconds: SECONDS, game: sync.game, tickHz: sync.tickHz, delayMs: D, fragmentMs: F,
    marginMs: viewers[0].marginMs, syncSamples: viewers[0].syncSamples, roomPlayers: lastRoom.players,
    roomDroppedTicks: lastRoom.droppedTicks },
  delayMs: { goal: [D, D + F + 1000], ...delay, withinGoal: +within.toFixed(4),
    clientEstimate: stats(estimates), measuredMinusEstimate: stats(anchorErrors),
    syncCacheStatus: countBy(fetched.filter((f) => f.path.endsWith('/sync')).map((f) => f.cache ?? 'none')),
    roomsRoundTripMs: stats(roundTrips) },
  origin: { fragmentObjects, origin2xx, maxOriginGetsPerObject: maxMissPerObject,
    atMostOnePerObject: origin2xx <= fragmentObjects && maxMissPerObject <= 1, byObject },
  viewers: {
    fragments: viewers.reduce((n, b) => n + b.stats.fragments, 0),
    requests: viewers.reduce((n, b) => n + b.stats.requests, 0),
    notYet: viewers.reduce((n, b) => n + b.stats.notYet, 0),
    stalls: viewers.reduce((n, b) => n + b.stats.stalls, 0),
    errors: errors.length, firstErrors: [...new Set(errors)].slice(0, 5), undecodableSamples: undecodable, dropped,
  },
};
writeFileSync(`${args.out}.json`, `${JSON.stringify(out, null, 2)}\n`);
const o = out.origin;
const txt = `Broadcast viewers behind nginx (issue 22): ${VIEWERS} BroadcastClient viewers in node through Debian's nginx
(docs/deploy/nginx.conf) in front of the server jar (--record arena, stock delay and fragments), one arena room
with 16 bots (tickcast-bench arena; ${out.setup.roomPlayers} players listed, ${out.setup.roomDroppedTicks} dropped ticks); the viewers arrive over ${STAGGER_MS / 1000} s, then ${SECONDS} s of viewing,
sampled every second.
command: ${out.command}
${out.note ? `note: ${out.note}\n` : ''}machine: ${out.machine.cpus} cores, load average ${out.machine.loadavgAtStart.join(' ')} at start, \
${out.machine.loadavgAtEnd.join(' ')} at end

Delay behind live = (room tick from GET /rooms - tick shown) / ${sync.tickHz} Hz, per viewer per second (${delay.samples} samples):
  min ${delay.min} ms, p50 ${delay.p50} ms, p95 ${delay.p95} ms, max ${delay.max} ms
  goal [D, D + F + 1 s] = [${D}, ${D + F + 1000}] ms: ${(within * 100).toFixed(2)} % of samples within
  the client's own estimate (delayMs): p50 ${out.delayMs.clientEstimate.p50} ms, max ${out.delayMs.clientEstimate.max} ms; \
GET /rooms round trip p50 ${out.delayMs.roomsRoundTripMs.p50} ms
  measured - estimate (how late the sync a viewer anchored on was: nginx serves sync up to max-age=1 s late,
  its cache lock's waiters 0.5 s more; the client keeps the earliest of its syncSamples): min ${out.delayMs.measuredMinusEstimate.min}, p50 ${out.delayMs.measuredMinusEstimate.p50}, p95 ${out.delayMs.measuredMinusEstimate.p95}, max ${out.delayMs.measuredMinusEstimate.max} ms; sync X-Cache-Status ${JSON.stringify(out.delayMs.syncCacheStatus)}
Origin GETs (tickcast_broadcast_requests_total, after - before) vs the fragment objects the viewers fetched:
${['start', 'full', 'delta', 'sync'].map((k) => `  ${k.padEnd(5)}: ${String(byObject[k].distinctFetched).padStart(4)} objects, \
${String(byObject[k].viewerRequests200).padStart(5)} viewer 200s, origin ${byObject[k].origin2xx} 2xx + ${byObject[k].origin4xx} 4xx`).join('\n')}
  fragment objects: ${fragmentObjects}, origin 2xx for them: ${origin2xx}; most origin fetches of one object (X-Cache-Status MISS): \
${maxMissPerObject} -> ${o.atMostOnePerObject ? 'at most one origin GET per fragment object' : 'MORE than one origin GET for some object'}
  (sync is cached for 1 s; the 4xx are "not yet published" 404s, no-store, which nginx passes through)
Viewers: ${out.viewers.fragments} fragments received, ${out.viewers.requests} requests, ${out.viewers.notYet} not-yet 404s, \
${out.viewers.stalls} stalls, ${out.viewers.errors} errors, ${undecodable} undecodable samples
`;
writeFileSync(`${args.out}.txt`, txt);
process.stdout.write(txt);
process.exit(0);
