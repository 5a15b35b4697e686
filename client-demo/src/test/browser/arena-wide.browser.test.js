// Arena-Wide in a real browser: starts the server jar (which hosts arena-wide from game-logic's
// META-INF/services), checks that the lobby lists it with its page, and opens /arena-wide/?name=...
// in two pages, which join one room. Players spawn uniformly at random on the 8000 x 8000 world, so
// the test makes "far" and "close" itself: it drives page A with the keyboard (bounded in time),
// steering by the pages' own positions (window.tickcast hooks), first to at least FAR units from B,
// where neither page may hold the other's player (interest: a 600-unit circle, cells of 300), then
// to within CLOSE units of B, where both must. Then the admin page watches the room: a spectator
// receives the whole world, which its live view fits into its canvas. Screenshots, on every run:
// client-demo/target/screenshots/arena-wide-far.png, arena-wide-close.png, arena-wide-admin.png.
//
// The "not held when far" half needs the server's cell stage (SNAPSHOT_CELLS, docs/PROTOCOL.md
// 10.10); a server that sends the whole world to everyone fails it, by design.
//
//   npm run test:browser                      (after `mvn package`, from client-demo/)

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
const SCREENSHOTS = join(CLIENT_DEMO, 'target', 'screenshots');
const WAIT_MS = 10_000;
/** Driving at sprint speed (300 units/s) across the whole diagonal takes under 40 s. */
const DRIVE_MS = 45_000;
/** Far: beyond the 600-unit view plus a cell's diagonal (about 566) on either side, with room to spare. */
const FAR = 2000;
/** Close: well inside the 600-unit view. */
const CLOSE = 300;
/** Within this many units of a coordinate, the driver stops pressing that axis. */
const DEAD_ZONE = 20;
/** Snapshots a page receives after the move before "not held" is judged (about 0.5 s at 20 Hz). */
const SETTLE_SNAPSHOTS = 10;
const TOKEN = 'arena-wide-browser-test-admin-token';
/** ArenaWideGame: 4000 orbs and 512 NPCs, always. */
const WORLD_ENTITIES = 4000 + 512;
const KEYS = { x: { '-1': 'a', 1: 'd' }, y: { '-1': 'w', 1: 's' } };

