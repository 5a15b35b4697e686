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
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SCREENSHOTS, WAIT_MS, open, startTanks, watch } from '../support/tanks-server.js';

describe('tanks page', { timeout: 60_000 }, () => {
  let tanks = null;
  let context = null;
  let base = '';
  const problems = [];

  before(async () => {
    tanks = await startTanks();
    ({ context, base } = tanks);
  });

  after(async () => {
    await tanks?.stop();
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
    assert.ok(hit, `page B saw no HIT after 6 shots; server log:\n${tanks.serverLog.join('')}`);
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
    assert.ok(hitBack, `page A saw no HIT from B after 6 shots; server log:\n${tanks.serverLog.join('')}`);
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
