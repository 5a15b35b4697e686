// Interpolation of remote entities between snapshots. States are placed on the server's timeline
// (tick / tickHz); the client's clock is mapped onto it with an offset that follows the earliest
// arrivals, and entities are drawn `delay` behind, where delay adapts to the measured jitter of
// the snapshot inter-arrival times: delay = period + 2 x jitter, smoothed.
//
// Every QFLOAT field is blended linearly between the two states around the render time; fields
// the game names as angular (in radians) are blended along the shorter arc instead:
//
//   new Interpolator({ tickHz, snapshotEveryTicks, angular: { npc: ['angle'] } })
//
// stamp(nowMs) names what is drawn at nowMs as a view stamp (view.js); a client that uses this
// interpolator (TickcastClient.useInterpolator) sends it with every input and game message, and the
// server judges them against that picture (lag compensation).

import { QFLOAT } from './schema.js';
import { VIEW_NONE, viewStampBetween } from './view.js';

export { viewStamp } from './view.js';

/** An exponentially smoothed value. */
function smooth(prev, sample, alpha) {
  return Number.isNaN(prev) ? sample : prev + (sample - prev) * alpha;
}

const TWO_PI = 2 * Math.PI;

/** The difference b - a of two angles in radians, wrapped into [-pi, pi). */
function angleDelta(a, b) {
  const d = (b - a + Math.PI) % TWO_PI;
  return (d < 0 ? d + TWO_PI : d) - Math.PI;
}

export class Interpolator {
  /**
   * tickHz and snapshotEveryTicks come from WELCOME. angular maps a table name to the names of
   * its QFLOAT fields that hold angles in radians (wrapped along the shorter arc).
   */
  constructor({ tickHz = 60, snapshotEveryTicks = 3, maxStates = 32, angular = {} } = {}) {
    this.angular = new Map(Object.entries(angular).map(([table, names]) => [table, new Set(names)]));
    this.tickMs = 1000 / tickHz;
    this.periodMs = this.tickMs * snapshotEveryTicks;
    this.maxStates = maxStates;
    this.states = []; // [{state, serverMs}] in tick order
    this.offsetMs = NaN; // local time - server time of the earliest arrivals
    this.jitterMs = 0;
    this.delayMs = this.periodMs * 1.5;
    this.lastArrivalMs = NaN;
    this.lastTick = -1;
    this.interArrivalMs = NaN;
  }

  /** Forgets every state (a new room or a rejoin). */
  reset() {
    this.states = [];
    this.offsetMs = NaN;
    this.lastArrivalMs = NaN;
    this.lastTick = -1;
  }

  /** Adds a decoded state that arrived at arrivalMs (performance.now()). */
  push(state, arrivalMs) {
    const serverMs = state.tick * this.tickMs;
    if (state.tick <= this.lastTick) {
      this.reset();
    }
    if (!Number.isNaN(this.lastArrivalMs)) {
      const gap = arrivalMs - this.lastArrivalMs;
      const expected = (state.tick - this.lastTick) * this.tickMs;
      this.interArrivalMs = gap;
      // RFC 3550-style jitter: the smoothed deviation of the gap from the nominal one
      this.jitterMs += (Math.abs(gap - expected) - this.jitterMs) / 16;
    }
    this.lastArrivalMs = arrivalMs;
    this.lastTick = state.tick;
    const sample = arrivalMs - serverMs;
    if (Number.isNaN(this.offsetMs) || sample < this.offsetMs) {
      this.offsetMs = sample;
    } else {
      this.offsetMs += (sample - this.offsetMs) * 0.002; // drift slowly towards later arrivals
    }
    const target = this.periodMs + 2 * this.jitterMs;
    this.delayMs = smooth(this.delayMs, target, 0.05);
    this.states.push({ state, serverMs });
    if (this.states.length > this.maxStates) {
      this.states.shift();
    }
  }

  /** The server time to draw at local time nowMs. */
  renderServerMs(nowMs) {
    return nowMs - this.offsetMs - this.delayMs;
  }

  /**
   * The two states around the render time and the blend factor t in [0, 1]:
   * {a, b, t}, or null before the first state. Past the newest state it holds the newest.
   */
  bracket(nowMs) {
    const n = this.states.length;
    if (n === 0) {
      return null;
    }
    const at = this.renderServerMs(nowMs);
    if (n === 1 || at >= this.states[n - 1].serverMs) {
      const last = this.states[n - 1].state;
      return { a: last, b: last, t: 1 };
    }
    if (at <= this.states[0].serverMs) {
      return { a: this.states[0].state, b: this.states[0].state, t: 0 };
    }
    let i = n - 2;
    while (i > 0 && this.states[i].serverMs > at) {
      i--;
    }
    const sa = this.states[i];
    const sb = this.states[i + 1];
    return { a: sa.state, b: sb.state, t: (at - sa.serverMs) / (sb.serverMs - sa.serverMs) };
  }

  /**
   * The view stamp of what is drawn at nowMs: 0 before the first state; the newest state (q 0) past
   * it or when there is only one; the oldest (q 0) before it; else the earlier state of the bracket
   * and the blend factor in 32nds, rounded (a factor that rounds to 32 names the later state, q 0).
   */
  stamp(nowMs) {
    const br = this.bracket(nowMs);
    return br === null ? VIEW_NONE : viewStampBetween(br.a.tick, br.b.tick, br.t);
  }

  /**
   * The entities of one table at nowMs, as objects {id, field: value...} (QFLOAT as numbers, BOOL
   * as booleans): QFLOAT fields blended linearly between the bracketing states (the table's
   * angular fields along the shorter arc), other fields from the nearer state. Entities present
   * only in the later state appear as they are there.
   */
  entities(tableName, nowMs) {
    const br = this.bracket(nowMs);
    if (br === null) {
      return [];
    }
    const ta = br.a.table(tableName);
    const tb = br.b.table(tableName);
    if (!ta || !tb) {
      return [];
    }
    const fields = tb.schema.fields;
    const angular = this.angular.get(tableName);
    const out = [];
    for (let row = 0; row < tb.count; row++) {
      const e = tb.entity(row, true);
      const rowA = ta === tb ? -1 : ta.rowOf(tb.ids[row]);
      if (rowA >= 0) {
        for (let f = 0; f < fields.length; f++) {
          const field = fields[f];
          const va = ta.value(rowA, f);
          if (field.type === QFLOAT) {
            const vb = e[field.name];
            const d = angular !== undefined && angular.has(field.name) ? angleDelta(va, vb) : vb - va;
            e[field.name] = va + d * br.t;
          } else if (br.t < 0.5) {
            e[field.name] = va;
          }
        }
      }
      out.push(e);
    }
    return out;
  }
}
