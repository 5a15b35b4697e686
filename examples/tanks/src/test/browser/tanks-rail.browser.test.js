// The tanks rail gun in a real browser (issue 21, lag compensation): starts the stock server jar
// with the tanks jar, opens /tanks/ in two pages of Debian's Chromium (playwright-core), page B turns
// a quarter turn and drives across page A's line of fire (held keys), and page A fires the rail gun
// at B where A's page draws B (window.tanks.drawn(), then window.tanks.railAt: a right-click there).
// B is drawn an interpolation delay behind where the server has it, so the hit needs the server to
// judge the shot against A's view (the stamp the SDK adds, client.useInterpolator). Both pages must
// show the hit (#rail "Alice HIT Bob", data-last-rail "shooter,target,0": an exact, unclamped view).
// One shot, every wait bounded, no sleep. Screenshots: examples/tanks/target/screenshots/.
//
//   npm run test:browser                     (after `mvn package`, from examples/tanks/)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const MODULE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const REPO = resolve(MODULE, '..', '..');
const SERVER_JAR = process.env.TICKCAST_SERVER_JAR || join(REPO, 'server', 'target', 'tickcast-server.jar');
const TANKS_JAR = process.env.TICKCAST_TANKS_JAR || join(MODULE, 'target', 'tickcast-tanks.jar');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = join(MODULE, 'target', 'screenshots');
const WAIT_MS = 10_000;

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForHealth(base, server, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`server exited with ${server.exitCode}:\n${log.join('')}`);
    }
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no 200 from ${base}/health within 30 s:\n${log.join('')}`);
}

/** Collects console errors, page errors and dialogs of a page. */
function watch(page, label, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      problems.push(`${label} console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`${label} page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`${label} dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
}

async function open(page, base, name) {
  await page.goto(`${base}/tanks/?name=${encodeURIComponent(name)}`, { timeout: WAIT_MS });
  await page.waitForSelector('body[data-state="playing"]', { timeout: WAIT_MS });
  return page.evaluate(() => ({ room: document.body.dataset.roomId, player: window.tanks.myPlayerId() }));
}

