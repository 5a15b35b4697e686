// The SDK's Interpolator: every QFLOAT field blended linearly, angular fields (named per table by
// the game, none by the SDK) along the shorter arc, and a delay that follows the jitter.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interpolator, QFLOAT, State, TableState, viewStamp } from '../../../sdk/index.js';
import { BOOL } from '../../../sdk/schema.js';

const npc = { name: 'npc', fields: [{ name: 'x', type: QFLOAT, index: 0, scale: 10, linear: true },
  { name: 'angle', type: QFLOAT, index: 1, scale: 100, linear: false },
  { name: 'heading', type: QFLOAT, index: 2, scale: 100, linear: false },
  { name: 'on', type: BOOL, index: 3, scale: 1, linear: false }] };
const state = (tick, x, angle, on = false) => new State([npc], tick,
  [new TableState(npc, [7], [[x * 10, Math.round(angle * 100), Math.round(angle * 100), on ? 1 : 0]])]);

/** A local time that renders a quarter of the way from the first state to the second. */
function feed(ip) {
  ip.push(state(3, 100, 3.1), 1000);
  ip.push(state(6, 110, -3.1, true), 1050);
  ip.push(state(9, 120, -3.0, true), 1100);
  return 1000 + ip.delayMs + 12.5; // state tick 3 is server time 50 ms, and arrived on time
}

describe('Interpolator', () => {
  it('blends every QFLOAT field linearly unless the game names it angular', () => {
    const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
    const [e] = ip.entities('npc', feed(ip));
    assert.equal(e.id, 7);
    assert.ok(Math.abs(e.x - 102.5) < 1e-9, e.x);
    assert.ok(Math.abs(e.angle - (3.1 - 6.2 * 0.25)) < 1e-9, `angle ${e.angle}: plain linear, no name is special`);
    assert.ok(Math.abs(e.heading - e.angle) < 1e-9);
    assert.equal(e.on, false, 'other fields come from the nearer state');
  });

  it('blends angular fields along the shorter arc', () => {
    const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3, angular: { npc: ['heading'] } });
    const [e] = ip.entities('npc', feed(ip));
    // from 3.1 to -3.1 the short way crosses pi: 3.1 + 0.25 * (2 pi - 6.2)
    assert.ok(Math.abs(e.heading - (3.1 + 0.25 * (2 * Math.PI - 6.2))) < 1e-9, e.heading);
    assert.ok(Math.abs(e.angle - (3.1 - 6.2 * 0.25)) < 1e-9, 'angle is not angular in this game');
    const other = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3, angular: { player: ['heading'] } });
    const [f] = other.entities('npc', feed(other));
    assert.ok(Math.abs(f.heading - (3.1 - 6.2 * 0.25)) < 1e-9, 'angular fields are per table');
  });

  it('takes the shorter arc for any difference, even many turns apart', () => {
    const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3, angular: { npc: ['angle'] } });
    ip.push(state(3, 0, 0.1), 0);
    ip.push(state(6, 0, 0.3 + 8 * Math.PI), 50);
    const [e] = ip.entities('npc', 50 + ip.delayMs - 25);
    assert.ok(Math.abs(e.angle - 0.2) < 0.01, e.angle);
  });

  it('raises the delay when arrivals jitter', () => {
    const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
    let t = 0;
    for (let tick = 3; tick < 600; tick += 3) {
      t += tick % 2 === 0 ? 20 : 80;
      ip.push(state(tick, 0, 0), t);
    }
    assert.ok(ip.jitterMs > 20, `jitter ${ip.jitterMs}`);
    assert.ok(ip.delayMs > 100, `delay ${ip.delayMs}`);
  });
});

/** The local time at which ip draws server time serverMs. */
const drawing = (ip, serverMs) => serverMs + ip.offsetMs + ip.delayMs;

/** States at ticks 3, 6 and 9 (server times 50, 100 and 150 ms), each on time. */
function three() {
  const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
  ip.push(state(3, 100, 0), 1000);
  ip.push(state(6, 110, 0), 1050);
  ip.push(state(9, 120, 0), 1100);
  return ip;
}

describe('viewStamp', () => {
  it('is 1 + (tick mod 512) * 32 + q', () => {
    assert.equal(viewStamp(0, 0), 1);
    assert.equal(viewStamp(3, 8), 1 + 3 * 32 + 8);
    assert.equal(viewStamp(511, 31), 16384, 'the largest stamp');
    assert.equal(viewStamp(515, 0), viewStamp(3, 0), 'ticks modulo 512');
  });

  it('throws a RangeError for a fraction outside 0..31 or a negative or fractional tick', () => {
    for (const [tick, q] of [[0, 32], [0, -1], [-1, 0], [1.5, 0], [1, 0.5], [NaN, 0]]) {
      assert.throws(() => viewStamp(tick, q), RangeError, `${tick}, ${q}`);
    }
  });
});

describe('Interpolator.stamp', () => {
  it('is 0 before any state', () => {
    const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
    assert.equal(ip.stamp(0), 0);
    assert.equal(ip.stamp(1e6), 0);
  });

  it('names the only state, q 0, whatever the time', () => {
    const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
    ip.push(state(3, 100, 0), 1000);
    for (const nowMs of [0, 1000, drawing(ip, 50), 5000]) {
      assert.equal(ip.stamp(nowMs), viewStamp(3, 0), `at ${nowMs}`);
    }
  });

  it('names the earlier state of the bracket and the blend factor in 32nds', () => {
    const ip = three();
    assert.equal(ip.stamp(drawing(ip, 50 + 12.5)), viewStamp(3, 8), 'a quarter of the way from tick 3 to 6');
    assert.equal(ip.stamp(drawing(ip, 100 + 25)), viewStamp(6, 16), 'half way from tick 6 to 9');
    assert.equal(ip.stamp(drawing(ip, 50 + (50 * 1.4) / 32)), viewStamp(3, 1), '1.4/32 rounds down');
    assert.equal(ip.stamp(drawing(ip, 50 + (50 * 1.6) / 32)), viewStamp(3, 2), '1.6/32 rounds up');
    assert.equal(ip.stamp(drawing(ip, 100)), viewStamp(6, 0), 'on a state: that state, q 0');
  });

  it('names the later state, q 0, when the factor rounds to 32', () => {
    const ip = three();
    assert.equal(ip.stamp(drawing(ip, 50 + (50 * 31.4) / 32)), viewStamp(3, 31));
    assert.equal(ip.stamp(drawing(ip, 50 + (50 * 31.6) / 32)), viewStamp(6, 0));
  });

  it('names the newest state past it and the oldest before it, q 0', () => {
    const ip = three();
    assert.equal(ip.stamp(drawing(ip, 150)), viewStamp(9, 0));
    assert.equal(ip.stamp(drawing(ip, 400)), viewStamp(9, 0), 'holding the newest');
    assert.equal(ip.stamp(drawing(ip, 20)), viewStamp(3, 0), 'before the oldest');
  });

  it('stamps what entities() draws: the same bracket', () => {
    const ip = three();
    const nowMs = drawing(ip, 100 + 25);
    const br = ip.bracket(nowMs);
    assert.equal(ip.stamp(nowMs), viewStamp(br.a.tick, Math.round(br.t * 32)));
    assert.ok(Math.abs(ip.entities('npc', nowMs)[0].x - 115) < 1e-9);
  });
});
