// Player identity in real Chromium pages (issue 19): the server verifies HS256 tokens
// (--auth-hs256-secret, --auth-issuer, --auth-audience), and the arena page takes its token from the
// URL fragment (/arena/?name=...#token=...). Two pages with tokens of two users play together; the
// names every page shows (scoreboard, chat) are the tokens' names, not what the pages typed. A page
// without a token is refused with the reason on its join form, and a second login of one user
// takes that user's seat over: the older page is told it was replaced (4013) and does not come back.
// The admin page's live view lists each seat with its account's subject.
//
//   node --test src/test/browser/identity.browser.test.js      (after `mvn package`, from client-demo/)

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { JOIN_MS, seeEachOtherMove, WAIT_MS, watch } from '../support/arena.js';
import { CHROMIUM_ARGS, startServer, stopServer } from '../support/server.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..', '..', '..');
const JAR = resolve(process.env.TICKCAST_SERVER_JAR || join(REPO, 'server', 'target', 'tickcast-server.jar'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LOGS = join(REPO, 'client-demo', 'target');
const ISSUER = 'https://accounts.example.test/';
const AUDIENCE = 'tickcast-demo';
const SECRET = 'a-browser-test-secret-of-more-than-32-bytes';
/** What Chromium logs for the refused page's matchmaking answer: expected there. */
const UNAUTHORIZED = /status of 401/;
const ADMIN_TOKEN = 'identity-browser-test-admin-token';

/** An HS256 JWT for `sub` named `name`, valid for ten minutes (what a studio's account system signs). */
function token(sub, name) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: ISSUER, aud: AUDIENCE, sub, name, iat: now,
    exp: now + 600 })}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

/** Opens the arena as `typed` with `jwt` in the fragment (none: a guest) and waits for the join's end. */
async function open(page, base, typed, jwt) {
  const fragment = jwt ? `#token=${jwt}` : '';
  await page.goto(`${base}/arena/?name=${encodeURIComponent(typed)}${fragment}`, { timeout: WAIT_MS });
  await page.waitForSelector('body[data-state="playing"], body[data-state="disconnected"]',
    { timeout: JOIN_MS, state: 'attached' });
  return page.evaluate(() => ({ state: document.body.dataset.state, name: document.body.dataset.playerName,
    error: document.getElementById('join-error').textContent, url: location.href,
    nameDisabled: document.getElementById('name').disabled }));
}

