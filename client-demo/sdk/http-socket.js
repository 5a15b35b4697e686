// The HTTP carrier (docs/PROTOCOL.md 2.1): an object with the part of the WebSocket surface that
// session.js and sender.js use (onopen, onmessage({data: ArrayBuffer}), onclose({code, reason}),
// send, close, readyState, bufferedAmount, binaryType), over fetch, for when WebSocket is blocked.
//
//   POST {node}/http/open      the first messages (the JOIN); the answer names the session
//   GET  {node}/http/recv      the downstream: one long streamed response (mode 'http-stream') or
//                              one long-poll after the other ('http-poll'), records as they come
//   POST {node}/http/send      the upstream: what was queued meanwhile, one request at a time
//
// Every request but open carries Tickcast-Session and Tickcast-Ack (the last downstream message
// taken); a response lost or cut loses nothing: the next recv starts after the acknowledged ones,
// and a record at or below the last one taken is skipped. A retried send carries the same record
// numbers, so the server takes each message once. The downstream decoder is reused across
// responses; each message is handed on as one ArrayBuffer, as a WebSocket does.

import { encodeBody, messageRecordBytes, MAX_UPSTREAM_BODY_BYTES, RECORDS_CONTENT_TYPE, RecordDecoder } from './records.js';
import { HttpDownstream, MAX_FAILURES, retryDelayMs } from './http-downstream.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** The close code reported for a session lost without a CLOSE record (as a WebSocket's abnormal close). */
const DROPPED = 1006;
/** The client's close for a downstream body it could not parse (a WebSocket's protocol error). */
const PROTOCOL_ERROR = 1002;
const SESSION_ID = /^[0-9a-f]{32}$/;
/** Acknowledge at least this often while records arrive... */
const ACK_EVERY_MS = 1000;
/** ...and send some request at least this often in any case (the server's idle timeout is 15 s). */
const IDLE_REQUEST_MS = 5000;
/** The largest SEQ record, and the largest CLOSE record (a 123-byte reason): room kept in every body. */
const SEQ_RECORD_MAX_BYTES = 7;
const CLOSE_RECORD_MAX_BYTES = 132;

export class HttpSocket {
  binaryType = 'arraybuffer';
  readyState = CONNECTING;
  /** Bytes of messages sent but not yet taken by the server (its 204). */
  bufferedAmount = 0;
  /** False until POST /http/open was answered with a session (the node was reached). */
  reached = false;
  onopen = null;
  onmessage = null;
  onclose = null;
  #url;
  #fetch;
  #clock;
  #session = null;
  #busy = false;
  #queue = [];
  #queueSeq = 1;
  #failures = 0;
  #closing = null;
  #report = null;
  #downstream;
  #ackTimer = null;
  #acked = 0;
  #lastRequestMs = 0;
  #streaming;

