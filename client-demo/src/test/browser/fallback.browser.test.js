// The SDK's fallback when WebSocket is blocked (issue 18), in real Chromium pages: the SDK tries
// WebSocket, then HTTP streaming, then long-polling (client-demo/sdk/README.md), and the arena page
// shows the carrier it settled on in <body data-transport>. Four ways of blocking it:
//   (a) an nginx that does not forward Upgrade/Connection: the handshake fails, streams pass
//       (nginx honours the server's X-Accel-Buffering: no)                       -> http-stream
//   (b) an nginx that does not forward Upgrade and buffers responses, ignoring X-Accel-Buffering:
//       a stream delivers nothing until it ends, a poll response passes          -> http-poll
//   (c) direct, but the page's WebSocket opens and never delivers (routeWebSocket, no server)
//                                                                                -> http-stream
//   (d) direct, with no WebSocket in the page at all                             -> http-stream
// In each, two pages (each in a fresh context: nothing remembered from an earlier scenario) join
// the arena, each sees the other's player move, and both show the expected carrier. One server
// and the two proxies (nginx/*.conf, on loopback ports) serve every scenario and are stopped at
// the end (their output goes to client-demo/target/fallback-*.log); every wait is bounded.
//
//   node --test src/test/browser/fallback.browser.test.js      (after `mvn package`, from client-demo/)
//   TICKCAST_SERVER_JAR=/path/to.jar CHROMIUM=/usr/bin/chromium NGINX=/usr/sbin/nginx node --test ...

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { joinArena, seeEachOtherMove, WAIT_MS, watch } from '../support/arena.js';
import { NGINX, startNginx, stopNginx } from '../support/nginx.js';
import { CHROMIUM_ARGS, startServer, stopServer } from '../support/server.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..', '..', '..');
// resolved here: the server runs in a temporary working directory
const JAR = resolve(process.env.TICKCAST_SERVER_JAR || join(REPO, 'server', 'target', 'tickcast-server.jar'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LOGS = join(REPO, 'client-demo', 'target');
const WS_PATH = /^wss?:\/\/[^/]+\/ws(\?|$)/;
/** What Chromium logs when a handshake fails: expected where the proxy refuses WebSocket. */
const WS_FAILED = /^WebSocket connection to .* failed/;
/** One scenario: two joins (each up to three rungs of about 4 s) and two moves. */
const SCENARIO = { timeout: 60_000 };

/** Resolves within `ms` or gives up quietly (for cleanup). */
const within = (promise, ms) => Promise.race([promise.catch(() => {}), new Promise((r) => setTimeout(r, ms))]);

describe('the SDK falls back to HTTP when WebSocket is blocked', { timeout: 150_000 }, () => {
  let server = null;
  let noUpgrade = null;
  let buffering = null;
  let browser = null;

  before(async () => {
    assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(NGINX), `${NGINX} is missing: .ci/run installs Debian's nginx`);
    server = await startServer(JAR);
    const upstream = new URL(server.base).host;
    noUpgrade = await startNginx(join(HERE, 'nginx', 'no-upgrade.conf'), upstream);
    buffering = await startNginx(join(HERE, 'nginx', 'buffering.conf'), upstream);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: WAIT_MS,
      args: CHROMIUM_ARGS });
  });

  after(async () => {
    try {
      if (browser) {
        await within(browser.close(), 5000);
      }
    } finally {
      await stopNginx(noUpgrade);
      await stopNginx(buffering);
      await stopServer(server);
      mkdirSync(LOGS, { recursive: true }); // for a failed CI run
      for (const [name, p] of [['server', server], ['nginx-no-upgrade', noUpgrade], ['nginx-buffering', buffering]]) {
        writeFileSync(join(LOGS, `fallback-${name}.log`), p ? p.log.join('') : '');
      }
    }
  });

  /**
   * Two pages, each in a new context prepared by `prepare(context, asked)`, join the arena on `base`
   * one after the other, see each other move, and both settle on `expected`. Returns what the pages
   * asked for on the way (WebSocket attempts and /http/recv modes), for the scenario to check.
   */
  async function playPair(base, expected, { prepare = async () => {}, consoleOk = [] } = {}) {
    const contexts = [];
    const problems = [];
    const seen = [];
    try {
      const pages = [];
      for (const label of ['A', 'B']) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        contexts.push(context);
        const asked = { label, webSockets: 0, recv: [] };
        seen.push(asked);
        await prepare(context, asked);
        const page = await context.newPage();
        page.on('websocket', () => asked.webSockets++);
        page.on('request', (req) => {
          const url = new URL(req.url());
          if (url.pathname === '/http/recv') {
            asked.recv.push(url.searchParams.get('mode'));
          }
        });
        watch(page, label, problems, consoleOk);
        pages.push(page);
      }
      const joined = [];
      for (const [i, name] of ['Alice', 'Bob'].entries()) {
        joined.push(await joinArena(pages[i], base, name));
      }
      for (const [i, j] of joined.entries()) {
        assert.equal(j.transport, expected, `page ${seen[i].label} shows data-transport="${expected}"`);
        assert.equal(j.clientTransport, expected, `page ${seen[i].label}'s client.transport`);
      }
      assert.ok(joined[0].roomId, 'page A shows a room id');
      assert.equal(joined[1].roomId, joined[0].roomId, 'join-or-create puts both pages in one room');
      await seeEachOtherMove(pages[0], pages[1], ['Alice', 'Bob']);
      for (const page of pages) {
        const still = await page.evaluate(() => document.body.dataset.transport);
        assert.equal(still, expected, 'the carrier does not change during the match');
      }
      for (const [i, page] of pages.entries()) {
        const stats = await page.evaluate(() => window.tickcast.stats());
        assert.equal(stats.decodeErrors, 0, `page ${seen[i].label} decoded everything`);
        assert.equal(stats.reconnects, 0, `page ${seen[i].label} kept its session`);
      }
      assert.deepStrictEqual(problems, [], 'no unexpected console error, page error or dialog');
      for (const page of pages) {
        await within(page.evaluate(() => window.tickcast.client?.close()), 2000); // leave the room
      }
      return seen;
    } finally {
      for (const context of contexts) {
        await within(context.close(), 5000);
      }
    }
  }

  it('(a) behind a proxy that does not forward Upgrade, the pages play over http-stream', SCENARIO, async () => {
    const seen = await playPair(noUpgrade.base, 'http-stream', { consoleOk: [WS_FAILED] });
    for (const s of seen) {
      assert.ok(s.webSockets >= 1, `page ${s.label} tried WebSocket first`);
      assert.ok(!s.recv.includes('poll'), `page ${s.label} did not go on to long-polling: ${s.recv}`);
    }
  });

  it('(b) behind a proxy that also buffers responses, the pages play over http-poll', SCENARIO, async () => {
    const seen = await playPair(buffering.base, 'http-poll', { consoleOk: [WS_FAILED] });
    for (const s of seen) {
      assert.ok(s.webSockets >= 1, `page ${s.label} tried WebSocket first`);
      assert.ok(s.recv.indexOf('stream') >= 0 && s.recv.indexOf('stream') < s.recv.indexOf('poll'),
        `page ${s.label} tried streaming before long-polling: ${s.recv}`);
    }
  });

  it('(c) with a WebSocket that opens but never delivers, the pages play over http-stream', SCENARIO, async () => {
    const seen = await playPair(server.base, 'http-stream', {
      prepare: (context, asked) => context.routeWebSocket(WS_PATH, () => {
        asked.muted = (asked.muted ?? 0) + 1; // never connects to the server, never sends
      }),
    });
    for (const s of seen) {
      assert.ok(s.muted >= 1, `page ${s.label}'s WebSocket was opened (and muted)`);
      assert.ok(!s.recv.includes('poll'), `page ${s.label} did not go on to long-polling: ${s.recv}`);
    }
  });

  it('(d) in a page without WebSocket, the pages play over http-stream', SCENARIO, async () => {
    const seen = await playPair(server.base, 'http-stream', {
      prepare: (context) => context.addInitScript(() => {
        delete window.WebSocket;
      }),
    });
    for (const s of seen) {
      assert.equal(s.webSockets, 0, `page ${s.label} had no WebSocket to open`);
      assert.ok(!s.recv.includes('poll'), `page ${s.label} did not go on to long-polling: ${s.recv}`);
    }
  });
});
