// What the tanks browser tests share: the server jar started with the tanks jar on its class path
// on a free loopback port (TICKCAST_EXTRA_CLASSPATH first, if set), Debian's Chromium launched by
// playwright-core with the project's flags, the page opened as a named player, and every page's
// console errors, page errors and dialogs collected. stop() closes the browser and the server
// (SIGTERM, then SIGKILL after 3 s) and removes their folders.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const MODULE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const REPO = resolve(MODULE, '..', '..');
const SERVER_JAR = process.env.TICKCAST_SERVER_JAR || join(REPO, 'server', 'target', 'tickcast-server.jar');
const TANKS_JAR = process.env.TICKCAST_TANKS_JAR || join(MODULE, 'target', 'tickcast-tanks.jar');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = join(MODULE, 'target', 'screenshots');
export const WAIT_MS = 10_000;

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
export function watch(page, label, problems) {
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

export async function open(page, base, name) {
  await page.goto(`${base}/tanks/?name=${encodeURIComponent(name)}`, { timeout: WAIT_MS });
  await page.waitForSelector('body[data-state="playing"]', { timeout: WAIT_MS });
  return page.evaluate(() => ({ room: document.body.dataset.roomId, player: window.tanks.myPlayerId() }));
}

/** Starts the server and the browser: {base, context, serverLog, stop()}. */
export async function startTanks() {
  let server = null;
  let context = null;
  let profile = null;
  let serverCwd = null;
  const serverLog = [];
  let base = '';
  const stop = async () => {
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
  };
  try {
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
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, context, serverLog, stop };
}
