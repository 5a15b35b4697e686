// TickcastClient against a fake server: matchmaking, JOIN, WELCOME/SCHEMA/SNAPSHOT, inputs with
// increasing sequence numbers, PING/PONG, chat, game messages, and reconnection after an
// unexpected drop.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listGames, TickcastClient } from '../../../sdk/client.js';
import * as M from '../../../sdk/messages.js';
import * as P from '../../../sdk/protocol.js';
import { FakeSocket, fakeFetch, joinedClient, manualTimers, sentOf, tick } from './fakes.js';
import { GOLDEN } from './golden.js';

const arena = GOLDEN.snapshotCase('arena');

describe('TickcastClient', () => {
  it('matchmakes, joins, decodes state, numbers inputs from 1, measures RTT and chats', async () => {
    FakeSocket.all = [];
    const calls = [];
    const t = manualTimers();
    let now = 1000;
    const states = [];
    const chats = [];
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://127.0.0.1:9999', name: 'ada', WebSocket: FakeSocket,
      fetch: fakeFetch(calls), now: () => now, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout,
      onState: (s, info) => states.push([s, info]), onChat: (m) => chats.push(m) });
    const joined = client.connect();
    await tick();
    assert.equal(calls[0].url, 'http://127.0.0.1:9999/matchmake/arena');
    assert.deepStrictEqual(calls[0].body, { name: 'ada' });
    const ws = FakeSocket.all[0];
    assert.equal(ws.url, 'ws://127.0.0.1:9999/ws');
    assert.equal(ws.protocol, P.SUBPROTOCOL);
    assert.deepStrictEqual(ws.sent[0], { id: P.JOIN, name: 'JOIN', value: { version: P.VERSION, token: 'tok1' } });
    ws.receive(M.encodeWelcome({ version: P.VERSION, roomId: 'room1', game: 'arena', playerId: 0, entityId: 333,
      tickHz: 60, snapshotEveryTicks: 3 }));
    const welcome = await joined;
    assert.equal(welcome.entityId, 333);
    assert.equal(client.status, 'joined');
    assert.equal(ws.sent[1].name, 'PING');
    ws.receive(GOLDEN.bytes(arena.schema));
    ws.receive(GOLDEN.bytes(arena.steps[0].frame));
    ws.receive(GOLDEN.bytes(arena.steps[1].frame));
    assert.equal(states.length, 2);
    assert.equal(states[0][1].full, true);
    assert.equal(client.stats.fullSnapshots, 1);
    assert.deepStrictEqual(client.state.toJSON(), GOLDEN.json(arena.steps[1].state));
    assert.equal(client.sendInput(Uint8Array.of(6)), 1);
    assert.equal(client.sendInput(Uint8Array.of(5)), 2);
    assert.deepStrictEqual(ws.sent.slice(2).map((m) => m.value.seq), [1, 2]);
    now += 40;
    ws.receive(M.encodePong({ clientTime: 1000, serverTick: 77 }));
    assert.equal(client.stats.rttMs, 40);
    assert.equal(client.sendChat('  <b>hi</b>  '), 'sent');
    assert.deepStrictEqual(ws.sent.at(-1).value, { text: '<b>hi</b>' });
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: '<img src=x onerror=alert(1)>' }));
    assert.deepStrictEqual(chats[0], { playerId: 1, name: 'bob', text: '<img src=x onerror=alert(1)>', system: false });
    const notice = GOLDEN.manifest().messages.find((m) => m.name === 'chat_system');
    ws.receive(GOLDEN.bytes(notice.file));
    assert.deepStrictEqual(chats[1], { ...notice.value, system: true }, 'a CHAT with an empty name is the server\'s');
    assert.equal(client.status, 'joined');
    assert.ok(client.stats.bytesDown > 0 && client.stats.bytesUp > 0);
    client.close();
    assert.equal(client.status, 'closed');
  });

  it('reconnects with back-off after an unexpected drop, matchmaking again', async () => {
    FakeSocket.all = [];
    const calls = [];
    const t = manualTimers();
    const closes = [];
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket, fetch: fakeFetch(calls),
      now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, onClose: (c) => closes.push(c) });
    const joined = client.connect();
    await tick();
    const welcome = M.encodeWelcome({ version: P.VERSION, roomId: 'r', game: 'arena', playerId: 0, entityId: 1,
      tickHz: 60, snapshotEveryTicks: 3 });
    FakeSocket.all[0].receive(welcome);
    await joined;
    client.sendInput(Uint8Array.of(5));
    FakeSocket.all[0].close(1006, '');
    await tick();
    assert.deepStrictEqual(closes[0], { code: 1006, reason: '', willReconnect: true });
    assert.equal(client.status, 'reconnecting');
    const retry = t.timers.at(-1);
    assert.ok(retry.ms >= 150 && retry.ms <= 350, `first back-off ${retry.ms} ms`);
    retry.fn();
    await tick();
    await tick();
    assert.equal(calls.length, 2);
    assert.equal(FakeSocket.all.length, 2);
    assert.equal(FakeSocket.all[1].sent[0].value.token, 'tok2');
    FakeSocket.all[1].receive(welcome);
    assert.equal(client.status, 'joined');
    assert.equal(client.sendInput(Uint8Array.of(5)), 1, 'a new connection numbers inputs from 1 again');
    assert.equal(client.stats.reconnects, 1);
    client.close();
  });

  it('does not reconnect after a close that would repeat (bad version, rate limit)', async () => {
    FakeSocket.all = [];
    const t = manualTimers();
    const closes = [];
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket, fetch: fakeFetch([]),
      now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, onClose: (c) => closes.push(c) });
    const joined = client.connect();
    await tick();
    FakeSocket.all[0].receive(M.encodeWelcome({ version: P.VERSION, roomId: 'r', game: 'arena', playerId: 0, entityId: 1,
      tickHz: 60, snapshotEveryTicks: 3 }));
    await joined;
    FakeSocket.all[0].close(P.CLOSE_RATE_LIMITED, 'chat rate limit');
    await tick();
    assert.equal(closes[0].willReconnect, false);
    assert.equal(client.status, 'closed');
  });

  it('treats a join timeout (4011) and a server shutdown (1001) as drops, and retries', async () => {
    for (const code of [P.CLOSE_JOIN_TIMEOUT, P.CLOSE_GOING_AWAY]) {
      FakeSocket.all = [];
      const calls = [];
      const t = manualTimers();
      const closes = [];
      const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket,
        fetch: fakeFetch(calls), now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout,
        onClose: (c) => closes.push(c) });
      const joined = client.connect();
      await tick();
      FakeSocket.all[0].receive(M.encodeWelcome({ version: P.VERSION, roomId: 'r', game: 'arena', playerId: 0, entityId: 1,
        tickHz: 60, snapshotEveryTicks: 3 }));
      await joined;
      FakeSocket.all[0].close(code, '');
      await tick();
      assert.equal(closes[0].willReconnect, true, `${code} is a drop`);
      assert.equal(client.status, 'reconnecting');
      t.timers.at(-1).fn();
      await tick();
      await tick();
      assert.equal(calls.length, 2, `${code}: matchmakes again (no reconnection token)`);
      client.close();
    }
  });

  it('drops chat lines over the rate limit instead of getting closed', async () => {
    let now = 0;
    const { client } = await joinedClient({ now: () => now });
    const results = Array.from({ length: 6 }, () => client.sendChat('x'));
    assert.deepStrictEqual(results, ['sent', 'sent', 'sent', 'sent', 'too-fast', 'too-fast']);
    now += 1000;
    assert.equal(client.sendChat('x'), 'sent');
  });

  it('rejoins when a snapshot cannot be decoded', async () => {
    FakeSocket.all = [];
    const t = manualTimers();
    const errors = [];
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket, fetch: fakeFetch([]),
      now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, onError: (e) => errors.push(e.message) });
    const joined = client.connect();
    await tick();
    const ws = FakeSocket.all[0];
    ws.receive(M.encodeWelcome({ version: P.VERSION, roomId: 'r', game: 'arena', playerId: 0, entityId: 1,
      tickHz: 60, snapshotEveryTicks: 3 }));
    await joined;
    ws.receive(GOLDEN.bytes(arena.schema));
    ws.receive(GOLDEN.bytes(arena.steps[1].frame)); // a delta without its baseline
    assert.equal(client.stats.decodeErrors, 1);
    assert.match(errors[0], /snapshot rejected/);
    assert.equal(client.status, 'reconnecting');
    client.close();
  });

  it('resumes its seat with the reconnection token after a drop, continuing the input numbering', async () => {
    FakeSocket.all = [];
    const calls = [];
    const t = manualTimers();
    let now = 0;
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket, fetch: fakeFetch(calls, true),
      now: () => now, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout });
    const joined = client.connect();
    await tick();
    const welcome = M.encodeWelcome({ version: P.VERSION, roomId: 'room1', game: 'arena', playerId: 0, entityId: 9,
      tickHz: 60, snapshotEveryTicks: 3 });
    FakeSocket.all[0].receive(welcome);
    await joined;
    assert.equal(client.sendInput(Uint8Array.of(5)), 1);
    assert.equal(client.sendInput(Uint8Array.of(5)), 2);
    FakeSocket.all[0].close(1006, '');
    await tick();
    now += 500;
    t.timers.at(-1).fn();
    await tick();
    assert.equal(calls.length, 1, 'no new matchmaking');
    assert.deepStrictEqual(FakeSocket.all[1].sent[0].value, { version: P.VERSION, token: 're1' });
    FakeSocket.all[1].receive(welcome);
    assert.equal(client.status, 'joined');
    assert.equal(client.sendInput(Uint8Array.of(5)), 3, 'a resumed seat continues its input numbering');

    // refused (the grace period is over): matchmake again, numbering from 1
    FakeSocket.all[1].close(1006, '');
    await tick();
    t.timers.at(-1).fn();
    await tick();
    FakeSocket.all[2].close(P.CLOSE_SEAT_EXPIRED, 'seat token expired');
    await tick();
    assert.equal(client.status, 'reconnecting');
    t.timers.at(-1).fn();
    await tick();
    await tick();
    assert.equal(calls.length, 2);
    assert.deepStrictEqual(FakeSocket.all[3].sent[0].value, { version: P.VERSION, token: 'tok2' });
    FakeSocket.all[3].receive(welcome);
    assert.equal(client.sendInput(Uint8Array.of(5)), 1);
    client.close();
  });

  it('matchmakes instead of resuming once the grace period is over', async () => {
    FakeSocket.all = [];
    const calls = [];
    const t = manualTimers();
    let now = 0;
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket, fetch: fakeFetch(calls, true),
      now: () => now, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, resumeWindowMs: 15000 });
    const joined = client.connect();
    await tick();
    FakeSocket.all[0].receive(M.encodeWelcome({ version: P.VERSION, roomId: 'room1', game: 'arena', playerId: 0,
      entityId: 9, tickHz: 60, snapshotEveryTicks: 3 }));
    await joined;
    FakeSocket.all[0].close(1006, '');
    await tick();
    now += 16000;
    t.timers.at(-1).fn();
    await tick();
    await tick();
    assert.equal(calls.length, 2);
    assert.equal(FakeSocket.all[1].sent[0].value.token, 'tok2');
    client.close();
  });

  it('requires a game name', () => {
    for (const options of [{}, { game: '' }, { game: 42 }, undefined]) {
      assert.throws(() => new TickcastClient(options), /options\.game .* is required/);
    }
  });

  it('sends game messages and receives them through onMessage', async () => {
    FakeSocket.all = [];
    const t = manualTimers();
    const received = [];
    const client = new TickcastClient({ game: 'tanks', baseUrl: 'http://h:1', WebSocket: FakeSocket,
      fetch: fakeFetch([]), now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout,
      onMessage: (m) => received.push(m) });
    assert.equal(client.sendMessage(1, Uint8Array.of(1)), 'not-joined');
    const joined = client.connect();
    await tick();
    const ws = FakeSocket.all[0];
    ws.receive(M.encodeWelcome({ version: P.VERSION, roomId: 'r', game: 'tanks', playerId: 0, entityId: 1,
      tickHz: 60, snapshotEveryTicks: 3 }));
    await joined;
    assert.equal(client.sendMessage(7, Uint8Array.of(1, 2, 3)), 'sent');
    assert.equal(client.sendMessage(255), 'sent');
    const full = new Uint8Array(P.MAX_GAME_PAYLOAD_BYTES).fill(9); // 1024 bytes
    assert.equal(client.sendMessage(0, full), 'sent');
    const sends = ws.sent.filter((m) => m.id === P.GAME_SEND).map((m) => m.value);
    assert.deepStrictEqual(sends.map((v) => [v.type, Array.from(v.payload)]),
      [[7, [1, 2, 3]], [255, []], [0, Array.from(full)]]);
    assert.throws(() => client.sendMessage(256, Uint8Array.of()), RangeError);
    assert.throws(() => client.sendMessage(-1), RangeError);
    assert.throws(() => client.sendMessage(1.5), RangeError);
    assert.throws(() => client.sendMessage(1, new Uint8Array(P.MAX_GAME_PAYLOAD_BYTES + 1)), RangeError);
    ws.receive(M.encodeGameMessage(3, Uint8Array.of(0xca, 0xfe)));
    assert.equal(received.length, 1);
    assert.equal(received[0].type, 3);
    assert.deepStrictEqual(Array.from(received[0].payload), [0xca, 0xfe]);
    // game-logic's golden GAME_MESSAGE frames arrive as their committed values
    const golden = GOLDEN.manifest().messages.filter((m) => m.type === 'GAME_MESSAGE');
    assert.ok(golden.length > 0, 'golden GAME_MESSAGE vectors');
    for (const m of golden) {
      ws.receive(GOLDEN.bytes(m.file));
      const got = received.at(-1);
      assert.deepStrictEqual({ type: got.type, payload: Array.from(got.payload) }, m.value, m.file);
    }
    assert.equal(received.length, 1 + golden.length);
    assert.equal(client.status, 'joined');
    client.close();
  });

  it('keeps game messages under the server limit (20/s, bursts of 40), dropping the excess', async () => {
    let now = 0;
    const { client, ws } = await joinedClient({ game: 'tanks', now: () => now });
    let sent = 0;
    const send = ws.send.bind(ws);
    ws.send = (bytes) => {
      sent++;
      send(bytes);
    };
    // Replay a greedy sender at 1 ms steps for 3 s against the server's bucket (20/s, burst 40).
    let serverTokens = 40;
    let lastMs = 0;
    let refused = 0;
    for (now = 0; now <= 3000; now++) {
      serverTokens = Math.min(40, serverTokens + (now - lastMs) * 0.02);
      lastMs = now;
      const before = sent;
      const result = client.sendMessage(1, Uint8Array.of(now & 0xff));
      assert.ok(result === 'sent' || result === 'too-fast', result);
      if (sent > before) {
        assert.ok(serverTokens >= 1, `the server would refuse the message sent at ${now} ms`);
        serverTokens -= 1;
      } else {
        refused++;
      }
    }
    assert.ok(sent >= 36 + 3 * 18 - 1, `sent ${sent}`);
    assert.ok(refused > 0);
  });

  it('does not send chat when the game has chat off', async () => {
    const { client, ws } = await joinedClient({ game: 'tanks', gameInfo: { name: 'tanks', chat: false } });
    const sent = () => sentOf(ws, P.CHAT_SEND);
    assert.equal(client.chatEnabled, false);
    assert.equal(client.sendChat('hello'), 'disabled');
    assert.equal(sent().length, 0);
    client.gameInfo = { name: 'tanks', chat: true };
    assert.equal(client.sendChat('hello'), 'sent');
    assert.equal(sent().length, 1);
  });
});

