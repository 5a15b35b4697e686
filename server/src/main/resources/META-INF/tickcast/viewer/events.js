// What happened besides the snapshots, gathered from a recording's fragments as they become known
// (all at once in memory, as they load by range, as they arrive in a broadcast): joins, leaves and
// chat by tick, for the players list and the chat lines of the viewer. A range replay knows only
// the fragments it loaded: a seek far ahead of what was played may miss an earlier join.

export class EventLog {
  constructor() {
    this.events = [];
    this.seen = new Set();
  }

  /** Takes the non-snapshot entries of the loaded fragments not seen yet. */
  update(fragments) {
    let added = false;
    for (const f of fragments) {
      if (this.seen.has(f.number) || f.loaded === false || !f.entries) {
        continue;
      }
      this.seen.add(f.number);
      for (const e of f.entries) {
        if (e.type === 'join' || e.type === 'leave' || e.type === 'chat') {
          this.events.push(e);
          added = true;
        }
      }
    }
    if (added) {
      this.events.sort((a, b) => a.tick - b.tick); // stable: a tick's entries keep their order
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
