// The viewer page (/viewer/) on a real arena match: starts the server jar recording the arena
// (`--record arena`, 1-second fragments) with an admin token, plays a match of two SDK players from a
// page (movement until someone scores, which the arena marks as "NAME takes the lead", and a chat
// line holding markup), closes both clients (the empty room is disposed and its archive finished),
// waits for GET /recordings to list it, then in Chromium opens /viewer/?recording=ID: it plays (the
// tick advances) through the arena's own renderer, shows the markers (count and text), seeks by a
// timeline click, a marker and the arrow keys (the tick drawn jumps accordingly), plays 4x about
// four times as fast as 1x, pauses, lists the players and shows the chat as text; the admin page
// lists the replay with a link that opens it; while the match plays, its "watch delayed" link opens
// the viewer on the room's delayed broadcast (2 s), which plays 3.5 s behind live. Screenshots: client-demo/target/screenshots/viewer-*.png,
// copied to docs/screenshots/ when missing there or with TICKCAST_UPDATE_SCREENSHOT=1.
//
//   npm run test:browser        (after `mvn package`, from client-demo/)

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
const SHOTS = join(CLIENT_DEMO, 'target', 'screenshots');
const DOC_SHOTS = join(REPO, 'docs', 'screenshots');
const TOKEN = 'browser-test-admin-token-viewer';
const CHAT = 'gg <b>well played</b>';
const WAIT_MS = 10_000;
const TICK_HZ = 60;
const SNAPSHOT_TICKS = 3;

async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, name);
  await page.screenshot({ path, timeout: WAIT_MS });
  if (!existsSync(join(DOC_SHOTS, name)) || process.env.TICKCAST_UPDATE_SCREENSHOT === '1') {
    mkdirSync(DOC_SHOTS, { recursive: true });
    copyFileSync(path, join(DOC_SHOTS, name));
  }
}

/** The page's <body> data attributes as numbers where they are. */
function shown(page) {
  return page.evaluate(() => Object.fromEntries(Object.entries(document.body.dataset)
    .map(([k, v]) => [k, /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v])));
}

/** Waits until the viewer has drawn a state asked for after seek number `seeks`; resolves with the data. */
async function afterSeek(page, seeks) {
  const why = async (e) => {
    throw new Error(`seek ${seeks}: ${e.message}; shown: ${JSON.stringify(await shown(page))}`);
  };
  await page.waitForFunction((n) => Number(document.body.dataset.drawnSeek) === n, seeks, { timeout: WAIT_MS })
    .catch(why);
  return shown(page);
}

/** Ticks per second of the replay over ~1 s of the page's own clock, played from the first tick at `speed`. */
function rate(page, speed) {
  return page.evaluate(async (s) => {
    const d = document.body.dataset;
    document.querySelector(`#speeds button[data-speed="${s}"]`).click();
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    const tick0 = Number(d.tick);
    while (performance.now() - t0 < 1000) {
      await frame();
    }
    return ((Number(d.tick) - tick0) * 1000) / (performance.now() - t0);
  }, speed);
}

