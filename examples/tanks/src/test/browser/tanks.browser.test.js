// The tanks page in a real browser: starts the stock server jar with the tanks jar on its class
// path, opens /tanks/ in two pages of Debian's Chromium (playwright-core, no browser download),
// checks that each page sees both tanks, fires from page A with the keyboard until page B's tank is
// hit, and checks that both pages received the HIT. Deterministic: the first two tanks of a room
// spawn facing each other across the centre (TankGame's spawn layout) and nobody drives, so Space
// (a FIRE along the turret) aims at the other tank. Every wait is bounded; the server is killed at
// the end. Screenshots: examples/tanks/target/screenshots/.
//
//   npm run test:browser                     (after `mvn package`, from examples/tanks/)
//   TICKCAST_SERVER_JAR=... TICKCAST_TANKS_JAR=... CHROMIUM=/usr/bin/chromium npm run test:browser
//
// TICKCAST_EXTRA_CLASSPATH, if set, is put first on the server's class path (for example a folder
// holding META-INF/tickcast/webroot/sdk/ to try the page against an unreleased SDK).

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

describe('tanks page', { timeout: 60_000 }, () => {
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

  it('two pages see both tanks, each fires with Space and both see each hit, a tank driven with W moves', async () => {
    const pageA = context.pages()[0] ?? await context.newPage();
    watch(pageA, 'A', problems);
    const a = await open(pageA, base, 'Alice');
    const pageB = await context.newPage();
    watch(pageB, 'B', problems);
    const b = await open(pageB, base, 'Bob');
    assert.ok(a.room, 'page A shows a room id');
    assert.equal(b.room, a.room, 'join-or-create puts both pages in one room');
    assert.notEqual(a.player, b.player);

    for (const page of [pageA, pageB]) {
      await page.waitForFunction(() => document.body.dataset.tanks === '2'
        && ['Alice', 'Bob'].every((n) => window.tanks.tanks().some((t) => t.name === n)), null, { timeout: WAIT_MS });
    }

    // Fire from A with the keyboard until B's tank is hit: the first shot should do, a few more
    // (each past the 0.5 s cooldown) only absorb a slow start.
    // Then B drives with the keyboard and A sees it move.
    await pageA.bringToFront();
    let hit = false;
    for (let shot = 0; shot < 6 && !hit; shot++) {
      await pageA.keyboard.press('Space');
      hit = await pageB.waitForFunction(() => Number(document.body.dataset.hits) >= 1, null, { timeout: 1500 })
        .then(() => true, () => false);
    }
    assert.ok(hit, `page B saw no HIT after 6 shots; server log:\n${serverLog.join('')}`);
    const expected = `${a.player},${b.player},2`;
    for (const page of [pageA, pageB]) {
      await page.waitForFunction(() => Number(document.body.dataset.hits) >= 1, null, { timeout: WAIT_MS });
      assert.equal(await page.evaluate(() => document.body.dataset.lastHit), expected, 'shooter, target, hp left');
    }
    const hitText = await pageB.evaluate(() => document.getElementById('hit').textContent);
    assert.match(hitText, /Alice hit Bob/);
    const hpOnA = await pageA.waitForFunction((player) => {
      const t = window.tanks.tanks().find((e) => e.player === player);
      return t && t.hp === 2 ? t.hp : null;
    }, b.player, { timeout: WAIT_MS });
    assert.equal(await hpOnA.jsonValue(), 2, 'A sees B lose a hit point in the state');

    // B fires back with the keyboard: both pages see B hit A.
    await pageB.bringToFront();
    const back = `${b.player},${a.player},2`;
    let hitBack = false;
    for (let shot = 0; shot < 6 && !hitBack; shot++) {
      await pageB.keyboard.press('Space');
      hitBack = await pageA.waitForFunction((e) => document.body.dataset.lastHit === e, back, { timeout: 1500 })
        .then(() => true, () => false);
    }
    assert.ok(hitBack, `page A saw no HIT from B after 6 shots; server log:\n${serverLog.join('')}`);
    await pageB.waitForFunction((e) => document.body.dataset.lastHit === e, back, { timeout: WAIT_MS });
    assert.match(await pageA.evaluate(() => document.getElementById('hit').textContent), /Bob hit Alice/);

    // B drives forward with the keyboard (W) for about half a second; A sees it move.
    const position = (player) => {
      const t = window.tanks.tanks().find((e) => e.player === player);
      return t ? { x: t.x, y: t.y } : null;
    };
    const start = await pageA.evaluate(position, b.player);
    await pageB.bringToFront();
    await pageB.keyboard.down('w');
    try {
      await pageA.waitForFunction(([player, x0, y0]) => {
        const t = window.tanks.tanks().find((e) => e.player === player);
        return t && Math.hypot(t.x - x0, t.y - y0) > 40;
      }, [b.player, start.x, start.y], { timeout: WAIT_MS, polling: 50 });
    } finally {
      await pageB.keyboard.up('w');
    }

    mkdirSync(SCREENSHOTS, { recursive: true });
    await pageA.bringToFront();
    await pageA.screenshot({ path: join(SCREENSHOTS, 'tanks-a.png'), timeout: WAIT_MS });
    await pageB.bringToFront();
    await pageB.screenshot({ path: join(SCREENSHOTS, 'tanks-b.png'), timeout: WAIT_MS });
    assert.deepStrictEqual(problems, [], 'no console error, page error or dialog');
  });
});