function watch(page, label, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      problems.push(`${label} console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`${label} page error: ${err.message}`));
}

async function joinGame(page, base, name) {
  await page.goto(`${base}/arena-wide/?name=${encodeURIComponent(name)}`, { timeout: WAIT_MS });
  await page.waitForSelector('body[data-state="playing"]', { timeout: WAIT_MS });
  await page.waitForFunction(() => window.tickcast.entityPosition(window.tickcast.myEntityId()) !== null, null,
    { timeout: WAIT_MS });
  return page.evaluate(() => ({ room: document.body.dataset.roomId, id: window.tickcast.myEntityId() }));
}

/** A page's own player as the server last placed it. */
function ownPosition(page) {
  return page.evaluate(() => window.tickcast.entityPosition(window.tickcast.myEntityId()));
}

/**
 * Drives page's player toward target with the WASD keys and Shift (sprint) until its own
 * server position is within `stop` units of target; re-steers whenever an axis reaches its dead zone.
 * Every wait is on the page's state (waitForFunction), bounded by DRIVE_MS overall.
 */
async function driveTo(page, target, stop) {
  const deadline = Date.now() + DRIVE_MS;
  const held = { x: 0, y: 0 };
  await page.bringToFront();
  await page.keyboard.down('Shift');
  try {
    for (;;) {
      const want = await page.waitForFunction(([tx, ty, hx, hy, dz, stopAt]) => {
        const p = window.tickcast.entityPosition(window.tickcast.myEntityId());
        if (p === null) {
          return false;
        }
        const wx = Math.abs(tx - p.x) > dz ? Math.sign(tx - p.x) : 0;
        const wy = Math.abs(ty - p.y) > dz ? Math.sign(ty - p.y) : 0;
        if (Math.hypot(tx - p.x, ty - p.y) <= stopAt) {
          return { done: true };
        }
        return wx !== hx || wy !== hy ? { x: wx, y: wy } : false;
      }, [target.x, target.y, held.x, held.y, DEAD_ZONE, stop],
      { timeout: Math.max(1, deadline - Date.now()), polling: 25 }).then((h) => h.jsonValue());
      if (want.done) {
        return;
      }
      for (const axis of ['x', 'y']) {
        if (want[axis] !== held[axis]) {
          if (held[axis] !== 0) {
            await page.keyboard.up(KEYS[axis][held[axis]]);
          }
          if (want[axis] !== 0) {
            await page.keyboard.down(KEYS[axis][want[axis]]);
          }
          held[axis] = want[axis];
        }
      }
    }
  } finally {
    for (const axis of ['x', 'y']) {
      if (held[axis] !== 0) {
        await page.keyboard.up(KEYS[axis][held[axis]]);
      }
    }
    await page.keyboard.up('Shift');
  }
}

/** A point of the world at least FAR + 500 units from p (along x, or y near the middle). */
function farFrom(p) {
  const x = p.x < 4000 ? p.x + FAR + 500 : p.x - FAR - 500;
  return { x, y: p.y };
}

/** Waits until the page has had `count` more snapshots. */
async function settle(page, count) {
  const now = await page.evaluate(() => window.tickcast.stats().snapshots);
  await page.waitForFunction((n) => window.tickcast.stats().snapshots >= n, now + count, { timeout: WAIT_MS });
}

describe('arena-wide in the browser', { timeout: 150_000 }, () => {
  let server = null;
  let browser = null;
  let profile = null;
  const problems = [];

  before(async () => {
    assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await startServer(JAR, { args: ['--game', 'arena-wide'], env: { TICKCAST_ADMIN_TOKEN: TOKEN } });
    profile = mkdtempSync(join(tmpdir(), 'pw-profile-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 720 },
      timeout: WAIT_MS,
      args: CHROMIUM_ARGS,
      httpCredentials: { username: 'operator', password: TOKEN }, // sent to /admin/ only: it alone asks (401 Basic)
    });
  });

  after(async () => {
    try {
      if (browser) {
        await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5000))]);
      }
    } finally {
      await stopServer(server);
      if (profile) {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  });

  it('GET /games lists arena-wide with its page, and the page is served', async () => {
    const games = await (await fetch(`${server.base}/games`, { signal: AbortSignal.timeout(WAIT_MS) })).json();
    const wide = games.find((g) => g.name === 'arena-wide');
    assert.ok(wide, JSON.stringify(games));
    assert.equal(wide.page, '/arena-wide/');
    for (const path of ['/arena-wide/', '/arena-wide/main.js', '/arena-wide/minimap.js', '/arena/arena-page.js']) {
      const res = await fetch(`${server.base}${path}`, { signal: AbortSignal.timeout(WAIT_MS) });
      assert.equal(res.status, 200, path);
    }
  });

  it('two players far apart do not hold each other; close, both do', async () => {
    const pageA = browser.pages()[0] ?? await browser.newPage();
    watch(pageA, 'A', problems);
    const a = await joinGame(pageA, server.base, 'Alice');
    const pageB = await browser.newPage();
    watch(pageB, 'B', problems);
    const b = await joinGame(pageB, server.base, 'Bob');
    assert.equal(b.room, a.room, 'join-or-create puts both pages in one room');
    for (const page of [pageA, pageB]) {
      await page.waitForFunction(() => window.tickcast.leaders().length >= 2, null, { timeout: WAIT_MS });
    }
    const leaders = await pageA.evaluate(() => window.tickcast.leaders());
    assert.deepStrictEqual(leaders.map((l) => l.name).sort(), ['Alice', 'Bob'], 'the global leader table');
    assert.equal(leaders.filter((l) => l.cls === 'me').length, 1, 'A highlights its own row');

    // Far: A drives away from B (B stands still) unless they spawned far apart already.
    const bAt = await ownPosition(pageB);
    const distance = async () => {
      const [p, q] = [await ownPosition(pageA), await ownPosition(pageB)];
      return Math.hypot(p.x - q.x, p.y - q.y);
    };
    if (await distance() < FAR) {
      await driveTo(pageA, farFrom(bAt), 50);
    }
    const far = await distance();
    assert.ok(far >= FAR, `A is ${far} units from B`);
    await Promise.all([settle(pageA, SETTLE_SNAPSHOTS), settle(pageB, SETTLE_SNAPSHOTS)]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await pageA.screenshot({ path: join(SCREENSHOTS, 'arena-wide-far.png'), timeout: WAIT_MS });
    const farHeld = {
      aHoldsB: await pageA.evaluate((id) => window.tickcast.holds(id), b.id),
      bHoldsA: await pageB.evaluate((id) => window.tickcast.holds(id), a.id),
      aCounts: await pageA.evaluate(() => window.tickcast.heldCounts()),
    };

    // Close: A drives to B.
    await driveTo(pageA, await ownPosition(pageB), CLOSE - 50);
    const close = await distance();
    assert.ok(close <= CLOSE, `A is ${close} units from B`);
    await pageA.waitForFunction((id) => window.tickcast.holds(id), b.id, { timeout: WAIT_MS });
    await pageB.waitForFunction((id) => window.tickcast.holds(id), a.id, { timeout: WAIT_MS });
    await pageA.screenshot({ path: join(SCREENSHOTS, 'arena-wide-close.png'), timeout: WAIT_MS });

    for (const page of [pageA, pageB]) {
      assert.equal((await page.evaluate(() => window.tickcast.stats())).decodeErrors, 0);
    }

    // The admin's live view: a spectator, sent the whole world (PROTOCOL.md 10.10), drawn scaled to fit.
    const admin = await browser.newPage();
    watch(admin, 'admin', problems);
    await admin.goto(`${server.base}/admin/`, { timeout: WAIT_MS });
    await admin.click(`tr[data-room-id="${a.room}"] button.watch`, { timeout: WAIT_MS });
    await admin.waitForFunction((n) => Number(document.getElementById('live').dataset.snapshots) >= 5
      && Number(document.getElementById('live').dataset.entities) >= n, WORLD_ENTITIES + 2, { timeout: WAIT_MS });
    await admin.screenshot({ path: join(SCREENSHOTS, 'arena-wide-admin.png'), fullPage: true, timeout: WAIT_MS });
    await admin.close();
    assert.deepStrictEqual(problems, [], 'no console error or page error');
    // Judged last, so that the mechanics above are checked on a server that still sends the whole world.
    assert.deepStrictEqual({ aHoldsB: farHeld.aHoldsB, bHoldsA: farHeld.bHoldsA }, { aHoldsB: false, bHoldsA: false },
      `${far.toFixed(0)} units apart, neither holds the other (A holds ${JSON.stringify(farHeld.aCounts)})`);
  });
});
