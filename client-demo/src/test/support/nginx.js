// Debian's nginx in front of a test server, as ClusterIT runs it: a config of our own in a temporary
// prefix (pid, logs and temp files stay there), on a free loopback port, in the foreground, without
// root. The configs are templates: {{LISTEN}} and {{UPSTREAM}} are filled in here.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server.js';

/** Where Debian installs nginx (.ci/run installs it). */
export const NGINX = process.env.NGINX || '/usr/sbin/nginx';

/** Resolves true once 127.0.0.1:port accepts a connection, false after `ms`. */
async function listening(port, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise((res) => {
      const s = connect({ host: '127.0.0.1', port }, () => { s.destroy(); res(true); });
      s.once('error', () => res(false));
      s.setTimeout(500, () => { s.destroy(); res(false); });
    });
    if (ok) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Fills a config template: every {{KEY}} of `values`; throws if any placeholder is left. */
export function fillConfig(template, values) {
  let conf = template;
  for (const [key, value] of Object.entries(values)) {
    conf = conf.replaceAll(`{{${key}}}`, value);
  }
  if (conf.includes('{{')) {
    throw new Error(`a placeholder is left in the nginx config:\n${conf}`);
  }
  return conf;
}

/** Writes `conf` into a new prefix directory (with its temp/ and logs/) and returns its paths. */
function preparePrefix(conf) {
  const dir = mkdtempSync(join(tmpdir(), 'tickcast-nginx-'));
  mkdirSync(join(dir, 'temp'));
  mkdirSync(join(dir, 'logs'));
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  return { dir, file };
}

/** Runs `nginx -t` on a config template filled with `values`; resolves with its output, rejects if invalid. */
export function testConfig(templateFile, values) {
  const { dir, file } = preparePrefix(fillConfig(readFileSync(templateFile, 'utf8'), values));
  return new Promise((res, rej) => {
    const child = spawn(NGINX, ['-t', '-p', dir, '-c', file, '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d.toString()));
    child.stderr.on('data', (d) => out.push(d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      (code === 0 ? res : rej)(code === 0 ? out.join('') : new Error(`nginx -t failed (${code}):\n${out.join('')}`));
    });
  });
}

/**
 * Starts nginx on the config template `templateFile`, listening on a free loopback port and
 * proxying to `upstream` (host:port); resolves once it accepts connections (at most 10 s). The
 * result's `base` is the proxy's URL and `log` its output; stop it with stopNginx.
 */
export async function startNginx(templateFile, upstream) {
  const port = await freePort();
  const conf = fillConfig(readFileSync(templateFile, 'utf8'), { LISTEN: `127.0.0.1:${port}`, UPSTREAM: upstream });
  const { dir, file } = preparePrefix(conf);
  const log = [];
  const child = spawn(NGINX, ['-p', dir, '-c', file, '-e', 'stderr', '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  const started = { process: child, base: `http://127.0.0.1:${port}`, port, log, dir };
  const exited = new Promise((r) => child.once('exit', () => r(false)));
  if (!await Promise.race([listening(port, 10_000), exited])) {
    await stopNginx(started);
    throw new Error(`nginx did not listen on ${port} within 10 s:\n${log.join('')}`);
  }
  return started;
}

/** Stops an nginx from startNginx (SIGTERM: fast shutdown; SIGKILL after 3 s) and removes its prefix. */
export async function stopNginx(started) {
  if (!started) {
    return;
  }
  const child = started.process;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', () => r(true)));
    child.kill('SIGTERM');
    if (!await Promise.race([exited, new Promise((r) => setTimeout(() => r(false), 3000))])) {
      child.kill('SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    }
  }
  rmSync(started.dir, { recursive: true, force: true });
}
