// What a client measures of its connection, and the client-side rate limits that keep a
// well-behaved client under the server's (a connection over them is closed with 4010).

/** Counts of what went over the wire; rates are derived by the caller (see RateMeter). */
export class NetStats {
  constructor() {
    this.bytesDown = 0;
    this.bytesUp = 0;
    this.messagesDown = 0;
    this.snapshots = 0;
    this.fullSnapshots = 0;
    this.lastSnapshotBytes = 0;
    this.rttMs = NaN;
    this.rttSmoothedMs = NaN;
    this.decodeErrors = 0;
    this.reconnects = 0;
  }
}

/** A sliding-window rate of a monotonic counter (per second over the last windowMs). */
export class RateMeter {
  constructor(windowMs = 1000) {
    this.windowMs = windowMs;
    this.samples = [];
  }

  /** Records the counter's value at nowMs and returns the rate per second. */
  sample(value, nowMs) {
    this.samples.push([nowMs, value]);
    while (this.samples.length > 2 && this.samples[1][0] <= nowMs - this.windowMs) {
      this.samples.shift();
    }
    const [t0, v0] = this.samples[0];
    return nowMs > t0 ? ((value - v0) * 1000) / (nowMs - t0) : 0;
  }
}

/** A token bucket: take() is false when the rate is exceeded. */
export class TokenBucket {
  constructor(perSecond, burst, now) {
    this.perMs = perSecond / 1000;
    this.burst = burst;
    this.tokens = burst;
    this.now = now;
    this.lastMs = now();
  }

  take() {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (t - this.lastMs) * this.perMs);
    this.lastMs = t;
    if (this.tokens < 1) {
      return false;
    }
    this.tokens -= 1;
    return true;
  }
}
