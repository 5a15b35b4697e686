// What happened besides the snapshots, gathered from a recording's fragments as they become known:
// joins, leaves and chat by tick, for the players list and the chat lines of the viewer.

export class EventLog {
  constructor() {
    this.events = [];
    this.fragments = 0;
  }

  /** Takes the non-snapshot entries of fragments not seen yet (a growing list: a broadcast appends). */
  update(fragments) {
    for (; this.fragments < fragments.length; this.fragments++) {
      for (const e of fragments[this.fragments].entries ?? []) {
        if (e.type === 'join' || e.type === 'leave' || e.type === 'chat') {
          this.events.push(e);
        }
      }
    }
  }

  /** The players seated at tick: [{playerId, name}] by seat. */
  playersAt(tick) {
    const seated = new Map();
    for (const e of this.events) {
      if (e.tick > tick) {
        break;
      }
      if (e.type === 'join') {
        seated.set(e.playerId, e.name);
      } else if (e.type === 'leave') {
        seated.delete(e.playerId);
      }
    }
    return [...seated].sort((a, b) => a[0] - b[0]).map(([playerId, name]) => ({ playerId, name }));
  }

  /** The last `n` chat lines at or before tick. */
  chatAt(tick, n) {
    const out = [];
    for (const e of this.events) {
      if (e.tick > tick) {
        break;
      }
      if (e.type === 'chat' && typeof e.text === 'string') {
        out.push(e);
      }
    }
    return out.slice(-n);
  }
}
