// The player of a broadcast client's growing recording: a RecordingPlayer whose oldest fragments
// can be dropped, so that a long viewing holds a bounded window. A live viewer has one keyframe
// only (the `full` of the fragment it started at; the deltas carry none), so dropping that
// fragment would leave nothing to play from. Instead, whenever the player rolls into a fragment
// (decodes its first SNAPSHOT entry, the state of its startTick), it keeps that decoded state on
// the fragment: a fragment's later entries are coded from its startTick without a predictor
// (docs/PROTOCOL.md, "Recordings"), so starting at the fragment from that state is exactly
// starting from its keyframe. Decoded states are new objects per snapshot, never changed after.

import { RecordingPlayer } from './recording.js';

const playable = (f) => f.hasFull || f.state !== undefined;

/** A RecordingPlayer over a BroadcastClient's recording, with dropBefore. */
export class BroadcastPlayer extends RecordingPlayer {
  /** The index of the last fragment at or before tick that it can start from (a full, or a kept state), or -1. */
  keyframeAt(tick) {
    const fs = this.recording.fragments;
    for (let i = fs.length - 1; i >= 0; i--) {
      if (playable(fs[i]) && fs[i].startTick <= tick) {
        return i;
      }
    }
    return -1;
  }

  start(k) {
    const f = this.recording.fragments[k];
    if (f.hasFull || f.state === undefined) {
      return super.start(k);
    }
    this.error = null;
    this.load(k);
    const c = this.cursor;
    c.current = f.state;
    c.previous = null;
    c.entry = c.snapshots.length > 0 && c.snapshots[0].tick === f.startTick ? 1 : 0;
    return true;
  }

  next() {
    const ok = super.next();
    const c = this.cursor;
    if (ok && c.entry === 1) {
      const f = this.recording.fragments[c.fragment];
      if (!f.hasFull && f.state === undefined && c.current.tick === f.startTick) {
        f.state = c.current;
      }
    }
    return ok;
  }

  /**
   * Drops the fragments before the newest one that starts at or before `tick` and that the player
   * can start from, keeping at least `minHeld`; with their markers. When that fragment has no state
   * kept yet and the player is not past it, the player is rolled to its start first (the decoding a
   * viewer does anyway). The cursor follows the shift of the indexes; a cursor in a dropped
   * fragment is forgotten (the next stateAt starts again from a kept state). Returns how many went.
   */
  dropBefore(tick, minHeld) {
    const rec = this.recording;
    const fs = rec.fragments;
    let i = fs.length - Math.max(1, minHeld);
    while (i > 0 && fs[i].startTick > tick) {
      i--;
    }
    if (i <= 0) {
      return 0;
    }
    const c = this.cursor;
    if (!playable(fs[i]) && this.error === null && (c === null || c.current === null || c.current.tick <= fs[i].startTick)) {
      this.stateAt(fs[i].startTick);
    }
    while (i > 0 && !playable(fs[i])) {
      i--;
    }
    if (i <= 0) {
      return 0;
    }
    fs.splice(0, i);
    const first = fs[0].startTick;
    rec.markers = rec.markers.filter((m) => m.tick >= first);
    if (this.cursor !== null) {
      if (this.cursor.fragment >= i) {
        this.cursor.fragment -= i;
      } else {
        this.cursor = null;
      }
    }
    return i;
  }
}