describe('viewer page', { timeout: 150_000 }, () => {
  let server = null;
  let browser = null;
  const profiles = [];
  const problems = [];
  let base = '';

  before(async () => {
    assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await startServer(JAR, { args: ['--event-loops', '2', '--record', 'arena',
      '--recording-fragment-seconds', '1', '--broadcast-delay-ms', '2000'], env: { TICKCAST_ADMIN_TOKEN: TOKEN } });
    base = server.base;
    profiles.push(mkdtempSync(join(tmpdir(), 'pw-profile-')));
    browser = await chromium.launchPersistentContext(profiles[0], {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, timeout: WAIT_MS,
      args: CHROMIUM_ARGS, httpCredentials: { username: 'operator', password: TOKEN },
    });
  });

  after(async () => {
    try {
      if (browser) {
        await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5000))]);
      }
    } finally {
      await stopServer(server);
      profiles.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    }
  });

  it('replays a finished arena match: plays, seeks by timeline, marker and keys, speeds, pause; admin links it',
    async () => {
      // the match: two SDK players; Alice sweeps the world sprinting until someone scores (a mark)
      const players = await browser.newPage();
      players.on('pageerror', (err) => problems.push(`players page error: ${err.message}`));
      await players.goto(`${base}/`, { timeout: WAIT_MS });
      const roomId = await players.evaluate(async (chat) => {
        const { TickcastClient } = await import('/sdk/index.js');
        const { encodeArenaInput } = await import('/arena/arena-rules.js');
        window.clients = [];
        for (const name of ['Alice', 'Bob']) {
          const client = new TickcastClient({ game: 'arena', name, reconnect: false });
          window.clients.push(client);
          await client.connect();
        }
        const dirs = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
        let n = 0;
        window.mover = setInterval(() => {
          const [dx, dy] = dirs[Math.floor(n++ / 15) % dirs.length];
          window.clients[0].sendInput(Uint8Array.of(encodeArenaInput(dx, dy, true)));
          window.clients[1].sendInput(Uint8Array.of(encodeArenaInput(-dx, dy, false)));
        }, 100);
        window.clients[1].sendChat(chat);
        window.startedAt = performance.now();
        return window.clients[0].roomId;
      }, CHAT);
      assert.ok(roomId, 'the players joined a room');
      await players.waitForFunction(() => {
        const table = window.clients[0].state && window.clients[0].state.table('player');
        if (!table) {
          return false;
        }
        const score = table.schema.fields.findIndex((f) => f.name === 'score');
        return Array.from({ length: table.count }, (_, row) => table.value(row, score)).some((s) => s > 0);
      }, null, { timeout: 60_000, polling: 200 });
      // while it plays: the admin page's "watch delayed" opens the viewer on the room's broadcast
      const admin = await browser.newPage();
      admin.on('pageerror', (err) => problems.push(`admin page error: ${err.message}`));
      await admin.goto(`${base}/admin/`, { timeout: WAIT_MS });
      const delayed = `tr[data-room-id="${roomId}"] a.delayed`;
      await admin.waitForSelector(delayed, { timeout: WAIT_MS });
      const [live] = await Promise.all([browser.waitForEvent('page', { timeout: WAIT_MS }),
        admin.locator(delayed).click()]);
      live.on('pageerror', (err) => problems.push(`broadcast viewer page error: ${err.message}`));
      // (the broadcast publishes its first fragment D + F = 3 s after the room starts: the page waits for it)
      await live.waitForSelector('body[data-ready="true"][data-mode="broadcast"]', { timeout: 2 * WAIT_MS,
        state: 'attached' });
      await live.waitForFunction(() => Number(document.body.dataset.frames) >= 10, null, { timeout: WAIT_MS });
      const b0 = await shown(live);
      await live.waitForFunction((t) => Number(document.body.dataset.tick) > t + 30, b0.tick, { timeout: WAIT_MS });
      const b1 = await shown(live);
      assert.equal(b1.renderer, 'game');
      // D + F + margin behind live: 2 s + 1 s + 0.5 s (the goal: between D and D + F + 1 s)
      assert.ok(b1.delayMs >= 2000 && b1.delayMs <= 4000, `${b1.delayMs} ms behind live`);
      // a broadcast viewer starts at the newest fragment, after the joins: the names come from the state
      assert.match(await live.locator('#players').textContent(), /Alice/);
      await shot(live, 'viewer-broadcast.png');
      await live.close();

      // at least 10 s of match (the seeks below need room), and a second after the score
      await players.waitForFunction(() => performance.now() - window.startedAt > 10_000, null, { timeout: 20_000 });
      await players.waitForTimeout(1000);
      await players.evaluate(() => {
        clearInterval(window.mover);
        window.clients.forEach((c) => c.close());
      });

      // the empty room is disposed and its archive finished
      let entry = null;
      const deadline = Date.now() + 20_000;
      while (entry === null && Date.now() < deadline) {
        const list = await (await fetch(`${base}/recordings`, { signal: AbortSignal.timeout(WAIT_MS) })).json();
        entry = list.find((r) => r.room === roomId) ?? null;
        if (entry === null) {
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      assert.ok(entry, `GET /recordings lists the room's recording:\n${server.log.join('').slice(-3000)}`);
      assert.equal(entry.game, 'arena');
      assert.ok(entry.durationMs >= 10_000, `${entry.durationMs} ms recorded`);

      // the viewer plays it through the arena's renderer
      const page = await browser.newPage();
      page.on('console', (msg) => { if (msg.type() === 'error') { problems.push(`viewer console: ${msg.text()}`); } });
      page.on('pageerror', (err) => problems.push(`viewer page error: ${err.message}`));
      await page.goto(`${base}/viewer/?recording=${entry.id}`, { timeout: WAIT_MS });
      await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS, state: 'attached' });
      let s = await shown(page);
      assert.equal(s.renderer, 'game', 'the arena draws through its own viewer.js');
      assert.equal(s.mode, 'range', 'read by Range requests');
      assert.equal(s.playing, 'true');
      await page.waitForFunction(() => Number(document.body.dataset.tick) > Number(document.body.dataset.firstTick)
        + 30, null, { timeout: WAIT_MS });
      s = await shown(page);
      const { firstTick, endTick } = s;
      assert.ok(endTick - firstTick >= 10 * TICK_HZ, `${firstTick}..${endTick}`);

      // the markers: the lead taken, on the timeline and in the list, as text
      assert.ok(s.markers >= 1, 'a marker at least');
      const texts = JSON.parse(s.markerTexts);
      assert.ok(texts.some((t) => /^(Alice|Bob) takes the lead$/.test(t)), JSON.stringify(texts));
      assert.equal(await page.locator('#timeline .marker').count(), s.markers);
      assert.match(await page.locator('#marker-list').textContent(), /(Alice|Bob) takes the lead/);

      // pause: the tick stays
      await page.keyboard.press('Space');
      await page.waitForSelector('body[data-playing="false"]', { timeout: WAIT_MS, state: 'attached' });
      const pausedAt = (await shown(page)).tick;
      await page.waitForTimeout(500);
      assert.equal((await shown(page)).tick, pausedAt, 'paused: the tick stays');

      // seek by clicking the timeline at 80 % and 20 %
      const box = await page.locator('#timeline').boundingBox();
      const perPixel = (endTick - firstTick) / box.width;
      let seeks = s.seeks;
      for (const at of [0.8, 0.2]) {
        await page.mouse.click(box.x + box.width * at, box.y + 3);
        s = await afterSeek(page, ++seeks);
        const expected = firstTick + at * (endTick - firstTick);
        assert.ok(Math.abs(s.tick - expected) <= SNAPSHOT_TICKS + 2 * perPixel, `${s.tick} near ${expected}`);
      }
      // the arrows: +5 s, -5 s
      const from = s.tick;
      await page.keyboard.press('ArrowRight');
      s = await afterSeek(page, ++seeks);
      assert.ok(Math.abs(s.tick - (from + 5 * TICK_HZ)) <= 2 * SNAPSHOT_TICKS, `right: ${from} -> ${s.tick}`);
      await page.keyboard.press('ArrowLeft');
      s = await afterSeek(page, ++seeks);
      assert.ok(Math.abs(s.tick - from) <= 2 * SNAPSHOT_TICKS, `left: back to ${from}: ${s.tick}`);
      // a marker: to its tick
      const markTick = Number(await page.locator('#timeline .marker').first().getAttribute('data-tick'));
      await page.locator('#timeline .marker').first().click();
      s = await afterSeek(page, ++seeks);
      assert.ok(s.tick <= markTick && s.tick > markTick - SNAPSHOT_TICKS - 1, `marker ${markTick}: ${s.tick}`);
      assert.equal(s.playing, 'false', 'seeking keeps the pause');

      // the players at that tick, and the chat line as text (its markup is not markup)
      assert.match(await page.locator('#players').textContent(), /Alice/);
      assert.match(await page.locator('#players').textContent(), /Bob/);
      assert.ok((await page.locator('#chat').textContent()).includes(CHAT), 'the chat line, as sent');
      assert.equal(await page.locator('#chat b').count(), 0, 'no markup from the recording');

      // speeds: 4x plays about four times as fast as 1x
      await page.mouse.click(box.x + 1, box.y + 3);
      s = await afterSeek(page, ++seeks);
      await page.keyboard.press('Space');
      await page.waitForSelector('body[data-playing="true"]', { timeout: WAIT_MS, state: 'attached' });
      const normal = await rate(page, 1);
      await page.mouse.click(box.x + 1, box.y + 3);
      await afterSeek(page, ++seeks);
      const fast = await rate(page, 4);
      assert.ok(normal > TICK_HZ * 0.6 && normal < TICK_HZ * 1.4, `1x: ${normal} ticks/s`);
      assert.ok(fast / normal > 2.8 && fast / normal < 5.2, `4x: ${fast} vs 1x: ${normal} ticks/s`);
      assert.equal((await shown(page)).speed, 4);
      await page.locator('#speeds button[data-speed="1"]').click();
      await page.mouse.click(box.x + box.width * 0.5, box.y + 3);
      await afterSeek(page, ++seeks);
      await shot(page, 'viewer-replay.png');

      // the whole file in memory: the same recording
      const memory = await browser.newPage();
      memory.on('pageerror', (err) => problems.push(`memory viewer page error: ${err.message}`));
      await memory.goto(`${base}/viewer/?recording=${entry.id}&memory=1`, { timeout: WAIT_MS });
      await memory.waitForFunction(() => Number(document.body.dataset.frames) > 5, null, { timeout: WAIT_MS });
      const m = await shown(memory);
      assert.deepEqual([m.mode, m.firstTick, m.endTick, m.markerTexts], ['memory', firstTick, endTick, s.markerTexts]);
      await memory.close();

      // the bare /viewer/ lists the replay (no token needed); its link opens the viewer on it
      const picker = await browser.newPage();
      picker.on('pageerror', (err) => problems.push(`picker page error: ${err.message}`));
      await picker.goto(`${base}/viewer/`, { timeout: WAIT_MS });
      await picker.waitForSelector('body[data-mode="picker"]', { timeout: WAIT_MS, state: 'attached' });
      const replayLink = picker.locator(`#replay-list a[href="?recording=${entry.id}"]`);
      assert.match(await replayLink.textContent(), new RegExp(`arena, room ${roomId}`));
      await replayLink.click();
      await picker.waitForFunction(() => Number(document.body.dataset.frames) > 0, null, { timeout: WAIT_MS });
      assert.equal(new URL(picker.url()).searchParams.get('recording'), entry.id);
      await picker.close();

      // the admin page lists the replay; its link opens the viewer on it
      const row = `#replays tr[data-recording-id="${entry.id}"]`;
      await admin.waitForSelector(row, { timeout: WAIT_MS });
      assert.match(await admin.locator(row).textContent(), new RegExp(`arena ${roomId}`));
      await shot(admin, 'viewer-admin-replays.png');
      const [opened] = await Promise.all([browser.waitForEvent('page', { timeout: WAIT_MS }),
        admin.locator(`${row} a.replay`).click()]);
      await opened.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS, state: 'attached' });
      assert.equal(new URL(opened.url()).searchParams.get('recording'), entry.id);
      await opened.waitForFunction(() => Number(document.body.dataset.frames) > 0, null, { timeout: WAIT_MS });
      assert.deepEqual(problems, []);
    });
});
