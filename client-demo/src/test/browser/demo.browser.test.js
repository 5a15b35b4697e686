// End-to-end in a real browser: starts the server jar, opens the lobby (/) in Debian's Chromium
// (playwright-core, no browser download), sees the arena listed from GET /games and follows its
// Play link with a name to /arena/?name=..., in two pages; both join one arena room, player A
// moves with the keyboard and page B sees it move, a chat line that looks like markup arrives as
// text, and a screenshot is saved. Every wait is bounded; the server is killed at the end.
//
//   npm run test:browser                      (after `mvn package`, from client-demo/)
//   TICKCAST_SERVER_JAR=/path/to.jar CHROMIUM=/usr/bin/chromium npm run test:browser
//
// The screenshots go to client-demo/target/screenshots/ (demo.png, lobby.png) on every run. The committed copy
// for the README, docs/screenshot.png, is written only when it is missing or when
// TICKCAST_UPDATE_SCREENSHOT=1, so that a build does not modify a committed file.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startServer, stopServer } from '../support/server.js';

const CLIENT_DEMO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const REPO = resolve(CLIENT_DEMO, '..');
const JAR = process.env.TICKCAST_SERVER_JAR || join(REPO, 'server', 'target', 'tickcast-server.jar');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOT = join(CLIENT_DEMO, 'target', 'screenshots', 'demo.png');
const LOBBY_SCREENSHOT = join(CLIENT_DEMO, 'target', 'screenshots', 'lobby.png');
const README_SCREENSHOT = join(REPO, 'docs', 'screenshot.png');
const CHAT = '<img src=x onerror=alert(1)>';
const WAIT_MS = 10_000;

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

/** Opens the lobby, checks that it lists the arena from GET /games, and follows its Play link. */
async function joinFromLobby(page, base, name) {
  await page.goto(`${base}/`, { timeout: WAIT_MS });
  await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS });
  const lobby = await page.evaluate(() => ({
    games: document.body.dataset.games,
    status: document.getElementById('lobby-status').textContent,
    listed: Array.from(document.querySelectorAll('#game-list tr'), (tr) => tr.dataset.game),
  }));
  assert.ok(lobby.listed.includes('arena'), `the lobby lists the arena from GET /games: ${JSON.stringify(lobby)}`);
  await page.fill('#name', name);
  if (name === 'Alice') {
    mkdirSync(dirname(LOBBY_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: LOBBY_SCREENSHOT, timeout: WAIT_MS });
  }
  const href = await page.getAttribute('a.play[data-game="arena"]', 'href', { timeout: WAIT_MS });
  assert.equal(href, `/arena/?name=${encodeURIComponent(name)}`);
  await Promise.all([
    page.waitForURL(`${base}/arena/?name=${encodeURIComponent(name)}`, { timeout: WAIT_MS }),
    page.click('a.play[data-game="arena"]', { timeout: WAIT_MS }),
  ]);
  await page.waitForSelector('body[data-state="playing"]', { timeout: WAIT_MS });
  return page.evaluate(() => document.body.dataset.roomId);
}

