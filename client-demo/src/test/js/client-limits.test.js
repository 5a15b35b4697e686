// The client paces itself under the limits the server states in GET /games (every game entry's
// `limits`), a little under them, and falls back to the defaults of TickcastOptions when the
// server does not say (an older server) or its list cannot be read.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS, limitsOf, paceUnder } from '../../../sdk/limits.js';
import * as P from '../../../sdk/protocol.js';
import { FakeSocket, fakeFetch, joinedClient, manualTimers, OLD_GAMES, sentOf, tick, WELCOME } from './fakes.js';

const SLOW = { messagesPerSecond: 30, messageBurst: 60, chatPerSecond: 1, chatBurst: 2, gameMessagesPerSecond: 5,
  gameMessageBurst: 10 };
const slowServer = () => [{ name: 'arena', tickHz: 60, chat: true, limits: SLOW }];

/**
 * A greedy sender of game messages at 1 ms steps for ms against a server bucket of perSecond and
 * burst: how many went out, and the first one the server would have refused (or null).
 */
function greedy(client, ws, clock, { perSecond, burst, ms }) {
  let serverTokens = burst;
  let lastMs = clock.now;
  let refusedAt = null;
  const before = sentOf(ws, P.GAME_SEND).length;
  const end = clock.now + ms;
  for (let t = clock.now; t <= end; t++) {
    serverTokens = Math.min(burst, serverTokens + (t - lastMs) * perSecond / 1000);
    lastMs = t;
    clock.now = t;
    if (client.sendMessage(1, Uint8Array.of(t & 0xff)) === 'sent') {
      if (serverTokens < 1 && refusedAt === null) {
        refusedAt = t;
      }
      serverTokens -= 1;
    }
  }
  return { sent: sentOf(ws, P.GAME_SEND).length - before, refusedAt };
}

