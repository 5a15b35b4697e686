// The transport ladder of TickcastClient: WebSocket, then HTTP streaming, then long-polling, each
// rung with a new seat; a rung is left when it fails or stays mute before WELCOME; a fallback that
// worked is remembered per origin for a while; once joined, the carrier is kept for the match.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TickcastClient } from '../../../sdk/client.js';
import * as M from '../../../sdk/messages.js';
import * as P from '../../../sdk/protocol.js';
import { FakeSocket, manualTimers, tick, WELCOME } from './fakes.js';
import { downBody, FakeHttpServer, SESSION } from './http-fakes.js';

const KEY = 'tickcast.transport http://h:1';
const TIMEOUT_MS = 3210;

/** A WebSocket that opens and then hears nothing (a proxy holding it mute); its close is kept. */
class MuteSocket extends FakeSocket {
  close(code, reason) {
    this.closedWith = { code, reason };
    super.close(code, reason);
  }
}

/** A WebSocket whose upgrade is refused: it closes (1006) without ever opening. */
class RefusedSocket extends MuteSocket {
  constructor(url, protocol) {
    super(url, protocol);
    Object.defineProperty(this, 'onopen', { get: () => undefined, set: () => {} });
    queueMicrotask(() => this.onclose?.({ code: 1006, reason: '' }));
  }
}

function memoryStorage(entries = {}) {
  const map = new Map(Object.entries(entries));
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, String(v)), removeItem: (k) => map.delete(k) };
}

function ladderClient(options = {}) {
  FakeSocket.all = [];
  const server = new FakeHttpServer();
  const t = manualTimers();
  const events = [];
  const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', fetch: server.fetch, now: () => 0,
    setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, transportTimeoutMs: TIMEOUT_MS, storage: memoryStorage(),
    ...options });
  client.on('close', (c) => events.push(['close', c.code]));
  client.on('status', (s) => events.push(s));
  return { server, t, client, events };
}

/** Fires the timer of the last rung tried. */
function timeOut(t) {
  t.timers.findLast((x) => x.ms === TIMEOUT_MS).fn();
}

/** The token of the JOIN an /http/open request carries. */
const joinToken = (open) => M.decodeMessage(Uint8Array.from(open.records[1].bytes)).value.token;

/** Answers the open and delivers WELCOME on the first recv. */
async function welcomeOverHttp(server, mode) {
  (await server.next('/http/open')).respond(200, { session: SESSION });
  const recv = await server.next('/http/recv');
  assert.equal(recv.mode, mode);
  if (mode === 'stream') {
    recv.stream().push(downBody(1, [WELCOME]));
  } else {
    recv.respond(200, { body: downBody(1, [WELCOME]) });
  }
  return recv;
}

