// The downstream of the HTTP carrier (docs/PROTOCOL.md 2.1, "Receiving"): GET /http/recv, one
// request after the other, each acknowledging what was taken so far. In 'stream' mode a response
// lasts up to 30 s, its records read as they are flushed; in 'poll' mode it ends as soon as it
// carries something (or after a 5 s hold). Either way the next one is asked at once. A response
// that fails or brings nothing is retried a few times with back-off before the session is given
// up as dropped; 404 (no such session) gives it up at once.

const DROPPED = 1006;
/** Failed requests in a row before the session is given up, and the first back-off. */
export const MAX_FAILURES = 4;
const FIRST_RETRY_MS = 250;

/** The back-off before retry number `failures` (1, 2, ...): 250 ms doubling (3.75 s in all). */
export function retryDelayMs(failures) {
  return FIRST_RETRY_MS * 2 ** (failures - 1);
}

// What one recv came to.
const PROGRESS = 0;
const FAILED = 1;
const GONE = 2;
const STOPPED = 3;

export class HttpDownstream {
  /** The number of the last message taken: every message up to it arrived whole. */
  taken = 0;
  #mode;
  #deps;
  #decoder;
  #running = false;
  #abort = null;
  #records = 0;
  #sink;

  /**
   * mode: 'stream' or 'poll'. deps: {fetch, clock, url (of /http/recv), decoder (a
   * RecordDecoder, reused), headers() (the session's and the ack), requested(ack, issuedMs) (a
   * request issued then came back), message(ArrayBuffer), ended(code, reason), malformed(reason)}.
   */
  constructor(mode, deps) {
    this.#mode = mode;
    this.#deps = deps;
    this.#decoder = deps.decoder;
    this.#sink = {
      seq: () => this.#records++,
      keepalive: () => this.#records++,
      message: (n, bytes) => this.#message(n, bytes),
      close: (code, reason) => {
        this.#records++;
        if (this.#running) {
          this.stop();
          deps.ended(code, reason);
        }
      },
    };
  }

  start() {
    if (!this.#running) {
      this.#running = true;
      this.#loop();
    }
  }

  /** Stops receiving: the request in flight is aborted, nothing more is delivered. */
  stop() {
    this.#running = false;
    this.#abort?.abort();
    this.#abort = null;
  }

  async #loop() {
    let failures = 0;
    while (this.#running) {
      const outcome = await this.#once();
      if (!this.#running || outcome === STOPPED) {
        return;
      }
      if (outcome === GONE) {
        this.stop();
        this.#deps.ended(DROPPED, 'recv: no such session');
        return;
      }
      if (outcome === PROGRESS) {
        failures = 0;
        continue;
      }
      if (++failures > MAX_FAILURES) {
        this.stop();
        this.#deps.ended(DROPPED, 'recv failed');
        return;
      }
      await new Promise((resume) => this.#deps.clock.setTimer(resume, retryDelayMs(failures)));
    }
  }

  async #once() {
    const ack = this.taken;
    const issuedMs = this.#deps.clock.now();
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    this.#abort = controller;
    const fetch = this.#deps.fetch; // called unbound: a browser's fetch refuses another `this`
    let res;
    try {
      res = await fetch(`${this.#deps.url}?mode=${this.#mode}`,
        { method: 'GET', headers: this.#deps.headers(), signal: controller?.signal });
    } catch {
      return this.#running ? FAILED : STOPPED;
    }
    if (!this.#running) {
      return STOPPED;
    }
    if (res.status === 404) {
      return GONE;
    }
    if (res.status !== 200) {
      return FAILED;
    }
    this.#deps.requested(ack, issuedMs);
    this.#records = 0;
    this.#decoder.begin();
    try {
      await this.#read(res);
    } catch {
      // a cut response: its whole records count, the rest comes again after the ack
    }
    if (!this.#running) {
      return STOPPED;
    }
    return this.#records > 0 ? PROGRESS : FAILED;
  }

  async #read(res) {
    const body = res.body;
    if (body === null || body === undefined || typeof body.getReader !== 'function') {
      this.#push(new Uint8Array(await res.arrayBuffer()));
      return;
    }
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || !this.#running) {
          return;
        }
        this.#push(value);
      }
    } finally {
      if (!this.#running) {
        reader.cancel().catch(() => {});
      }
    }
  }

  #push(chunk) {
    const error = this.#decoder.push(chunk, this.#sink);
    if (error !== null && this.#running) {
      this.stop();
      this.#deps.malformed(error);
    }
  }

  /** Message number n: taken if it is the next one, skipped if taken before; a gap is malformed. */
  #message(n, bytes) {
    this.#records++;
    if (!this.#running || n <= this.taken) {
      return;
    }
    if (n !== this.taken + 1) {
      this.stop();
      this.#deps.malformed(`message ${n} after ${this.taken}`);
      return;
    }
    this.taken = n;
    this.#deps.message(bytes.slice().buffer);
  }
}