describe('session limits from the server', () => {
  it('paces a little under the limits: with the defaults, today\'s 1.8 and 4 chat, 18 and 36 game messages', () => {
    const pace = paceUnder(DEFAULT_LIMITS);
    assert.equal(pace.chatPerSecond, 1.8);
    assert.equal(pace.chatBurst, 4);
    assert.equal(pace.gameMessagesPerSecond, 18);
    assert.equal(pace.gameMessageBurst, 36);
    assert.equal(pace.messagesPerSecond, 54);
    assert.equal(pace.messageBurst, 108);
    assert.equal(paceUnder({ ...DEFAULT_LIMITS, chatBurst: 1 }).chatBurst, 1, 'never under one');
    assert.equal(paceUnder(DEFAULT_LIMITS, { chatPerSecond: 0.5, messageBurst: 3 }).chatPerSecond, 0.5,
      'the caller\'s options win');
  });

  it('reads every field of an entry\'s limits, a missing or nonsensical one being the default', () => {
    assert.equal(limitsOf({ name: 'arena' }), null, 'an older server');
    assert.equal(limitsOf(null), null);
    assert.deepStrictEqual(limitsOf({ limits: SLOW }), SLOW);
    assert.deepStrictEqual(limitsOf({ limits: { chatPerSecond: 0.5, chatBurst: 'five', messageBurst: 2.5,
      gameMessagesPerSecond: -1, messagesPerSecond: Infinity } }), { ...DEFAULT_LIMITS, chatPerSecond: 0.5 });
  });

  it('follows a server that states lower limits (GET /games, read once while matchmaking)', async () => {
    const clock = { now: 0 };
    const listings = [];
    const { client, ws } = await joinedClient({ now: () => clock.now,
      fetch: fakeFetch([], false, slowServer(), listings) });
    assert.deepStrictEqual(listings, ['http://h:1/games']);
    assert.deepStrictEqual(client.limits, SLOW);
    // chat: 1 a second in bursts of 2 on the server, so bursts of 1 at 0.9 a second here
    assert.deepStrictEqual([client.sendChat('a'), client.sendChat('b')], ['sent', 'too-fast']);
    clock.now += 1000;
    assert.equal(client.sendChat('c'), 'too-fast', 'under 1 a second');
    clock.now += 112;
    assert.equal(client.sendChat('d'), 'sent');
    // game messages: 5 a second in bursts of 10 on the server; the greedy sender is never refused
    const { sent, refusedAt } = greedy(client, ws, clock, { perSecond: 5, burst: 10, ms: 3000 });
    assert.equal(refusedAt, null, `the server would refuse the message sent at ${refusedAt} ms`);
    assert.ok(sent >= 9 + 3 * 4.5 - 2 && sent < 36, `sent ${sent}: the server's pace, not the default's`);
    client.close();
  });

  it('takes the limits from gameInfo when the caller has the game\'s entry, without asking again', async () => {
    const clock = { now: 0 };
    const listings = [];
    const { client, ws } = await joinedClient({ now: () => clock.now, gameInfo: slowServer()[0],
      fetch: fakeFetch([], false, OLD_GAMES, listings) });
    assert.deepStrictEqual(listings, []);
    assert.deepStrictEqual(client.limits, SLOW);
    assert.equal(greedy(client, ws, clock, { perSecond: 5, burst: 10, ms: 1000 }).refusedAt, null);
    client.close();
  });

  it('falls back to the defaults with an older server, as before', async () => {
    const clock = { now: 0 };
    const { client, ws } = await joinedClient({ now: () => clock.now });
    assert.deepStrictEqual(client.limits, DEFAULT_LIMITS);
    assert.deepStrictEqual(Array.from({ length: 6 }, () => client.sendChat('x')),
      ['sent', 'sent', 'sent', 'sent', 'too-fast', 'too-fast']);
    const { sent, refusedAt } = greedy(client, ws, clock, { perSecond: 20, burst: 40, ms: 3000 });
    assert.equal(refusedAt, null);
    assert.ok(sent >= 36 + 3 * 18 - 1, `sent ${sent}`);
    client.close();
  });

  it('falls back to the defaults when GET /games fails, and asks again at the next matchmaking', async () => {
    const listings = [];
    const games = fakeFetch([], false, slowServer(), listings);
    let down = true;
    const fetch = async (url, init) => (init?.method !== 'POST' && down
      ? (listings.push(String(url)), { ok: false, status: 503, json: async () => ({ error: 'down' }) })
      : games(url, init));
    const t = manualTimers();
    const { client } = await joinedClient({ fetch, ...t });
    assert.deepStrictEqual(client.limits, DEFAULT_LIMITS);
    assert.equal(client.status, 'joined', 'matchmaking does not depend on the game list');
    down = false;
    FakeSocket.all[0].close(P.CLOSE_GOING_AWAY, ''); // no reconnection token: the retry matchmakes
    await tick();
    t.timers.at(-1).fn();
    await tick();
    await tick();
    assert.equal(listings.length, 2);
    assert.deepStrictEqual(client.limits, SLOW, 'a server that answers is believed');
    FakeSocket.all[1].receive(WELCOME);
    assert.equal(client.status, 'joined');
    client.close();
  });

  it('lets inputs and pings go at any rate but keeps optional messages under the limit of all messages', async () => {
    const clock = { now: 0 };
    const limits = { ...DEFAULT_LIMITS, messagesPerSecond: 10, messageBurst: 10 }; // paced: 9 a second, bursts of 9
    const { client, ws } = await joinedClient({ now: () => clock.now,
      fetch: fakeFetch([], false, [{ name: 'arena', limits }]) });
    assert.deepStrictEqual(ws.sent.map((m) => m.name), ['JOIN', 'PING'], 'two of the nine');
    for (let i = 1; i <= 7; i++) {
      assert.equal(client.sendInput(Uint8Array.of(1)), i);
    }
    assert.equal(client.sendMessage(1), 'too-fast', 'the game-message bucket is full but all messages are spent');
    assert.equal(client.sendChat('hi'), 'too-fast');
    assert.equal(client.sendInput(Uint8Array.of(1)), 8, 'inputs still go');
    clock.now += 112;
    assert.equal(client.sendMessage(1), 'sent');
    client.close();
  });
});
