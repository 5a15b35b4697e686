// A virtual clock for the broadcast tests: now(), setTimeout and clearTimeout that the test drives.
// Timers fire only when the test says (fireNext / advance), so every due time is exact; the
// asynchronous work a timer starts (real fetches) is awaited through events, with bounded waits.

export class FakeTimers {
  constructor(startMs = 0) {
    this.ms = startMs;
    this.timers = [];
    this.seq = 0;
    this.waiters = [];
    this.now = () => this.ms;
    this.setTimeout = (fn, ms) => {
      const t = { id: ++this.seq, at: this.ms + Math.max(0, ms), fn };
      this.timers.push(t);
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      this.waiters.splice(0).forEach((w) => w());
      return t.id;
    };
    this.clearTimeout = (id) => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** The earliest pending timer's due time, or -1. */
  nextAt() {
    return this.timers.length === 0 ? -1 : this.timers[0].at;
  }

  /** Resolves once at least `count` timers are pending; rejects after `ms` of real time. */
  pending(count = 1, ms = 10_000) {
    return new Promise((res, rej) => {
      const timeout = setTimeout(() => rej(new Error(`no ${count} pending timers within ${ms} ms`)), ms);
      timeout.unref?.();
      const check = () => {
        if (this.timers.length >= count) {
          clearTimeout(timeout);
          res();
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  /** Moves the clock to the earliest timer's due time (never back) and fires every timer due then. */
  fireNext() {
    if (this.timers.length === 0) {
      throw new Error('no timer pending');
    }
    this.advance(Math.max(this.ms, this.timers[0].at));
  }

  /** Moves the clock to ms and fires the timers due by then, in order. */
  advance(ms) {
    this.ms = ms;
    while (this.timers.length > 0 && this.timers[0].at <= ms) {
      this.timers.shift().fn();
    }
  }
}

/** Resolves with the next `event` of emitter (an .on(event, fn) returning an unsubscribe); rejects after ms. */
export function nextEvent(emitter, event, ms = 10_000) {
  return new Promise((res, rej) => {
    const timeout = setTimeout(() => {
      off();
      rej(new Error(`no '${event}' within ${ms} ms`));
    }, ms);
    const off = emitter.on(event, (arg) => {
      clearTimeout(timeout);
      off();
      res(arg);
    });
  });
}
