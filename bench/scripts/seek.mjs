// The seek bench of issue 22 (run by seek.sh): in headless Chromium, on a page of a running server's
// origin, imports /sdk/index.js and times N random seeks (seeded) in a 30-minute recording, first
// with the file in memory (recordingFromBytes of the fetched bytes), then by HTTP Range
// (openRecording of /recordings/{id}.tcrec, cold cache). A seek is `await rec.stateAt(tick)`.
// JIT warm-up: 10 seeks on a separate in-memory recording, not counted (the measured ones start
// with no checkpoint and no cached fragment). Writes OUT.json and OUT.txt.
//
// node bench/scripts/seek.mjs --url http://127.0.0.1:PORT --id ID --seeks 200 --seed 1 --out PREFIX [--note TEXT]

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { chromium } = createRequire(join(root, 'client-demo', 'package.json'))('playwright-core');
const args = Object.fromEntries(process.argv.slice(2).reduce((out, a, i, all) => (a.startsWith('--')
  ? [...out, [a.slice(2), all[i + 1]]] : out), []));
const seeks = Number(args.seeks ?? 200);
const seed = Number(args.seed ?? 1);

async function inPage({ id, seeks, seed }) {
  const sdk = await import('/sdk/index.js');
  let s = seed >>> 0;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const url = `/recordings/${id}.tcrec`;
  const t0 = performance.now();
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const fetchMs = performance.now() - t0;
  const t1 = performance.now();
  const mem = sdk.recordingFromBytes(bytes);
  const openMemMs = performance.now() - t1;
  const ticks = [];
  for (let i = 0; i < seeks; i++) {
    ticks.push(Math.floor(mem.firstTick + random() * (mem.endTick - mem.firstTick + 1)));
  }
  const warm = sdk.recordingFromBytes(bytes);
  for (let i = 0; i < 10; i++) {
    await warm.stateAt(ticks[(i * 17) % seeks]);
  }
  const run = async (rec) => {
    const times = [];
    const states = [];
    const requests = [];
    for (const t of ticks) {
      const before = rec.stats.requests;
      const a = performance.now();
      const state = await rec.stateAt(t);
      times.push(performance.now() - a);
      requests.push(rec.stats.requests - before);
      states.push(state === null ? -1 : state.tick);
    }
    return { times, states, requests };
  };
  const memory = await run(mem);
  const t2 = performance.now();
  const ranged = await sdk.openRecording(url);
  const openRangeMs = performance.now() - t2;
  const openStats = { ...ranged.stats };
  const range = await run(ranged);
  return {
    bytes: bytes.length, fetchMs, openMemMs, openRangeMs, openStats, rangeStats: { ...ranged.stats },
    firstTick: mem.firstTick, endTick: mem.endTick, durationMs: mem.durationMs, tickHz: mem.head.tickHz,
    markers: mem.markers.length, ticks, memory, range, userAgent: navigator.userAgent,
  };
}

const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'] });
let r;
try {
  const page = await browser.newPage();
  await page.goto(`${args.url}/`);
  r = await page.evaluate(inPage, { id: args.id, seeks, seed });
} finally {
  await browser.close();
}
const same = r.memory.states.every((t, i) => t === r.range.states[i] && t >= 0);
const memory = summary(r.memory.times);
const range = summary(r.range.times);
const maxRequests = Math.max(...r.range.requests);
const out = {
  command: args.command ?? process.argv.join(' '), note: args.note ?? '', date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
  browser: r.userAgent, node: process.version, recording: { id: args.id, bytes: r.bytes, durationMs: r.durationMs,
    firstTick: r.firstTick, endTick: r.endTick, tickHz: r.tickHz, markers: r.markers, make: args.make ?? '' },
  seeks, seed, statesAgree: same,
  memory: { ...memory, fetchMs: r.fetchMs, openMs: r.openMemMs },
  range: { ...range, openMs: r.openRangeMs, openRequests: r.openStats.requests, openBytes: r.openStats.bytes,
    requests: r.rangeStats.requests - r.openStats.requests, bytes: r.rangeStats.bytes - r.openStats.bytes,
    maxRequestsPerSeek: maxRequests },
  goal: { memoryP95Ms: 50, rangeP95Ms: 250 },
  samples: { ticks: r.ticks, memoryMs: r.memory.times, rangeMs: r.range.times, rangeRequests: r.range.requests },
};
const f = (x) => x.toFixed(1);
const text = [
  `Seek bench (issue 22): ${seeks} random seeks (seed ${seed}) in a ${f(r.durationMs / 60000)}-minute arena recording`
    + ` (${r.bytes} bytes, 16 bots, ${r.tickHz} Hz ticks, 20 Hz snapshots, 4 s fragments, a keyframe every 30 s)`,
  `in headless ${r.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, page of the server origin.`,
  `command: ${out.command}`,
  `recording: ${args.make ?? ''}`,
  `machine: ${out.machine.cpus} cores (${out.machine.model}), load average ${loadavg().map(f).join(' ')}`
    + (args.note ? `; ${args.note}` : ''),
  '',
  `in memory (recordingFromBytes): p50 ${f(memory.p50)} ms, p95 ${f(memory.p95)} ms, max ${f(memory.max)} ms`
    + `  (goal p95 <= 50 ms)  [fetch ${f(r.fetchMs)} ms, open ${f(r.openMemMs)} ms, not counted]`,
  `by range (openRecording):      p50 ${f(range.p50)} ms, p95 ${f(range.p95)} ms, max ${f(range.max)} ms`
    + `  (goal p95 <= 250 ms)  [open ${f(r.openRangeMs)} ms: ${r.openStats.requests} requests, ${r.openStats.bytes} bytes]`,
  `by range: ${out.range.requests} requests for ${seeks} seeks (at most ${maxRequests} per seek), ${out.range.bytes} bytes`,
  `states agree (memory vs range, tick of every seek): ${same}`,
  '',
].join('\n');
writeFileSync(`${args.out}.json`, `${JSON.stringify(out, null, 1)}\n`);
writeFileSync(`${args.out}.txt`, text);
process.stdout.write(text);