describe('TickcastClient transport ladder', () => {
  it('moves from a mute WebSocket to HTTP streaming after the timeout, with a new seat, and remembers it', async () => {
    const storage = memoryStorage();
    const { server, t, client, events } = ladderClient({ WebSocket: MuteSocket, storage });
    const joined = client.connect();
    await tick();
    const ws = FakeSocket.all[0];
    assert.equal(ws.sent[0].value.token, 'tok1');
    assert.equal(client.transport, null);
    timeOut(t);
    assert.deepStrictEqual(ws.closedWith, { code: 1000, reason: 'bye' }, 'the abandoned socket is closed with 1000');
    const open = await server.next('/http/open');
    assert.equal(server.seats.length, 2, 'a new seat for the new rung');
    assert.equal(joinToken(open), 'tok2');
    open.respond(200, { session: SESSION });
    (await server.next('/http/recv')).stream().push(downBody(1, [WELCOME]));
    assert.equal((await joined).entityId, 1);
    assert.equal(client.transport, 'http-stream');
    assert.equal(client.status, 'joined');
    assert.equal(client.ws.readyState, 1);
    assert.deepStrictEqual(events, ['matchmaking', 'connecting', 'matchmaking', 'connecting', 'joined'], 'no close event');
    const remembered = JSON.parse(storage.map.get(KEY));
    assert.equal(remembered.transport, 'http-stream');
    assert.ok(remembered.untilMs > Date.now() + 9 * 60 * 1000 && remembered.untilMs <= Date.now() + 10 * 60 * 1000);
    client.sendInput(Uint8Array.of(6));
    const send = await server.next('/http/send');
    assert.equal(send.records[1].seq, 2, 'messages follow the JOIN');
    client.close();
  });

  it('goes straight to HTTP streaming where there is no WebSocket at all, at the seat\'s node', async () => {
    const { server, client } = ladderClient({ WebSocket: null });
    server.node = 'http://h:1/node/b';
    const joined = client.connect();
    await welcomeOverHttp(server, 'stream');
    await joined;
    assert.deepStrictEqual(server.requests.map((r) => r.url).slice(0, 3),
      ['http://h:1/node/b/http/open', 'http://h:1/node/b/http/recv?mode=stream', 'http://h:1/node/b/http/send']);
    assert.equal(server.requests[2].records[1].bytes[0], M.encodePing(0)[0], 'the first PING');
    assert.equal(server.seats.length, 1);
    assert.equal(client.transport, 'http-stream');
    client.close();
  });

  it('moves from a refused WebSocket to streaming, and from a stream that never delivers to long-polling', async () => {
    const storage = memoryStorage();
    const { server, t, client, events } = ladderClient({ WebSocket: RefusedSocket, storage });
    const joined = client.connect();
    const open = await server.next('/http/open');
    assert.equal(joinToken(open), 'tok2');
    open.respond(200, { session: SESSION });
    const stream = await server.next('/http/recv');
    stream.stream(); // a buffering proxy: nothing comes through
    await tick();
    timeOut(t);
    assert.equal(stream.aborted, true);
    const leave = await server.next('/http/send');
    assert.deepStrictEqual(leave.records.at(-1), { kind: 'CLOSE', code: 1000, reason: 'bye' });
    leave.respond(204);
    const poll = await server.next('/http/open');
    assert.equal(joinToken(poll), 'tok3');
    poll.respond(200, { session: SESSION });
    const recv = await server.next('/http/recv');
    assert.equal(recv.mode, 'poll');
    recv.respond(200, { body: downBody(1, [WELCOME]) });
    await joined;
    assert.equal(client.transport, 'http-poll');
    assert.equal(JSON.parse(storage.map.get(KEY)).transport, 'http-poll');
    assert.ok(!events.some((e) => Array.isArray(e)), 'no close event while climbing');
    client.close();
  });

  it('starts from a remembered fallback, without refreshing it, and tries WebSocket again once it ran out', async () => {
    const memory = JSON.stringify({ transport: 'http-poll', untilMs: Date.now() + 60_000 });
    const storage = memoryStorage({ [KEY]: memory, 'tickcast.transport http://other:1': 'x' });
    const a = ladderClient({ WebSocket: MuteSocket, storage });
    const joined = a.client.connect();
    await welcomeOverHttp(a.server, 'poll');
    await joined;
    assert.equal(FakeSocket.all.length, 0, 'no WebSocket tried');
    assert.equal(a.client.transport, 'http-poll');
    assert.equal(storage.map.get(KEY), memory);
    a.client.close();

    storage.map.set(KEY, JSON.stringify({ transport: 'http-poll', untilMs: Date.now() - 1 }));
    const b = ladderClient({ WebSocket: MuteSocket, storage });
    const again = b.client.connect();
    await tick();
    FakeSocket.all[0].receive(WELCOME);
    await again;
    assert.equal(b.client.transport, 'websocket');
    assert.equal(storage.map.has(KEY), false, 'WebSocket works again: forgotten');
    assert.equal(b.t.timers.find((x) => x.ms === TIMEOUT_MS).fn.name, '', 'the rung timer was cleared');
    b.client.close();
  });

  it('keeps its carrier for the match: a drop reconnects over the same one', async () => {
    const { server, t, client, events } = ladderClient({ WebSocket: null });
    const joined = client.connect();
    const stream = await welcomeOverHttp(server, 'stream');
    await joined;
    stream.streaming.end();
    (await server.next('/http/recv')).respond(404); // the stream ended; its session is gone
    await tick();
    assert.deepStrictEqual(events.at(-2), ['close', 1006]);
    assert.equal(client.status, 'reconnecting');
    t.timers.at(-1).fn();
    const open = await server.next('/http/open');
    assert.equal(joinToken(open), 're1', 'resumes its seat, over HTTP streaming again');
    open.respond(200, { session: SESSION });
    (await server.next('/http/recv')).stream().push(downBody(1, [WELCOME]));
    await tick();
    assert.equal(client.status, 'joined');
    assert.equal(client.transport, 'http-stream');
    assert.equal(FakeSocket.all.length, 0);
    client.close();
  });

  it('matchmakes again, over the same carrier, when the node of its seat is gone', async () => {
    const { server, t, client } = ladderClient({ WebSocket: null });
    const joined = client.connect();
    const stream = await welcomeOverHttp(server, 'stream');
    await joined;
    stream.streaming.end();
    (await server.next('/http/recv')).respond(404);
    await tick();
    assert.equal(client.status, 'reconnecting');
    t.timers.at(-1).fn();
    const resume = await server.next('/http/open');
    assert.equal(joinToken(resume), 're1');
    resume.fail(); // the node does not answer
    await tick();
    t.timers.at(-1).fn();
    const fresh = await server.next('/http/open');
    assert.equal(joinToken(fresh), 'tok2', 'a new seat at once, rather than after the grace period');
    assert.equal(FakeSocket.all.length, 0);
    client.close();
  });

  it('does not climb on a server\'s answer (a used seat): connect fails as before', async () => {
    const { server, client } = ladderClient({ WebSocket: MuteSocket });
    const joined = client.connect();
    await tick();
    FakeSocket.all[0].close(P.CLOSE_SEAT_USED, 'seat token already used');
    await assert.rejects(joined, /closed before WELCOME: 4008/);
    assert.equal(client.status, 'closed');
    assert.equal(server.requests.length, 0);
  });

  it('follows options.transports, and gives no timeout to the last rung', async () => {
    const { server, t, client } = ladderClient({ WebSocket: MuteSocket, transports: ['http-poll'] });
    const joined = client.connect();
    const open = await server.next('/http/open');
    assert.equal(t.timers.some((x) => x.ms === TIMEOUT_MS), false);
    client.close();
    await assert.rejects(joined, /closed before WELCOME: 1000/);
    open.respond(200, { session: SESSION }); // the open was answered after all: the session is closed
    const close = await server.next('/http/send');
    assert.deepStrictEqual(close.records, [{ kind: 'SEQ', seq: 2 }, { kind: 'CLOSE', code: 1000, reason: 'bye' }]);
    assert.throws(() => new TickcastClient({ game: 'arena', transports: ['carrier-pigeon'] }), /options\.transports/);
    assert.throws(() => new TickcastClient({ game: 'arena', transports: [] }), /options\.transports/);
  });

  it('stops climbing when closed meanwhile', async () => {
    const { server, t, client } = ladderClient({ WebSocket: MuteSocket });
    const joined = client.connect();
    await tick();
    client.close();
    await assert.rejects(joined);
    timeOut(t);
    await tick();
    assert.equal(server.seats.length, 1);
    assert.equal(server.requests.length, 0);
  });
});
