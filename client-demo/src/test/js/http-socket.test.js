// The HTTP carrier against a fake server: the JOIN in open, records delivered in order, a cut
// response asked again with the old ack and its duplicates skipped, CLOSE codes, 404, acks, sends
// one at a time and retried with the same numbers, long-polling.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpSocket } from '../../../sdk/http-socket.js';
import * as M from '../../../sdk/messages.js';
import { manualTimers, tick, WELCOME } from './fakes.js';
import { downBody, FakeHttpServer, SESSION } from './http-fakes.js';

const JOIN = M.encodeJoin('tok1');
const PONG = M.encodePong({ clientTime: 5, serverTick: 6 });
const CHAT = M.encodeChat({ playerId: 1, name: 'bob', text: 'hi' });

/** A socket of mode on a fake server, opened with the JOIN (answered); its events recorded. */
async function opened(mode = 'http-stream') {
  const server = new FakeHttpServer();
  const t = manualTimers();
  const clock = { now: () => clock.nowMs, nowMs: 0, setTimer: t.setTimeout, clearTimer: t.clearTimeout };
  const socket = new HttpSocket('http://h:1/node/b/', mode, { fetch: server.fetch, clock });
  const got = { messages: [], closes: [] };
  socket.onopen = () => socket.send(JOIN);
  socket.onmessage = (e) => got.messages.push(M.decodeMessage(new Uint8Array(e.data)).name);
  socket.onclose = (e) => got.closes.push({ code: e.code, reason: e.reason });
  const open = await server.next('/http/open');
  open.respond(200, { session: SESSION });
  return { server, socket, got, open, t, clock };
}

/** Fires the timers set so far (back-offs, the ack timer) once. */
function fireTimers(t) {
  for (const timer of t.timers.splice(0)) {
    timer.fn();
  }
}