  /**
   * A session with the node at url (its base URL, 'http://host:port' or a proxy path), receiving
   * in mode 'http-stream' or 'http-poll'. deps: {fetch, clock: {now, setTimer, clearTimer}}.
   */
  constructor(url, mode, { fetch, clock }) {
    this.#url = String(url).replace(/\/+$/, '');
    this.#fetch = fetch;
    this.#clock = clock;
    this.#streaming = mode !== 'http-poll';
    const event = { data: null };
    this.#downstream = new HttpDownstream(this.#streaming ? 'stream' : 'poll', {
      fetch, clock, url: `${this.#url}/http/recv`, decoder: new RecordDecoder(),
      headers: () => this.#headers(),
      requested: (ack, issuedMs) => this.#requested(ack, issuedMs),
      message: (data) => {
        event.data = data; // one event object for all, as nothing keeps it
        this.onmessage?.(event);
      },
      ended: (code, reason) => this.#end(code, reason),
      malformed: (reason) => this.#fail(`malformed records: ${reason}`),
    });
    queueMicrotask(() => {
      if (this.readyState === CONNECTING) {
        this.readyState = OPEN;
        this.onopen?.({});
      }
    });
  }

  /** The number of the last downstream message taken (what the next request acknowledges). */
  get acknowledged() {
    return this.#downstream.taken;
  }

  /** Queues one message; it goes with the next request (the open, or a send). */
  send(bytes) {
    if (this.readyState !== OPEN) {
      return;
    }
    this.#queue.push(bytes);
    this.bufferedAmount += bytes.length;
    this.#pump();
  }

  /** Sends a CLOSE record after what is queued; onclose follows once it is answered. */
  close(code = 1000, reason = '') {
    this.#closeWith({ code, reason }, { code, reason });
  }

  #closeWith(record, report) {
    if (this.readyState === CLOSING || this.readyState === CLOSED) {
      return;
    }
    this.#downstream.stop();
    this.#stopAcks();
    if (this.#session === null) {
      // Over at once, as a WebSocket closed while connecting; an open in flight that succeeds
      // is then closed on the server (#open).
      this.#closing = this.#busy ? record : null;
      this.#end(report.code, report.reason);
      return;
    }
    this.readyState = CLOSING;
    this.#closing = record;
    this.#report = report;
    this.#pump();
  }

  /** The downstream could not be parsed: tell the server (a drop) and report a drop. */
  #fail(reason) {
    this.#closeWith({ code: PROTOCOL_ERROR, reason: 'malformed records' }, { code: DROPPED, reason });
  }

  #headers() {
    return { 'tickcast-session': this.#session, 'tickcast-ack': String(this.#downstream.taken) };
  }

  /** A request carrying ack, issued at issuedMs, was answered: the server knows of it. */
  #requested(ack, issuedMs) {
    this.#acked = Math.max(this.#acked, ack);
    this.#lastRequestMs = Math.max(this.#lastRequestMs, issuedMs);
  }

  /** Starts the next request if none is in flight and there is something to say. */
  #pump(ackOnly = false) {
    if (this.#busy || this.readyState === CLOSED) {
      return;
    }
    if (this.#session === null) {
      if (this.#queue.length > 0 && this.readyState === OPEN) {
        this.#open();
      }
      return;
    }
    if (this.#queue.length > 0 || this.#closing !== null || ackOnly) {
      this.#post();
    }
  }

  /** How many queued messages fit in one body (always at least one). */
  #batch() {
    let bytes = SEQ_RECORD_MAX_BYTES;
    let n = 0;
    for (; n < this.#queue.length; n++) {
      bytes += messageRecordBytes(this.#queue[n].length);
      if (n > 0 && bytes > MAX_UPSTREAM_BODY_BYTES - CLOSE_RECORD_MAX_BYTES) {
        break;
      }
    }
    return n;
  }

  async #open() {
    this.#busy = true;
    const count = this.#batch();
    const res = await this.#request('open', encodeBody(this.#queueSeq, this.#queue, count), false);
    this.#busy = false;
    const id = res?.headers?.get?.('tickcast-session') ?? null;
    if (res?.status !== 200 || id === null || !SESSION_ID.test(id)) {
      this.#end(DROPPED, res ? `open: HTTP ${res.status}` : 'open: network error');
      return;
    }
    this.#session = id;
    if (this.readyState === CLOSED) { // closed while opening: the server hears of it
      if (this.#closing !== null) {
        this.#request('send', encodeBody(this.#queueSeq + count, [], 0, this.#closing), true);
      }
      return;
    }
    this.reached = true;
    this.#sent(count);
    if (this.readyState === OPEN) {
      this.#downstream.start();
      if (this.#streaming) {
        this.#scheduleAcks(); // a poller acknowledges with every poll, at least every 6 s
      }
    }
    this.#pump();
  }

  async #post() {
    this.#busy = true;
    const count = this.#batch();
    const close = count === this.#queue.length ? this.#closing : null;
    const ack = this.#downstream.taken;
    const issuedMs = this.#clock.now();
    const res = await this.#request('send', encodeBody(this.#queueSeq, this.#queue, count, close), true);
    this.#busy = false;
    if (this.readyState === CLOSED) {
      return;
    }
    if (res !== null && res.status >= 200 && res.status < 300) {
      this.#requested(ack, issuedMs);
      this.#failures = 0;
      this.#sent(count);
      if (close !== null) {
        this.#end(this.#report.code, this.#report.reason);
        return;
      }
      this.#pump();
      return;
    }
    this.#refused(res, close !== null);
  }

  /** A send that did not go through: the session is gone, or it is tried again after a back-off. */
  async #refused(res, closing) {
    const status = res === null ? 0 : res.status;
    if (status === 410) {
      const record = await closeRecordOf(res);
      this.#end(record?.code ?? DROPPED, record?.reason ?? 'session closed');
      return;
    }
    const transient = status === 0 || status === 408 || status === 429 || status >= 500;
    if (!transient || ++this.#failures > MAX_FAILURES) {
      this.#end(closing ? this.#report.code : DROPPED, status === 0 ? 'send: network error' : `send: HTTP ${status}`);
      return;
    }
    this.#busy = true; // nothing else goes before the retry, which carries the same numbers
    this.#clock.setTimer(() => {
      this.#busy = false;
      this.#pump();
    }, retryDelayMs(this.#failures));
  }

  /** The first count queued messages were taken by the server. */
  #sent(count) {
    for (let i = 0; i < count; i++) {
      this.bufferedAmount -= this.#queue[i].length;
    }
    this.#queue.splice(0, count);
    this.#queueSeq += count;
  }

  /** POST /http/<path> with body; the response, or null after a network error. */
  async #request(path, body, withSession) {
    const headers = withSession ? this.#headers() : {};
    headers['content-type'] = RECORDS_CONTENT_TYPE;
    const fetch = this.#fetch; // called unbound: a browser's fetch refuses another `this`
    try {
      return await fetch(`${this.#url}/http/${path}`, { method: 'POST', headers, body });
    } catch {
      return null;
    }
  }

  /**
   * Streaming: acknowledges with an empty send while records arrive (every second), and sends
   * something every 5 s anyway (the stream's own request is 30 s old at most).
   */
  #scheduleAcks() {
    this.#ackTimer = this.#clock.setTimer(() => {
      this.#ackTimer = null;
      if (this.readyState !== OPEN) {
        return;
      }
      const behind = this.#downstream.taken > this.#acked;
      const quiet = this.#clock.now() - this.#lastRequestMs >= IDLE_REQUEST_MS - ACK_EVERY_MS;
      if (behind || quiet) {
        this.#pump(true);
      }
      this.#scheduleAcks();
    }, ACK_EVERY_MS);
  }

  #stopAcks() {
    if (this.#ackTimer !== null) {
      this.#clock.clearTimer(this.#ackTimer);
      this.#ackTimer = null;
    }
  }

  /** The session is over: onclose, once. */
  #end(code, reason) {
    if (this.readyState === CLOSED) {
      return;
    }
    this.readyState = CLOSED;
    this.#downstream.stop();
    this.#stopAcks();
    this.#queue.length = 0;
    this.bufferedAmount = 0;
    this.onclose?.({ code, reason, wasClean: code !== DROPPED });
  }
}

/** The CLOSE record of a 410 answer's body, or null. */
async function closeRecordOf(res) {
  let record = null;
  try {
    const decoder = new RecordDecoder();
    decoder.begin();
    decoder.push(new Uint8Array(await res.arrayBuffer()), {
      seq() {}, message() {}, keepalive() {},
      close(code, reason) {
        record = { code, reason };
      },
    });
  } catch {
    // no body: the caller reports a drop
  }
  return record;
}