describe('TickcastClient in a cluster', () => {
  it('connects to the node in the matchmaker\'s url, and resumes there after a drop', async () => {
    FakeSocket.all = [];
    const t = manualTimers();
    const nodeUrl = 'ws://proxy:8000/node/b/ws';
    const fetch = async () => ({ ok: true, status: 200, json: async () => ({ roomId: 'r1', token: 'tok1', game: 'arena',
      expiresInMs: 10000, reconnectToken: 're1', url: nodeUrl, node: 'http://proxy:8000/node/b' }) });
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://proxy:8000', WebSocket: FakeSocket, fetch,
      now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout });
    const joined = client.connect();
    await tick();
    assert.equal(FakeSocket.all[0].url, nodeUrl);
    FakeSocket.all[0].receive(M.encodeWelcome({ version: P.VERSION, roomId: 'r1', game: 'arena', playerId: 0, entityId: 1,
      tickHz: 60, snapshotEveryTicks: 3 }));
    await joined;
    FakeSocket.all[0].close(1006, '');
    await tick();
    t.timers.at(-1).fn();
    await tick();
    assert.equal(FakeSocket.all[1].url, nodeUrl, 'the room lives on that node');
    assert.deepStrictEqual(FakeSocket.all[1].sent[0].value, { version: P.VERSION, token: 're1' });
  });

  it('matchmakes again when its node is gone (the resumed socket never opens)', async () => {
    FakeSocket.all = [];
    let nodeGone = false;
    class Socket extends FakeSocket {
      constructor(url, protocol) {
        super(url, protocol);
        if (nodeGone) { // the proxy answers 502: the socket closes without ever opening
          Object.defineProperty(this, 'onopen', { get: () => undefined, set: () => {} });
          queueMicrotask(() => this.onclose?.({ code: 1006, reason: '' }));
        }
      }
    }
    const calls = [];
    const t = manualTimers();
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: Socket,
      fetch: fakeFetch(calls, true), now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout });
    const joined = client.connect();
    await tick();
    FakeSocket.all[0].receive(M.encodeWelcome({ version: P.VERSION, roomId: 'room1', game: 'arena', playerId: 0, entityId: 1,
      tickHz: 60, snapshotEveryTicks: 3 }));
    await joined;
    nodeGone = true;
    FakeSocket.all[0].close(1006, '');
    await tick();
    t.timers.at(-1).fn(); // first the resumption, within the grace period
    await tick();
    assert.equal(calls.length, 1);
    assert.deepStrictEqual(FakeSocket.all[1].sent, [], 'its socket never opened');
    nodeGone = false;
    t.timers.at(-1).fn();
    await tick();
    assert.equal(calls.length, 2, 'then a new seat, at once rather than after the grace period');
    assert.deepStrictEqual(FakeSocket.all[2].sent[0].value, { version: P.VERSION, token: 'tok2' });
    client.close();
  });

  it('ignores a url that is not a WebSocket URL', async () => {
    FakeSocket.all = [];
    const fetch = async () => ({ ok: true, status: 200, json: async () => ({ roomId: 'r1', token: 'tok1', url: 'javascript:x' }) });
    const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket, fetch });
    client.connect().catch(() => {});
    await tick();
    assert.equal(FakeSocket.all[0].url, 'ws://h:1/ws');
    client.close();
  });
});

describe('listGames', () => {
  it('reads GET /games', async () => {
    const games = [{ name: 'arena', tickHz: 60, snapshotHz: 20, snapshotEveryTicks: 3, maxPlayers: 16, chat: true,
      page: '/arena/' }];
    const urls = [];
    const fetch = async (url) => {
      urls.push(String(url));
      return { ok: true, status: 200, json: async () => games };
    };
    assert.deepStrictEqual(await listGames({ baseUrl: 'http://h:1', fetch }), games);
    assert.deepStrictEqual(urls, ['http://h:1/games']);
  });

  it('rejects an HTTP error or an answer that is not a list', async () => {
    const answer = (status, body) => async () => ({ ok: status === 200, status, json: async () => body });
    await assert.rejects(listGames({ baseUrl: 'http://h:1', fetch: answer(404, {}) }), /HTTP 404/);
    await assert.rejects(listGames({ baseUrl: 'http://h:1', fetch: answer(200, { games: [] }) }), /not an array/);
  });
});
