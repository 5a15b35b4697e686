// A recording replayed by the JavaScript SDK reproduces every snapshot the live spectator saw: the
// server jar records the arena (`--record arena`, 1-second fragments); in Chromium two SDK players
// move about while a third SDK client watches the room as a spectator (a seat from the admin API) and
// keeps every state it decodes, by tick; the players and the spectator leave, the empty room is
// disposed and its archive finished; then the page reads the archive from GET /recordings/{id}.tcrec
// whole (readRecording + RecordingPlayer) and by HTTP Range (openRecording), and every state the
// spectator saw is the replay's state at that tick, byte for byte as JSON. Every wait is bounded.
//
//   npm run test:browser        (after `mvn package`, from client-demo/)

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
const TOKEN = 'browser-test-admin-token-recording';
const WAIT_MS = 20_000;
const MATCH_MS = 5000;

describe('a recording against the live spectator', { timeout: 120_000 }, () => {
  let server = null;
  let browser = null;
  let profile = null;

  before(async () => {
    assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await startServer(JAR, { args: ['--event-loops', '2', '--record', 'arena',
      '--recording-fragment-seconds', '1'], env: { TICKCAST_ADMIN_TOKEN: TOKEN } });
    profile = mkdtempSync(join(tmpdir(), 'pw-profile-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, timeout: WAIT_MS, args: CHROMIUM_ARGS,
      httpCredentials: { username: 'operator', password: TOKEN },
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

  it('replays, whole and by range, every state the spectator decoded', async () => {
    const problems = [];
    const page = await browser.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.goto(`${server.base}/`, { timeout: WAIT_MS });

    // the match, watched live: every state the spectator decodes, as JSON, by tick
    const live = await page.evaluate(async (matchMs) => {
      const { TickcastClient } = await import('/sdk/index.js');
      const { encodeArenaInput } = await import('/arena/arena-rules.js');
      const players = [];
      for (const name of ['Ann', 'Bob']) {
        const client = new TickcastClient({ game: 'arena', name, reconnect: false });
        players.push(client);
        await client.connect();
      }
      const roomId = players[0].roomId;
      const res = await fetch(`/admin/api/rooms/${encodeURIComponent(roomId)}/watch`, {
        method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'X-Tickcast-Admin': '1' },
      });
      if (!res.ok) {
        throw new Error(`watch: HTTP ${res.status}`);
      }
      const spectator = new TickcastClient({ game: 'arena', name: 'spectator', reconnect: false });
      const seen = [];
      spectator.on('state', (state) => seen.push([state.tick, JSON.stringify(state)]));
      await spectator.spectate(await res.json());
      const dirs = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
      let n = 0;
      const mover = setInterval(() => {
        const [dx, dy] = dirs[Math.floor(n++ / 10) % dirs.length];
        players[0].sendInput(Uint8Array.of(encodeArenaInput(dx, dy, true)));
        players[1].sendInput(Uint8Array.of(encodeArenaInput(-dx, dy, false)));
      }, 100);
      await new Promise((r) => setTimeout(r, matchMs)); // the match's length, not a wait for an event
      clearInterval(mover);
      spectator.close();
      players.forEach((c) => c.close());
      return { roomId, seen };
    }, MATCH_MS);
    assert.ok(live.seen.length >= (MATCH_MS / 1000) * 20 / 2, `${live.seen.length} states seen live`);

    // the empty room is disposed and its archive finished
    let entry = null;
    const deadline = Date.now() + WAIT_MS;
    while (entry === null && Date.now() < deadline) {
      const list = await (await fetch(`${server.base}/recordings`)).json();
      entry = list.find((r) => r.room === live.roomId) ?? null;
      if (entry === null) {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    assert.ok(entry, `GET /recordings lists room ${live.roomId}`);

    const compared = await page.evaluate(async ({ id, seen }) => {
      const { openRecording, readRecording, RecordingPlayer } = await import('/sdk/index.js');
      const url = `/recordings/${id}.tcrec`;
      const recording = readRecording(new Uint8Array(await (await fetch(url)).arrayBuffer()));
      const whole = new RecordingPlayer(recording);
      const byRange = await openRecording(url);
      const wrong = [];
      for (const [tick, json] of seen) {
        const a = whole.stateAt(tick);
        if (a === null || a.tick !== tick || JSON.stringify(a) !== json) {
          wrong.push(`whole, tick ${tick}: ${a === null ? whole.error : a.tick}`);
        }
        const b = await byRange.stateAt(tick);
        if (b === null || b.tick !== tick || JSON.stringify(b) !== json) {
          wrong.push(`by range, tick ${tick}: ${b === null ? 'null' : b.tick}`);
        }
      }
      return { wrong, damage: recording.damage, first: whole.firstTick, end: whole.endTick };
    }, { id: entry.id, seen: live.seen });
    assert.equal(compared.damage, null);
    assert.deepEqual(compared.wrong.slice(0, 5), [], `${compared.wrong.length} states differ`);
    assert.ok(compared.first <= live.seen[0][0] && compared.end >= live.seen.at(-1)[0],
      `the recording (${compared.first}..${compared.end}) spans what the spectator saw`);
    assert.deepEqual(problems, []);
  });
});
