// The replay's clock when the SDK offers none (ReplayClock of sdk/replay.js replaces it): the tick to
// show at a time, from an anchor (tick, time) moved by play, pause, speed and seek.

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8];

export class Clock {
  constructor({ firstTick, endTick, tickHz }) {
    Object.assign(this, { firstTick, endTick, tickHz, speed: 1, playing: false, anchorTick: firstTick, anchorMs: 0 });
  }

  tickAt(nowMs) {
    if (!this.playing) {
      return this.anchorTick;
    }
    const t = this.anchorTick + ((nowMs - this.anchorMs) * this.tickHz * this.speed) / 1000;
    return Math.min(t, this.endTick);
  }

  play(nowMs) {
    const at = this.tickAt(nowMs);
    this.anchorTick = at >= this.endTick ? this.firstTick : at;
    this.anchorMs = nowMs;
    this.playing = true;
  }

  pause(nowMs) {
    this.anchorTick = this.tickAt(nowMs);
    this.playing = false;
  }

  setSpeed(speed, nowMs) {
    this.anchorTick = this.tickAt(nowMs);
    this.anchorMs = nowMs;
    this.speed = speed;
  }

  seek(tick, nowMs) {
    this.anchorTick = Math.max(this.firstTick, Math.min(this.endTick, tick));
    this.anchorMs = nowMs;
  }
}
