// The HTTP carrier with the platform's own fetch over a real loopback socket, against a minimal
// binding server (node:http): a binary open body, a streamed response read record by record as it
// is flushed (not at its end), a send, and the abort of the stream on close.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { HttpSocket } from '../../../sdk/http-socket.js';
import * as M from '../../../sdk/messages.js';
import { WELCOME } from './fakes.js';
import { downBody, SESSION, upRecords } from './http-fakes.js';

const PONG = M.encodePong({ clientTime: 1, serverTick: 2 });

async function bodyOf(req) {
  const chunks = [];
  for await (const c of req) {
    chunks.push(c);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** A binding server that streams what the test writes; events: 'open', 'send' (records), 'stream', 'gone'. */
function bindingServer() {
  const seen = new EventTarget();
  const emit = (type, detail) => seen.dispatchEvent(new CustomEvent(type, { detail }));
  const server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    if (req.url === '/http/open') {
      res.writeHead(200, { 'tickcast-session': SESSION, 'cache-control': 'no-store' }).end();
      emit('open', { records: upRecords(body), type: req.headers['content-type'] });
    } else if (req.url === '/http/recv?mode=stream') {
      res.writeHead(200, { 'content-type': 'application/vnd.tickcast.records', 'x-accel-buffering': 'no' });
      res.flushHeaders();
      res.on('close', () => emit('gone', {}));
      emit('stream', { res, session: req.headers['tickcast-session'], ack: req.headers['tickcast-ack'] });
    } else {
      res.writeHead(204).end();
      emit('send', { records: upRecords(body), ack: req.headers['tickcast-ack'] });
    }
  });
  return { server, seen };
}

const next = (target, type) => new Promise((resolve) => target.addEventListener(type, (e) => resolve(e.detail), { once: true }));

describe('HttpSocket over loopback with fetch', { timeout: 20_000 }, () => {
  it('opens, streams records as they are flushed, sends, and aborts the stream on close', async () => {
    const { server, seen } = bindingServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const timers = new Set();
    const clock = { now: () => performance.now(), clearTimer: clearTimeout,
      setTimer: (fn, ms) => {
        const id = setTimeout(fn, ms);
        timers.add(id);
        return id;
      } };
    const socket = new HttpSocket(`http://127.0.0.1:${server.address().port}`, 'http-stream', { fetch, clock });
    const messages = [];
    let delivered = () => {};
    socket.onopen = () => socket.send(M.encodeJoin('tok'));
    socket.onmessage = (e) => {
      messages.push(M.decodeMessage(new Uint8Array(e.data)).name);
      delivered();
    };
    const closed = new Promise((resolve) => { socket.onclose = resolve; });
    try {
      const open = await next(seen, 'open');
      assert.equal(open.type, 'application/vnd.tickcast.records');
      assert.equal(open.records[1].kind, 'MESSAGE');
      const stream = await next(seen, 'stream');
      assert.deepStrictEqual([stream.session, stream.ack], [SESSION, '0']);
      const body = downBody(1, [WELCOME, PONG]);
      let arrived = new Promise((resolve) => { delivered = resolve; });
      stream.res.write(body.subarray(0, 3 + 2 + WELCOME.length)); // SEQ and WELCOME, the response open
      await arrived;
      assert.deepStrictEqual(messages, ['WELCOME'], 'a record is read as it is flushed');
      arrived = new Promise((resolve) => { delivered = resolve; });
      stream.res.write(body.subarray(3 + 2 + WELCOME.length));
      await arrived;
      assert.deepStrictEqual(messages, ['WELCOME', 'PONG']);
      socket.send(M.encodePing(3));
      const send = await next(seen, 'send');
      assert.equal(send.ack, '2');
      assert.deepStrictEqual(send.records.map((r) => [r.kind, r.seq]), [['SEQ', 2], ['MESSAGE', 2]]);
      const gone = next(seen, 'gone');
      socket.close(1000, 'bye');
      assert.deepStrictEqual((await next(seen, 'send')).records.at(-1), { kind: 'CLOSE', code: 1000, reason: 'bye' });
      const event = await closed;
      assert.deepStrictEqual([event.code, event.reason], [1000, 'bye']);
      await gone; // the stream's connection was aborted by the client
    } finally {
      timers.forEach(clearTimeout);
      server.closeAllConnections();
      server.close();
    }
  });
});
