// What the browser tests share: the server jar started on a free loopback port and stopped again,
// and the wait for its /health (bounded, failing with the server's log if it exits or never answers).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Chromium's flags for these tests: headless, and nothing leaves loopback (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'];

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Resolves with /health's JSON once it answers 200 (at most 20 s); `log` holds the server's output. */
export async function waitForHealth(base, server, log) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`server exited with ${server.exitCode}:\n${log.join('')}`);
    }
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) {
        return res.json();
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no 200 from ${base}/health within 20 s:\n${log.join('')}`);
}

/**
 * Starts the server jar on a free loopback port in an empty working directory (so that it serves
 * the webroot packaged in the jar), with `args` after the port and host, and `env` added to the
 * environment; resolves once /health answers. The result's `log` holds the server's output.
 */
export async function startServer(jar, { args = [], env = {} } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const cwd = mkdtempSync(join(tmpdir(), 'tickcast-server-'));
  const log = [];
  const child = spawn('java', ['-jar', jar, '--port', String(port), '--host', '127.0.0.1', ...args],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  const started = { process: child, base, log, cwd };
  try {
    await waitForHealth(base, child, log);
  } catch (e) {
    await stopServer(started);
    throw e;
  }
  return started;
}

/** Stops a server from startServer (SIGTERM, SIGKILL after 3 s) and removes its working directory. */
export async function stopServer(started) {
  if (!started) {
    return;
  }
  const child = started.process;
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    const exited = await Promise.race([
      new Promise((r) => child.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 3000)),
    ]);
    if (!exited) {
      child.kill('SIGKILL');
    }
  }
  rmSync(started.cwd, { recursive: true, force: true });
}