describe('tanks rail gun', { timeout: 60_000 }, () => {
  let server = null;
  let context = null;
  let profile = null;
  let serverCwd = null;
  const serverLog = [];
  const problems = [];
  let base = '';

  before(async () => {
    assert.ok(existsSync(SERVER_JAR), `${SERVER_JAR} is missing: run mvn package first`);
    assert.ok(existsSync(TANKS_JAR), `${TANKS_JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const classpath = [process.env.TICKCAST_EXTRA_CLASSPATH, SERVER_JAR, TANKS_JAR].filter(Boolean).join(delimiter);
    serverCwd = mkdtempSync(join(tmpdir(), 'tanks-server-'));
    server = spawn('java', ['-cp', classpath, 'dev.tickcast.server.ServerMain', '--port', String(port),
      '--host', '127.0.0.1'], { cwd: serverCwd, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout.on('data', (d) => serverLog.push(d.toString()));
    server.stderr.on('data', (d) => serverLog.push(d.toString()));
    await waitForHealth(base, server, serverLog);
    const sdk = await fetch(`${base}/sdk/index.js`, { signal: AbortSignal.timeout(WAIT_MS) });
    assert.equal(sdk.status, 200, 'the server serves the SDK at /sdk/index.js (the page imports it)');
    profile = mkdtempSync(join(tmpdir(), 'pw-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 860 },
      timeout: WAIT_MS,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
    });
  });

  after(async () => {
    try {
      if (context) {
        await Promise.race([context.close(), new Promise((r) => setTimeout(r, 5000))]);
      }
    } finally {
      if (server && server.exitCode === null) {
        server.kill('SIGTERM');
        const exited = await Promise.race([
          new Promise((r) => server.once('exit', () => r(true))),
          new Promise((r) => setTimeout(() => r(false), 3000)),
        ]);
        if (!exited) {
          server.kill('SIGKILL');
        }
      }
      for (const dir of [profile, serverCwd]) {
        if (dir) {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  });

  it('B drives across A\'s line of fire, A fires the rail gun at B as drawn: both pages show the hit', async () => {
    const pageA = context.pages()[0] ?? await context.newPage();
    watch(pageA, 'A', problems);
    const a = await open(pageA, base, 'Alice');
    const pageB = await context.newPage();
    watch(pageB, 'B', problems);
    const b = await open(pageB, base, 'Bob');
    assert.equal(b.room, a.room, 'join-or-create puts both pages in one room');
    for (const page of [pageA, pageB]) {
      await page.waitForFunction(() => document.body.dataset.tanks === '2', null, { timeout: WAIT_MS });
    }
    // B as A's page draws it (null until drawn).
    const drawnOf = (player) => window.tanks.drawn().find((t) => t.player === player) ?? null;
    const start = await (await pageA.waitForFunction(drawnOf, b.player, { timeout: WAIT_MS })).jsonValue();

    // The first two tanks face each other across the centre: B turns a quarter turn (D held until
    // A draws it turned by 1.3 rad or more), then drives on (W held) across A's line of fire.
    await pageB.bringToFront();
    await pageB.keyboard.down('d');
    try {
      await pageA.waitForFunction(([player, h0]) => {
        const t = window.tanks.drawn().find((e) => e.player === player);
        return t !== undefined && Math.abs(Math.atan2(Math.sin(t.heading - h0), Math.cos(t.heading - h0))) >= 1.3;
      }, [b.player, start.heading], { timeout: WAIT_MS, polling: 'raf' });
    } finally {
      await pageB.keyboard.up('d');
    }
    const turned = await pageA.evaluate(drawnOf, b.player);
    await pageB.keyboard.down('w');
    try {
      // A draws B on the move (40 units or more from where it turned).
      await pageA.waitForFunction(([player, x0, y0]) => {
        const t = window.tanks.drawn().find((e) => e.player === player);
        return t && Math.hypot(t.x - x0, t.y - y0) > 40;
      }, [b.player, turned.x, turned.y], { timeout: WAIT_MS, polling: 'raf' });

      // A fires at B where its page draws B; the latest state (B a little further on) is noted.
      const shot = await pageA.evaluate((player) => {
        const target = window.tanks.drawn().find((t) => t.player === player);
        const latest = window.tanks.tanks().find((t) => t.player === player);
        window.tanks.railAt(target.x, target.y);
        return { drawn: { x: target.x, y: target.y }, latest: { x: latest.x, y: latest.y } };
      }, b.player);
      const expected = `${a.player},${b.player},0`;
      for (const page of [pageA, pageB]) {
        const seen = await page.waitForFunction(() => document.body.dataset.lastRail ?? null, null, { timeout: WAIT_MS })
          .then((h) => h.jsonValue());
        assert.equal(seen, expected, `shooter, target, clamped on ${page === pageA ? 'A' : 'B'}; B drawn at `
          + `${JSON.stringify(shot.drawn)}, latest state ${JSON.stringify(shot.latest)}`);
        assert.match(await page.evaluate(() => document.getElementById('rail').textContent), /^Alice HIT Bob$/);
        assert.equal(await page.evaluate(() => document.body.dataset.railHits), '1');
        await page.waitForFunction((e) => document.body.dataset.lastHit === e, `${a.player},${b.player},2`,
          { timeout: WAIT_MS });
      }
      mkdirSync(SCREENSHOTS, { recursive: true });
      await pageA.screenshot({ path: join(SCREENSHOTS, 'tanks-rail-a.png'), timeout: WAIT_MS });
      await pageB.screenshot({ path: join(SCREENSHOTS, 'tanks-rail-b.png'), timeout: WAIT_MS });
    } finally {
      await pageB.keyboard.up('w');
    }
    assert.deepStrictEqual(problems, [], 'no console error, page error or dialog');
  });
});