describe('HttpSocket (http-stream)', () => {
  it('opens with the JOIN, then receives a stream of records in order', async () => {
    const { server, socket, got, open } = await opened();
    assert.equal(open.url, 'http://h:1/node/b/http/open');
    assert.equal(open.method, 'POST');
    assert.equal(open.headers['content-type'], 'application/vnd.tickcast.records');
    assert.equal(open.headers['tickcast-session'], undefined);
    assert.deepStrictEqual(open.records, [{ kind: 'SEQ', seq: 1 }, { kind: 'MESSAGE', seq: 1, bytes: Array.from(JOIN) }]);
    const recv = await server.next('/http/recv');
    assert.equal(recv.url, 'http://h:1/node/b/http/recv?mode=stream');
    assert.equal(recv.headers['tickcast-session'], SESSION);
    assert.equal(recv.ack, '0');
    assert.equal(socket.readyState, 1);
    assert.equal(socket.reached, true);
    const s = recv.stream();
    const body = downBody(1, [WELCOME, PONG, CHAT], { keepalive: true });
    s.push(body.subarray(0, 5));
    s.push(body.subarray(5, WELCOME.length + 7));
    s.push(body.subarray(WELCOME.length + 7));
    await tick();
    assert.deepStrictEqual(got.messages, ['WELCOME', 'PONG', 'CHAT']);
    assert.equal(socket.acknowledged, 3);
    s.end();
    const again = await server.next('/http/recv');
    assert.equal(again.ack, '3', 'the next stream acknowledges what was taken');
    assert.deepStrictEqual(got.closes, []);
  });

  it('asks again with the old ack after a cut response, and skips the duplicates', async () => {
    const { server, got } = await opened();
    const first = (await server.next('/http/recv')).stream();
    const body = downBody(1, [WELCOME, PONG]);
    first.push(body.subarray(0, body.length - 2)); // WELCOME whole, PONG cut
    await tick();
    first.cut();
    const again = await server.next('/http/recv');
    assert.equal(again.ack, '1');
    const s = again.stream();
    s.push(downBody(1, [WELCOME, PONG, CHAT])); // a server that resends from 1: WELCOME is a duplicate
    await tick();
    assert.deepStrictEqual(got.messages, ['WELCOME', 'PONG', 'CHAT']);
  });

  it('sends one request at a time, batching what is queued meanwhile, with the ack', async () => {
    const { server, socket } = await opened();
    const recv = (await server.next('/http/recv')).stream();
    recv.push(downBody(1, [WELCOME]));
    await tick();
    const ping = M.encodePing(1);
    const input = M.encodeInput(1, 0, Uint8Array.of(6));
    socket.send(ping);
    socket.send(input);
    socket.send(input);
    assert.equal(socket.bufferedAmount, ping.length + 2 * input.length);
    const first = await server.next('/http/send');
    assert.equal(first.ack, '1');
    assert.equal(first.headers['tickcast-session'], SESSION);
    assert.deepStrictEqual(first.records.map((r) => r.seq), [2, 2], 'SEQ 2: the JOIN was 1');
    first.respond(204);
    const second = await server.next('/http/send');
    assert.deepStrictEqual(second.records.map((r) => r.seq), [3, 3, 4]);
    assert.equal(server.to('/http/send').length, 2);
    second.respond(204);
    await tick();
    assert.equal(socket.bufferedAmount, 0);
  });

  it('retries a send after a network error with the same numbers, then gives up with 1006', async () => {
    const { server, socket, got, t } = await opened();
    await server.next('/http/recv');
    socket.send(M.encodePing(1));
    (await server.next('/http/send')).fail();
    await tick();
    socket.send(M.encodePing(2));
    fireTimers(t);
    const retry = await server.next('/http/send');
    assert.deepStrictEqual(retry.records.map((r) => r.seq), [2, 2, 3], 'the same first number, and what came since');
    retry.respond(503);
    for (let i = 0; i < 3; i++) {
      await tick();
      fireTimers(t);
      (await server.next('/http/send')).fail();
    }
    await tick();
    assert.deepStrictEqual(got.closes, [{ code: 1006, reason: 'send: network error' }]);
    assert.equal(socket.readyState, 3);
  });

  it('closes with the code of a CLOSE record, and asks nothing more', async () => {
    const { server, got, socket } = await opened();
    const s = (await server.next('/http/recv')).stream();
    s.push(downBody(1, [WELCOME], { close: { code: 4006, reason: 'too far behind for too long' } }));
    await tick();
    assert.deepStrictEqual(got.messages, ['WELCOME']);
    assert.deepStrictEqual(got.closes, [{ code: 4006, reason: 'too far behind for too long' }]);
    assert.equal(socket.readyState, 3);
    await tick();
    assert.equal(server.to('/http/recv').length, 1);
  });

  it('reports a drop (1006) when the session is unknown (404) on recv or on send', async () => {
    const a = await opened();
    (await a.server.next('/http/recv')).respond(404);
    await tick();
    assert.deepStrictEqual(a.got.closes, [{ code: 1006, reason: 'recv: no such session' }]);
    const b = await opened();
    await b.server.next('/http/recv');
    b.socket.send(M.encodePing(1));
    (await b.server.next('/http/send')).respond(404);
    await tick();
    assert.deepStrictEqual(b.got.closes, [{ code: 1006, reason: 'send: HTTP 404' }]);
  });

  it('takes the close code of a 410 answer to a send', async () => {
    const { server, socket, got } = await opened();
    await server.next('/http/recv');
    socket.send(M.encodePing(1));
    (await server.next('/http/send')).respond(410, { body: downBody(0, [], { close: { code: 4012, reason: 'kicked' } }) });
    await tick();
    await tick();
    assert.deepStrictEqual(got.closes, [{ code: 4012, reason: 'kicked' }]);
  });

  it('retries a failed recv with back-off, a bounded number of times, then drops (1006)', async () => {
    const { server, got, t } = await opened();
    (await server.next('/http/recv')).fail();
    await tick();
    assert.deepStrictEqual(t.timers.map((x) => x.ms).filter((ms) => ms < 1000), [250]);
    fireTimers(t);
    const recovered = (await server.next('/http/recv')).stream();
    recovered.push(downBody(1, [WELCOME]));
    recovered.end();
    await tick();
    assert.deepStrictEqual(got.messages, ['WELCOME']);
    const delays = [];
    for (let i = 0; i < 5; i++) {
      (await server.next('/http/recv')).respond(502);
      await tick();
      const ms = t.timers.map((x) => x.ms);
      ms.splice(ms.indexOf(1000), 1); // the ack timer's
      delays.push(...ms);
      fireTimers(t);
    }
    assert.deepStrictEqual(delays, [250, 500, 1000, 2000], 'the count starts again after a response that worked');
    assert.deepStrictEqual(got.closes, [{ code: 1006, reason: 'recv failed' }]);
  });

  it('acknowledges with an empty send every second while records arrive, and every 5 s otherwise', async () => {
    const { server, t, clock } = await opened();
    const s = (await server.next('/http/recv')).stream();
    s.push(downBody(1, [WELCOME, PONG]));
    await tick();
    clock.nowMs = 1000;
    fireTimers(t);
    const ack = await server.next('/http/send');
    assert.equal(ack.ack, '2');
    assert.equal(ack.body.length, 0, 'an empty body');
    ack.respond(204);
    await tick();
    for (const nowMs of [2000, 3000, 4000]) {
      clock.nowMs = nowMs;
      fireTimers(t);
      await tick();
    }
    assert.equal(server.to('/http/send').length, 1, 'nothing new to acknowledge, and a request 3 s ago');
    clock.nowMs = 5000;
    fireTimers(t);
    const idle = await server.next('/http/send');
    assert.equal(idle.ack, '2');
  });

  it('closes with a CLOSE record after what is queued, then reports its own code', async () => {
    const { server, socket, got } = await opened();
    const recv = await server.next('/http/recv');
    socket.send(M.encodePing(1));
    socket.close(1000, 'bye');
    assert.equal(socket.readyState, 2);
    assert.equal(recv.aborted, true, 'the downstream is given up at once');
    socket.send(M.encodePing(2)); // ignored once closing
    const ping = await server.next('/http/send');
    assert.deepStrictEqual(ping.records.map((r) => r.kind), ['SEQ', 'MESSAGE'], 'in flight before the close');
    ping.respond(204);
    const send = await server.next('/http/send');
    assert.deepStrictEqual(send.records, [{ kind: 'SEQ', seq: 3 }, { kind: 'CLOSE', code: 1000, reason: 'bye' }]);
    assert.deepStrictEqual(got.closes, []);
    send.respond(204);
    await tick();
    assert.deepStrictEqual(got.closes, [{ code: 1000, reason: 'bye' }]);
  });

  it('drops a session whose records are malformed, telling the server (1002)', async () => {
    const { server, got } = await opened();
    const s = (await server.next('/http/recv')).stream();
    s.push(Uint8Array.of(1, 1, 1, 2, 0));
    const send = await server.next('/http/send');
    assert.deepStrictEqual(send.records.at(-1), { kind: 'CLOSE', code: 1002, reason: 'malformed records' });
    send.respond(204);
    await tick();
    assert.deepStrictEqual(got.closes, [{ code: 1006, reason: 'malformed records: an empty MESSAGE' }]);
  });

  it('drops a session whose numbers jump (a gap)', async () => {
    const { server, got } = await opened();
    const s = (await server.next('/http/recv')).stream();
    s.push(downBody(2, [PONG]));
    (await server.next('/http/send')).respond(204);
    await tick();
    assert.deepStrictEqual(got.closes, [{ code: 1006, reason: 'malformed records: message 2 after 0' }]);
    assert.deepStrictEqual(got.messages, []);
  });

  it('reports a refused open as a drop, never reached', async () => {
    const server = new FakeHttpServer();
    const t = manualTimers();
    const socket = new HttpSocket('http://h:1', 'http-stream',
      { fetch: server.fetch, clock: { now: () => 0, setTimer: t.setTimeout, clearTimer: t.clearTimeout } });
    const closes = [];
    socket.onopen = () => socket.send(JOIN);
    socket.onclose = (e) => closes.push(e.code);
    (await server.next('/http/open')).respond(503);
    await tick();
    assert.deepStrictEqual(closes, [1006]);
    assert.equal(socket.reached, false);
    assert.equal(server.to('/http/recv').length, 0);
  });
});

