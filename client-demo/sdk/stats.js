// What a client measures of its connection. (The pace that keeps it under the server's rate
// limits is limits.js's.)

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
