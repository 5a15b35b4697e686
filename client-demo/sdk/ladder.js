// Which carrier a client uses (docs/PROTOCOL.md 2.1): WebSocket first, then HTTP streaming, then
// long-polling. A rung that does not deliver the server's first message (WELCOME) within a few
// seconds, or fails before it, is abandoned for the next, with a new seat (the token of the failed
// rung may have been consumed). A fallback that worked is remembered per server origin for a while
// (localStorage), so the next page starts there, and WebSocket is tried again once that is over.
// Once a carrier has delivered WELCOME the client keeps it for the match: its reconnections use it.

import { HttpSocket } from './http-socket.js';
import { seatUrl } from './matchmaking.js';

/** The carriers, in the default order of the ladder. */
export const TRANSPORTS = Object.freeze(['websocket', 'http-stream', 'http-poll']);
const DEFAULT_TIMEOUT_MS = 4000;
const DEFAULT_MEMORY_MS = 10 * 60 * 1000;
const KEY_PREFIX = 'tickcast.transport ';
/**
 * Close codes before WELCOME that say the carrier does not work (no answer from the server
 * itself): an abnormal close, a protocol error, no status, a TLS failure. A server's own code (a
 * refused seat, a full server) is an answer: another carrier would only hear it again.
 */
const CARRIER_FAILURES = new Set([1002, 1005, 1006, 1015]);

/** A rung given up: the ladder moves to the next one. */
export class NextRung extends Error {}

/** The seat's node base URL for the HTTP binding: the matchmaker's `node`, else the server asked. */
export function nodeUrl(seat, baseUrl) {
  return typeof seat.node === 'string' && /^https?:\/\//.test(seat.node) ? seat.node : String(baseUrl);
}

function defaultStorage() {
  try {
    return globalThis.localStorage ?? null; // reading it throws where storage is denied
  } catch {
    return null;
  }
}

function originOf(baseUrl) {
  try {
    return new URL(String(baseUrl)).origin;
  } catch {
    return null;
  }
}

export class TransportLadder {
  #transports;
  #WebSocket;
  #http;
  #storage;
  #key;
  #memoryMs;
  #fromMemory = false;
  /** How long a rung (all but the last) has to deliver WELCOME. */
  timeoutMs;

  /**
   * options: TickcastClient's (transports, transportTimeoutMs, transportMemoryMs, storage,
   * WebSocket); http: {fetch, clock} for the HTTP carrier. Throws on an unknown transport name.
   */
  constructor(options, baseUrl, http) {
    const transports = options.transports ?? TRANSPORTS;
    if (!Array.isArray(transports) || transports.length === 0 || new Set(transports).size !== transports.length
      || !transports.every((t) => TRANSPORTS.includes(t))) {
      throw new Error(`TickcastClient: options.transports must list some of ${TRANSPORTS.join(', ')}, once each`);
    }
    this.#transports = [...transports];
    this.#WebSocket = options.WebSocket === undefined ? globalThis.WebSocket : options.WebSocket;
    this.#http = http;
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    const origin = originOf(baseUrl);
    this.#key = origin === null ? null : KEY_PREFIX + origin;
    this.#memoryMs = options.transportMemoryMs ?? DEFAULT_MEMORY_MS;
    this.timeoutMs = options.transportTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The rungs of the next climb: from the remembered fallback if any, round the ladder. */
  order() {
    const remembered = this.#recall();
    const at = Math.max(0, this.#transports.indexOf(remembered));
    this.#fromMemory = at > 0;
    return [...this.#transports.slice(at), ...this.#transports.slice(0, at)];
  }

  /** Tries the rungs of order() in turn with tryRung(name, last) until one resolves. */
  async climb(tryRung) {
    const order = this.order();
    for (let i = 0; ; i++) {
      const last = i === order.length - 1;
      try {
        return await tryRung(order[i], last);
      } catch (e) {
        if (!(e instanceof NextRung) || last) {
          throw e;
        }
        this.#fromMemory = false;
      }
    }
  }

  /** False if the carrier cannot even be built here (no WebSocket constructor). */
  available(name) {
    return name !== 'websocket' || typeof this.#WebSocket === 'function';
  }

  /** What Session needs to open a socket of this carrier for seat: {url, WebSocket}. */
  carrier(name, seat, baseUrl) {
    if (name === 'websocket') {
      return { url: seatUrl(seat, baseUrl), WebSocket: this.#WebSocket };
    }
    const http = this.#http;
    return {
      url: nodeUrl(seat, baseUrl),
      WebSocket: function HttpCarrier(url) {
        return new HttpSocket(url, name, http);
      },
    };
  }

  /** A rung delivered WELCOME: a fallback reached by climbing is remembered, the first rung forgets. */
  worked(name) {
    if (this.#fromMemory) {
      return; // started from memory: it runs out as planned, and WebSocket gets its chance again
    }
    if (name === this.#transports[0]) {
      this.#write(null);
    } else if (this.#memoryMs > 0) {
      this.#write(JSON.stringify({ transport: name, untilMs: Date.now() + this.#memoryMs }));
    }
  }

  /** True if code, closing a rung before WELCOME, says its carrier does not work. */
  static carrierFailed(code) {
    return CARRIER_FAILURES.has(code);
  }

  #recall() {
    if (this.#storage === null || this.#key === null || this.#memoryMs <= 0) {
      return null;
    }
    try {
      const m = JSON.parse(this.#storage.getItem(this.#key) ?? 'null');
      return m !== null && typeof m === 'object' && Date.now() < m.untilMs ? m.transport : null;
    } catch {
      return null;
    }
  }

  #write(value) {
    if (this.#storage === null || this.#key === null) {
      return;
    }
    try {
      if (value === null) {
        this.#storage.removeItem(this.#key);
      } else {
        this.#storage.setItem(this.#key, value);
      }
    } catch {
      // storage full or denied: nothing remembered
    }
  }
}

/**
 * Watches the first connection of a rung that is not the last: it resolves with WELCOME, and
 * rejects with NextRung when the rung's carrier fails before WELCOME (fail(), from the client) or
 * WELCOME does not come within timeoutMs, after giveUp() (which closes the socket with 1000).
 */
export class Probe {
  #clock;
  #timer;
  #settled = false;
  #next = () => {};
  #giveUp;

  constructor(joined, clock, timeoutMs, giveUp) {
    this.#clock = clock;
    this.#giveUp = giveUp;
    this.result = new Promise((resolve, reject) => {
      this.#next = (why) => reject(new NextRung(why));
      joined.then((welcome) => {
        this.#settle();
        resolve(welcome);
      }, (e) => {
        this.#settle();
        reject(e);
      });
    });
    this.#timer = clock.setTimer(() => {
      this.#timer = null;
      this.fail(`no WELCOME within ${timeoutMs} ms`);
    }, timeoutMs);
  }

  /** WELCOME came: the timer stops (the result resolves with it). */
  done() {
    this.#settle();
  }

  /** The rung is given up: its socket closed, the ladder moves on. */
  fail(why) {
    if (this.#settled) {
      return;
    }
    this.#settle();
    this.#giveUp();
    this.#next(why);
  }

  #settle() {
    this.#settled = true;
    if (this.#timer !== null) {
      this.#clock.clearTimer(this.#timer);
      this.#timer = null;
    }
  }
}
