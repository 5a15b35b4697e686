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
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SCREENSHOTS, WAIT_MS, open, startTanks, watch } from '../support/tanks-server.js';

describe('tanks rail gun', { timeout: 60_000 }, () => {
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
