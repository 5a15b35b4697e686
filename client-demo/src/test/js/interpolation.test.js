// The SDK's Interpolator: every QFLOAT field blended linearly, angular fields (named per table by
// the game, none by the SDK) along the shorter arc, and a delay that follows the jitter.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interpolator, QFLOAT, State, TableState } from '../../../sdk/index.js';
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
