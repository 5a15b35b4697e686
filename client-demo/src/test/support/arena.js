// Two pages playing the arena demo (/arena/?name=...), as the demo test plays it: join, see each
// other, each player holds a key in turn and the other page sees it move. Every wait is bounded.

import assert from 'node:assert/strict';

/** How long one wait for the page may take (a join walks the SDK's ladder: about 4 s per rung). */
export const WAIT_MS = 10_000;
export const JOIN_MS = 25_000;

/**
 * Collects a page's page errors, dialogs and console errors into `problems`, except the console
 * errors that match one of `expected` (regular expressions: a blocked WebSocket is expected here).
 */
export function watch(page, label, problems, expected = []) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !expected.some((re) => re.test(msg.text()))) {
      problems.push(`${label} console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`${label} page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`${label} dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
}

/**
 * Opens /arena/?name=... on `base` (which joins at once) and waits until the page plays; resolves
 * with its room id, the carrier on <body data-transport> and the client's own `transport`.
 */
export async function joinArena(page, base, name) {
  await page.goto(`${base}/arena/?name=${encodeURIComponent(name)}`, { timeout: WAIT_MS });
  // 'disconnected' is where the page gives up (every rung failed): no need to wait any longer
  const ended = await page.waitForSelector('body[data-state="playing"], body[data-state="disconnected"]',
    { timeout: JOIN_MS, state: 'attached' }).then(() => null, (e) => e.message);
  const shown = await page.evaluate(() => ({ ...document.body.dataset,
    error: document.getElementById('join-error')?.textContent }));
  if (shown.state !== 'playing') {
    throw new Error(`${name} did not reach playing: ${JSON.stringify(shown)}${ended ? ` (${ended})` : ''}`);
  }
  return page.evaluate(() => ({ roomId: document.body.dataset.roomId, transport: document.body.dataset.transport,
    clientTransport: window.tickcast.client?.transport }));
}

/** Both pages list every name of `names`, and each sees the other's player move (seesMove both ways). */
export async function seeEachOtherMove(pageA, pageB, names) {
  for (const page of [pageA, pageB]) {
    await page.waitForFunction((all) => {
      const shown = window.tickcast.playerNames();
      return all.every((n) => shown.includes(n));
    }, names, { timeout: WAIT_MS });
  }
  await seesMove(pageA, pageB, 'A', 'B');
  await seesMove(pageB, pageA, 'B', 'A');
}

/** `watcher` sees the player of `mover` move while `mover` holds a key (~1 s), and `mover` predicted it. */
export async function seesMove(mover, watcher, m, w) {
  const id = await mover.evaluate(() => window.tickcast.myEntityId());
  assert.ok(id >= 0, `${m} controls an entity`);
  await watcher.waitForFunction((e) => window.tickcast.entityPosition(e) !== null, id, { timeout: WAIT_MS });
  const start = await watcher.evaluate((e) => window.tickcast.entityPosition(e), id);
  const key = start.x > 1800 ? 'a' : 'd'; // right, or left if the player spawned near the right edge
  await mover.bringToFront();
  const pressedAt = Date.now();
  await mover.keyboard.down(key);
  try {
    await watcher.waitForFunction(([e, x0]) => {
      const p = window.tickcast.entityPosition(e);
      return p !== null && Math.abs(p.x - x0) > 50;
    }, [id, start.x], { timeout: WAIT_MS, polling: 50 });
    const held = Date.now() - pressedAt;
    if (held < 1000) {
      await mover.waitForTimeout(1000 - held); // the key is held ~1 s: a gesture, not a sync
    }
  } finally {
    await mover.keyboard.up(key);
  }
  const seen = await watcher.evaluate((e) => window.tickcast.entityPosition(e), id);
  assert.ok(Math.abs(seen.x - start.x) > 50, `${w} saw ${m} move from ${start.x} to ${seen.x}`);
  assert.ok(Math.abs(seen.y - start.y) < 1, `${m} moved horizontally only`);
  const predicted = await mover.evaluate(() => window.tickcast.predictedPosition());
  assert.ok(Math.abs(predicted.x - start.x) > 50, `${m} predicted its own move`);
}
