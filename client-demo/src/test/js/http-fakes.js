// A fake server of the HTTP binding for the carrier tests: fetch() records each request and leaves
// it pending until the test answers it (respond, stream, fail); an aborted request rejects as
// fetch does. The matchmaker's POST /matchmake/... and GET /games are answered at once.

import { encodeBody, KEEPALIVE, RecordDecoder, SEQ } from '../../../sdk/records.js';
import { collector } from './record-sink.js';
import { tick } from './fakes.js';

export const SESSION = '0123456789abcdef0123456789abcdef';

/** A downstream body: SEQ firstSeq, the messages, then KEEPALIVE and/or CLOSE if asked. */
export function downBody(firstSeq, messages, { keepalive = false, close = null } = {}) {
  const body = messages.length > 0 || close !== null ? encodeBody(firstSeq, messages, messages.length, close)
    : Uint8Array.of(SEQ, 1, firstSeq); // (firstSeq < 128)
  return keepalive ? Uint8Array.of(...body, KEEPALIVE, 0) : body;
}

/** The records of an upstream body, in the golden manifest's form. */
export function upRecords(body) {
  const decoder = new RecordDecoder();
  const sink = collector();
  decoder.begin();
  const error = decoder.push(body, sink);
  if (error !== null) {
    throw new Error(error);
  }
  return sink.records;
}

class PendingRequest {
  constructor(url, init, settle) {
    this.url = String(url);
    const u = new URL(this.url);
    this.path = u.pathname;
    this.mode = u.searchParams.get('mode');
    this.method = init?.method ?? 'GET';
    this.headers = init?.headers ?? {};
    this.body = init?.body instanceof Uint8Array ? init.body : null;
    this.aborted = false;
    this.claimed = false;
    this.settle = settle;
  }

  get ack() {
    return this.headers['tickcast-ack'];
  }

  get records() {
    return upRecords(this.body);
  }

  /** Answers with status, an optional session header and a whole body. */
  respond(status, { body = new Uint8Array(0), session = null } = {}) {
    this.settle.resolve(response(status, session, body, null));
  }

  /** Answers 200 with a streamed body; returns {push(bytes), end(), cut()}. */
  stream() {
    let controller;
    const stream = new ReadableStream({ start: (c) => { controller = c; } });
    this.settle.resolve(response(200, null, null, stream));
    const quietly = (f) => () => {
      try {
        f();
      } catch {
        // already ended
      }
    };
    this.streaming = { push: (b) => controller.enqueue(b), end: quietly(() => controller.close()),
      cut: quietly(() => controller.error(new Error('cut'))) };
    return this.streaming;
  }

  /** A network error. */
  fail() {
    this.settle.reject(new TypeError('fetch failed'));
  }
}

function response(status, session, body, stream) {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => (name.toLowerCase() === 'tickcast-session' ? session : null) },
    body: stream,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.length),
    json: async () => ({}),
  };
}

export class FakeHttpServer {
  /** Every request to /http/..., in order. */
  requests = [];
  /** The matchmaker's seats given: [{url, body}]. */
  seats = [];

  constructor({ node = null } = {}) {
    this.node = node;
    const server = this;
    // as a browser's fetch, it refuses to be called as a method of another object (Illegal invocation)
    this.fetch = function fetch(url, init) {
      if (this !== undefined && this !== globalThis) {
        throw new TypeError('Illegal invocation');
      }
      return server.#fetch(url, init);
    };
  }

  #fetch(url, init) {
    const path = new URL(String(url)).pathname;
    if (path.startsWith('/matchmake/')) {
      this.seats.push({ url: String(url), body: JSON.parse(init.body) });
      const n = this.seats.length;
      const seat = { roomId: `room${n}`, token: `tok${n}`, reconnectToken: `re${n}`, game: 'arena', expiresInMs: 10000 };
      if (this.node !== null) {
        seat.node = this.node;
      }
      return Promise.resolve({ ok: true, status: 200, json: async () => seat });
    }
    if (path === '/games') {
      return Promise.resolve({ ok: true, status: 200, json: async () => [{ name: 'arena', chat: true }] });
    }
    return new Promise((resolve, reject) => {
      const req = new PendingRequest(url, init, { resolve, reject });
      init?.signal?.addEventListener('abort', () => {
        req.aborted = true;
        reject(new DOMException('aborted', 'AbortError'));
        req.streaming?.cut();
      });
      this.requests.push(req);
    });
  }

  /** The next request to path (/http/open, /http/recv, /http/send) not taken yet, after a few turns at most. */
  async next(path) {
    for (let i = 0; i < 50; i++) {
      const req = this.requests.find((r) => !r.claimed && r.path.endsWith(path));
      if (req !== undefined) {
        req.claimed = true;
        return req;
      }
      await tick();
    }
    throw new Error(`no request to ${path}; had ${this.requests.map((r) => r.path).join(', ')}`);
  }

  /** Requests to path so far. */
  to(path) {
    return this.requests.filter((r) => r.path.endsWith(path));
  }
}
