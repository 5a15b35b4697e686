// The admin page in a real browser: starts the server jar with an admin token (from the
// environment, as an operator would), seats three SDK players from a page, and in Debian's Chromium
// (playwright-core) opens /admin/ with the token (HTTP Basic, as the browser's login prompt would
// send it): the room shows up with its players and updates live, the room's live view decodes its
// state through the SDK as a spectator (no seat taken), a kick closes that player with 4012 (the
// player's own client sees it), and a dispose closes the room. Without the token: 401 and nothing
// about rooms. Also checks the page on a phone-sized screen and that /metrics is served.
// Screenshots: client-demo/target/screenshots/admin*.png. Every wait is bounded.
//
//   npm run test:browser        (after `mvn package`, from client-demo/)

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
const SHOTS = join(CLIENT_DEMO, 'target', 'screenshots');
const TOKEN = 'browser-test-admin-token-7f3a';
const WAIT_MS = 10_000;

function launch(profile, options = {}) {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, timeout: WAIT_MS, args: CHROMIUM_ARGS,
    ...options,
  });
}

describe('admin page', { timeout: 90_000 }, () => {
  let server = null;
  let admin = null;
  let anonymous = null;
  const profiles = [];
  let serverLog = [];
  const problems = [];
  let base = '';

  before(async () => {
    assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await startServer(JAR, { args: ['--event-loops', '2'], env: { TICKCAST_ADMIN_TOKEN: TOKEN } });
    ({ base, log: serverLog } = server);
    for (let i = 0; i < 2; i++) {
      profiles.push(mkdtempSync(join(tmpdir(), 'pw-profile-')));
    }
    admin = await launch(profiles[0], { httpCredentials: { username: 'operator', password: TOKEN } });
    anonymous = await launch(profiles[1]);
  });

  after(async () => {
    try {
      for (const ctx of [admin, anonymous]) {
        if (ctx) {
          await Promise.race([ctx.close(), new Promise((r) => setTimeout(r, 5000))]);
        }
      }
    } finally {
      await stopServer(server);
      for (const dir of profiles) {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('shows rooms live, watches one, kicks a player (4012) and disposes the room; 401 without the token', async () => {
    // three players from a page of their own (the SDK in the browser, no reconnection)
    const players = await anonymous.newPage();
    players.on('pageerror', (err) => problems.push(`players page error: ${err.message}`));
    await players.goto(`${base}/`, { timeout: WAIT_MS });
    const roomId = await players.evaluate(async () => {
      const { TickcastClient } = await import('/sdk/index.js');
      window.closes = {};
      window.clients = [];
      for (const name of ['bot0', 'bot1', 'bot2']) {
        const client = new TickcastClient({ game: 'arena', name, reconnect: false,
          onClose: ({ code }) => { window.closes[name] = code; } });
        window.clients.push(client);
        await client.connect();
      }
      setInterval(() => window.clients.forEach((c) => c.sendInput(Uint8Array.of(0x02))), 100);
      return window.clients[0].roomId;
    });
    assert.ok(roomId, 'the players joined a room');

    // without the token: 401 for the page and the API, in the browser and over plain HTTP, and no room id
    const denied = await anonymous.newPage();
    // (Chromium answers the Basic challenge of a page without credentials with ERR_INVALID_AUTH_CREDENTIALS;
    // the response it got is the 401)
    const challenged = denied.waitForResponse((r) => new URL(r.url()).pathname === '/admin/', { timeout: WAIT_MS });
    await denied.goto(`${base}/admin/`, { timeout: WAIT_MS }).catch(() => null);
    const response = await challenged;
    assert.equal(response.status(), 401);
    assert.match(response.headers()['www-authenticate'] ?? '', /^Basic /);
    assert.ok(!(await response.body().catch(() => Buffer.alloc(0))).toString().includes(roomId),
      'the 401 says nothing about rooms');
    for (const path of ['/admin', '/admin/api/rooms', '/admin/api/history']) {
      const res = await fetch(`${base}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(WAIT_MS) });
      assert.equal(res.status, 401, path);
      assert.ok(!(await res.text()).includes(roomId), path);
    }
    const wrong = await fetch(`${base}/admin/api/rooms`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    await denied.close();

    // with the token
    const page = admin.pages()[0] ?? await admin.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') { problems.push(`admin console: ${msg.text()}`); } });
    page.on('pageerror', (err) => problems.push(`admin page error: ${err.message}`));
    await page.goto(`${base}/admin`, { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).pathname, '/admin/');
    await page.waitForSelector(`tr[data-room-id="${roomId}"][data-players="3"]`, { timeout: WAIT_MS });
    const tickBefore = await page.evaluate((id) => document.querySelector(`tr[data-room-id="${id}"]`).textContent, roomId);
    await page.waitForFunction(([id, before]) => {
      const row = document.querySelector(`tr[data-room-id="${id}"]`);
      return row && row.textContent !== before && /\d+\.\d/.test(row.children[4].textContent);
    }, [roomId, tickBefore], { timeout: WAIT_MS });
    await page.waitForFunction(() => Number(document.body.dataset.samples) >= 2, null, { timeout: WAIT_MS });
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'admin.png'), timeout: WAIT_MS });

    // the live view: a spectator through the SDK, decoding the arena's state; it takes no seat
    await page.click(`tr[data-room-id="${roomId}"] button.watch`, { timeout: WAIT_MS });
    await page.waitForFunction(() => Number(document.getElementById('live').dataset.snapshots) >= 10
      && Number(document.getElementById('live').dataset.entities) >= 3, null, { timeout: WAIT_MS });
    await page.waitForSelector('#seats tr[data-player-id]', { timeout: WAIT_MS });
    assert.equal(await page.locator('#seats tbody tr').count(), 3, 'three seats, no spectator among them');
    await page.screenshot({ path: join(SHOTS, 'admin-live.png'), fullPage: true, timeout: WAIT_MS });

    // a phone-sized screen: nothing wider than the screen
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, null,
      { timeout: WAIT_MS });
    await page.screenshot({ path: join(SHOTS, 'admin-phone.png'), fullPage: true, timeout: WAIT_MS });
    await page.setViewportSize({ width: 1280, height: 800 });

    // kick bot1: its own client sees 4012
    const bot1 = await players.evaluate(() => window.clients[1].welcome.playerId);
    await page.click(`#seats tr[data-player-id="${bot1}"] button.kick`, { timeout: WAIT_MS });
    await players.waitForFunction(() => window.closes.bot1 !== undefined, null, { timeout: WAIT_MS });
    assert.equal(await players.evaluate(() => window.closes.bot1), 4012, 'the kicked player sees CLOSE_KICKED');
    await page.waitForSelector(`tr[data-room-id="${roomId}"][data-players="2"]`, { timeout: WAIT_MS });

    // dispose: the others get 4005 and the room leaves the list
    await page.click(`tr[data-room-id="${roomId}"] button.dispose`, { timeout: WAIT_MS });
    await players.waitForFunction(() => window.closes.bot0 !== undefined && window.closes.bot2 !== undefined, null,
      { timeout: WAIT_MS });
    assert.deepEqual(await players.evaluate(() => [window.closes.bot0, window.closes.bot2]), [4005, 4005]);
    await page.waitForFunction((id) => !document.querySelector(`tr[data-room-id="${id}"]`), roomId, { timeout: WAIT_MS });
    await page.waitForFunction(() => /closed 4005/.test(document.getElementById('live-status').textContent), null,
      { timeout: WAIT_MS });
    await page.screenshot({ path: join(SHOTS, 'admin-disposed.png'), timeout: WAIT_MS });

    // metrics are on by default
    const metrics = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(WAIT_MS) })).text();
    assert.match(metrics, /tickcast_rooms_open\{game="arena"\} 0/);
    assert.match(metrics, /vertx_http_server_requests_total/);
    assert.deepEqual(problems, []);
    const events = serverLog.join('');
    assert.match(events, new RegExp(`room ${roomId} game arena created`), 'the event log has the creation');
    assert.match(events, new RegExp(`room ${roomId} game arena player \\d "bot1" joined`));
    assert.match(events, new RegExp(`room ${roomId} game arena disposed`));
  });
});