describe('players are who their tokens say', { timeout: 120_000 }, () => {
  let server = null;
  let browser = null;

  before(async () => {
    assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await startServer(JAR, { args: ['--game', 'arena', '--auth-issuer', ISSUER, '--auth-audience', AUDIENCE],
      env: { TICKCAST_AUTH_HS256_SECRET: SECRET, TICKCAST_ADMIN_TOKEN: ADMIN_TOKEN } });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: WAIT_MS,
      args: CHROMIUM_ARGS });
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await stopServer(server);
      mkdirSync(LOGS, { recursive: true });
      writeFileSync(join(LOGS, 'identity-server.log'), server ? server.log.join('') : '');
    }
  });

  it('two users play under their tokens\' names, a guest is refused, a second login replaces the first', async () => {
    const games = await (await fetch(`${server.base}/games`)).json();
    assert.equal(games.find((g) => g.name === 'arena').auth, true, 'GET /games says identity is on');
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const problems = [];
    try {
      const [pageA, pageB] = [await context.newPage(), await context.newPage()];
      watch(pageA, 'A', problems);
      watch(pageB, 'B', problems);
      const a = await open(pageA, server.base, 'Mallory', token('user-a', 'Alice Account'));
      const b = await open(pageB, server.base, 'Alice Account2', token('user-b', 'Bob Account'));
      assert.deepStrictEqual([a.state, b.state], ['playing', 'playing'], JSON.stringify([a, b]));
      assert.equal(a.name, 'Alice Account', 'A shows the name the server chose');
      assert.equal(b.name, 'Bob Account');
      assert.ok(a.nameDisabled, 'the name field is disabled when signed in');
      assert.ok(!a.url.includes('token='), 'the token is taken out of the address bar');

      await seeEachOtherMove(pageA, pageB, ['Alice Account', 'Bob Account']);
      for (const page of [pageA, pageB]) {
        const names = await page.evaluate(() => window.tickcast.playerNames());
        assert.ok(!names.includes('Mallory') && !names.includes('Alice Account2'), `no typed name: ${names}`);
      }

      // A chat line from A is shown on B under A's account name.
      await pageA.bringToFront();
      await pageA.keyboard.press('Enter');
      await pageA.waitForFunction(() => document.activeElement?.id === 'chat-input', null, { timeout: WAIT_MS });
      await pageA.keyboard.type('hello from a verified player');
      await pageA.keyboard.press('Enter');
      await pageB.waitForFunction(() => Array.from(document.querySelectorAll('#chat-log li'))
        .some((li) => li.textContent.includes('hello from a verified player')), null, { timeout: WAIT_MS });
      const sender = await pageB.evaluate(() => Array.from(document.querySelectorAll('#chat-log li'))
        .find((li) => li.textContent.includes('hello from a verified player')).querySelector('.name').textContent);
      assert.equal(sender, 'Alice Account', 'the chat names the sender from the token');

      // The admin page shows who sits where: each seat's name and its account's subject.
      const roomId = await pageA.evaluate(() => document.body.dataset.roomId);
      const admin = await browser.newContext({ httpCredentials: { username: 'operator', password: ADMIN_TOKEN } });
      try {
        const adminPage = await admin.newPage();
        watch(adminPage, 'admin', problems);
        await adminPage.goto(`${server.base}/admin/`, { timeout: WAIT_MS });
        await adminPage.click(`tr[data-room-id="${roomId}"] button.watch`, { timeout: WAIT_MS });
        await adminPage.waitForFunction(() => document.querySelectorAll('#seats tbody tr').length === 2, null,
          { timeout: WAIT_MS });
        const seats = await adminPage.evaluate(() => Array.from(document.querySelectorAll('#seats tbody tr'),
          (tr) => `${tr.children[1].textContent}=${tr.children[2].textContent}`).sort());
        assert.deepStrictEqual(seats, ['Alice Account=user-a', 'Bob Account=user-b']);
      } finally {
        await admin.close();
      }

      // A page without a token is refused, with the reason on its form.
      const guestPage = await context.newPage();
      watch(guestPage, 'guest', problems, [UNAUTHORIZED]);
      const guest = await open(guestPage, server.base, 'Alice Account', null);
      assert.equal(guest.state, 'disconnected');
      assert.match(guest.error, /missing_token/);
      await guestPage.close();

      // A second login of user-a (another tab) takes A's seat: A is told, and stays out.
      const entityA = await pageA.evaluate(() => window.tickcast.myEntityId());
      const pageC = await context.newPage();
      watch(pageC, 'C', problems);
      const c = await open(pageC, server.base, 'whatever', token('user-a', 'Alice Account'));
      assert.equal(c.state, 'playing');
      assert.equal(await pageC.evaluate(() => window.tickcast.myEntityId()), entityA, 'the same entity');
      await pageA.waitForFunction(() => document.body.dataset.state === 'disconnected'
        && /another tab or device.*4013/.test(document.getElementById('join-error').textContent), null,
      { timeout: WAIT_MS });
      const names = await pageB.evaluate(() => window.tickcast.playerNames());
      assert.equal(names.filter((n) => n === 'Alice Account').length, 1, `one seat for user-a: ${names}`);
      assert.deepStrictEqual(problems, [], 'no unexpected console error, page error or dialog');
    } finally {
      await context.close();
    }
  });
});