describe('browser demo', { timeout: 60_000 }, () => {
  let server = null;
  let context = null;
  let profile = null;
  const problems = [];
  let base = '';

  before(async () => {
    assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await startServer(JAR); // in an empty folder: it serves the webroot/ packaged in the jar
    base = server.base;
    profile = mkdtempSync(join(tmpdir(), 'pw-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 720 },
      timeout: WAIT_MS,
      args: CHROMIUM_ARGS,
    });
  });

  after(async () => {
    try {
      if (context) {
        await Promise.race([context.close(), new Promise((r) => setTimeout(r, 5000))]);
      }
    } finally {
      await stopServer(server);
      if (profile) {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  });

  it('serves the SDK package at /sdk/ (its modules, not its metadata)', async () => {
    for (const path of ['/sdk/index.js', '/sdk/client.js', '/sdk/snapshot.js', '/arena/arena-rules.js']) {
      const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(WAIT_MS) });
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /javascript/, path);
    }
    const meta = await fetch(`${base}/sdk/package.json`, { signal: AbortSignal.timeout(WAIT_MS) });
    assert.equal(meta.status, 404);
  });

  it('the lobby says so when the game list cannot be loaded', async () => {
    const page = await context.newPage();
    try {
      await page.route('**/games', (route) => route.fulfill({ status: 503, body: '{"error":"down"}' }));
      await page.goto(`${base}/`, { timeout: WAIT_MS });
      await page.waitForSelector('body[data-games="error"]', { timeout: WAIT_MS });
      const status = await page.textContent('#lobby-status', { timeout: WAIT_MS });
      assert.match(status, /Could not list the games .*HTTP 503/);
      assert.equal(await page.locator('#game-list tr').count(), 0);
    } finally {
      await page.close();
    }
  });

  it('two players share a room, see each other move and chat as text', async () => {
    const pageA = context.pages()[0] ?? await context.newPage();
    watch(pageA, 'A', problems);
    const roomA = await joinFromLobby(pageA, base, 'Alice');
    const pageB = await context.newPage();
    watch(pageB, 'B', problems);
    const roomB = await joinFromLobby(pageB, base, 'Bob');
    assert.ok(roomA, 'page A shows a room id');
    assert.equal(roomB, roomA, 'join-or-create puts both pages in one room');

    const idA = await pageA.evaluate(() => window.tickcast.myEntityId());
    assert.ok(idA >= 0, 'A controls an entity');
    await pageB.waitForFunction((id) => window.tickcast.entityPosition(id) !== null, idA, { timeout: WAIT_MS });
    for (const page of [pageA, pageB]) {
      await page.waitForFunction(() => {
        const names = window.tickcast.playerNames();
        return names.includes('Alice') && names.includes('Bob');
      }, null, { timeout: WAIT_MS });
    }

    // Move A for about a second (right, or left if A spawned near the right edge).
    const start = await pageB.evaluate((id) => window.tickcast.entityPosition(id), idA);
    const key = start.x > 1800 ? 'a' : 'd';
    await pageA.bringToFront();
    const pressedAt = Date.now();
    await pageA.keyboard.down(key);
    try {
      await pageB.waitForFunction(([id, x0]) => {
        const p = window.tickcast.entityPosition(id);
        return p !== null && Math.abs(p.x - x0) > 50;
      }, [idA, start.x], { timeout: WAIT_MS, polling: 50 });
      const held = Date.now() - pressedAt;
      if (held < 1000) {
        await pageA.waitForTimeout(1000 - held); // the key is held ~1 s: a gesture, not a sync
      }
    } finally {
      await pageA.keyboard.up(key);
    }
    const seenOnB = await pageB.evaluate((id) => window.tickcast.entityPosition(id), idA);
    assert.ok(Math.abs(seenOnB.x - start.x) > 50, `B saw A move from ${start.x} to ${seenOnB.x}`);
    assert.ok(Math.abs(seenOnB.y - start.y) < 1, 'A moved horizontally only');
    const predicted = await pageA.evaluate(() => window.tickcast.predictedPosition());
    assert.ok(Math.abs(predicted.x - start.x) > 50, 'A predicted its own move');

    // Chat: markup must arrive as literal text on B.
    await pageA.keyboard.press('Enter');
    await pageA.waitForFunction(() => document.activeElement?.id === 'chat-input', null, { timeout: WAIT_MS });
    await pageA.keyboard.type(CHAT);
    await pageA.keyboard.press('Enter');
    await pageB.waitForFunction((text) => window.tickcast.chatLines().some((l) => l.endsWith(text)), CHAT,
      { timeout: WAIT_MS });
    const chatOnB = await pageB.evaluate(() => ({
      texts: Array.from(document.querySelectorAll('#chat-log .text'), (e) => e.textContent),
      images: document.querySelectorAll('img').length,
    }));
    assert.ok(chatOnB.texts.includes(CHAT), `B shows the line literally: ${JSON.stringify(chatOnB.texts)}`);
    assert.equal(chatOnB.images, 0, 'no img element was injected');
    await pageA.waitForFunction((text) => window.tickcast.chatLines().some((l) => l.endsWith(text)), CHAT,
      { timeout: WAIT_MS });

    // Net graph on A, then the screenshot.
    await pageA.keyboard.press('n');
    await pageA.waitForFunction(() => /rtt\s+\d/.test(document.getElementById('netgraph-text').textContent)
      && /snapshots\/s\s+[1-9]/.test(document.getElementById('netgraph-text').textContent), null,
    { timeout: WAIT_MS });
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await pageA.screenshot({ path: SCREENSHOT, timeout: WAIT_MS });
    if (!existsSync(README_SCREENSHOT) || process.env.TICKCAST_UPDATE_SCREENSHOT === '1') {
      mkdirSync(dirname(README_SCREENSHOT), { recursive: true });
      copyFileSync(SCREENSHOT, README_SCREENSHOT);
    }

    const stats = await pageB.evaluate(() => window.tickcast.stats());
    assert.equal(stats.decodeErrors, 0);
    assert.ok(stats.fullSnapshots >= 1);

    // An unexpected drop on B (any close but 1000): B resumes its seat with the reconnection
    // token, keeping its player and entity (docs/PROTOCOL.md 4.1), and gets a full snapshot again.
    const before = await pageB.evaluate(() => ({ id: window.tickcast.myEntityId(),
      full: window.tickcast.stats().fullSnapshots }));
    await pageB.evaluate(() => window.tickcast.client.ws.close(4999, 'test drop'));
    await pageB.waitForFunction((full) => document.body.dataset.state === 'playing'
      && window.tickcast.stats().fullSnapshots > full, before.full, { timeout: WAIT_MS });
    const resumed = await pageB.evaluate(() => ({ id: window.tickcast.myEntityId(), room: document.body.dataset.roomId,
      reconnects: window.tickcast.stats().reconnects }));
    assert.deepStrictEqual(resumed, { id: before.id, room: roomA, reconnects: 1 }, 'B resumed its own seat');
    await pageA.waitForFunction((id) => window.tickcast.entityPosition(id) !== null, before.id, { timeout: WAIT_MS });

    assert.deepStrictEqual(problems, [], 'no console error, page error or dialog');
  });
});
