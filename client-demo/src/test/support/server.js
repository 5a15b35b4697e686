// What the browser tests share: a free loopback port for the server jar, and the wait for its
// /health (bounded, failing with the server's log if it exits or never answers).

import { createServer } from 'node:net';

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