describe('HttpSocket (http-poll)', () => {
  it('polls again at once after each answer, acknowledging, and skips what it took before', async () => {
    const { server, got, t } = await opened('http-poll');
    const first = await server.next('/http/recv');
    assert.equal(first.url, 'http://h:1/node/b/http/recv?mode=poll');
    first.respond(200, { body: downBody(1, [WELCOME, PONG]) });
    const second = await server.next('/http/recv');
    assert.equal(second.ack, '2');
    second.respond(200, { body: downBody(3, [], { keepalive: true }) });
    const third = await server.next('/http/recv');
    assert.equal(third.ack, '2');
    third.respond(200, { body: downBody(2, [PONG, CHAT]) }); // a lost answer's records again, then new
    const fourth = await server.next('/http/recv');
    assert.equal(fourth.ack, '3');
    assert.deepStrictEqual(got.messages, ['WELCOME', 'PONG', 'CHAT']);
    assert.equal(t.timers.length, 0, 'no ack timer: every poll acknowledges');
    assert.equal(server.to('/http/send').length, 0);
    fourth.respond(200, { body: downBody(4, [], { close: { code: 4005, reason: 'room closed' } }) });
    await tick();
    assert.deepStrictEqual(got.closes, [{ code: 4005, reason: 'room closed' }]);
    assert.equal(server.to('/http/recv').length, 4);
  });
});
