// The SDK's generic Predictor with a toy game's rules: steps, replay after reconcile, the
// decaying display correction, and the snap of a large one.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Predictor } from '../../../sdk/index.js';

/** A toy game: input byte 0 moves +x, 1 moves +y, at 60 units/s; z is carried along. */
const toy = {
  tickHz: 60,
  step(body, input, dtSeconds) {
    const v = 60 * dtSeconds;
    return { ...body, x: body.x + (input[0] === 0 ? v : 0), y: body.y + (input[0] === 1 ? v : 0) };
  },
};
const close = (a, b) => Math.abs(a - b) < 1e-9;

describe('Predictor', () => {
  it('needs a step function', () => {
    assert.throws(() => new Predictor({}), /options\.step/);
  });

  it('does nothing before the first server body', () => {
    const pr = new Predictor(toy);
    pr.step();
    assert.equal(pr.ready(), false);
    assert.equal(pr.displayed(16), null);
    assert.equal(pr.history.length, 0);
  });

  it('replays the inputs the server has not acknowledged on top of its body', () => {
    const pr = new Predictor(toy);
    pr.reconcile({ x: 500, y: 500, z: 7 }, 0);
    pr.setInput(Uint8Array.of(0), 1);
    for (let i = 0; i < 3; i++) {
      pr.step();
    }
    pr.setInput(Uint8Array.of(1), 2);
    for (let i = 0; i < 3; i++) {
      pr.step();
    }
    assert.ok(close(pr.body.x, 503) && close(pr.body.y, 503), JSON.stringify(pr.body));
    assert.equal(pr.body.z, 7);
    // the server applied input 1 for 3 steps: only input 2's steps are replayed
    pr.reconcile({ x: 503, y: 500, z: 7 }, 1);
    assert.ok(close(pr.body.x, 503) && close(pr.body.y, 503), JSON.stringify(pr.body));
    assert.equal(pr.history.length, 3);
    assert.equal(pr.corrections, 0);
    pr.reconcile({ x: 505, y: 504, z: 7 }, 2);
    assert.equal(pr.history.length, 0);
    assert.deepStrictEqual(pr.body, { x: 505, y: 504, z: 7 });
    assert.equal(pr.corrections, 1);
    // the correction is hidden by the display error, which decays
    const d = pr.displayed(16);
    assert.ok(d.x < 505 && d.x > 503, JSON.stringify(d));
    for (let i = 0; i < 100; i++) {
      pr.displayed(16);
    }
    assert.ok(Math.abs(pr.displayed(16).x - 505) < 0.01);
  });

  it('shows a large correction at once and forgets inputs never acknowledged', () => {
    const pr = new Predictor({ ...toy, snapDistance: 10, maxHistory: 5 });
    pr.reconcile({ x: 0, y: 0 }, 0);
    pr.setInput(Uint8Array.of(0), 1);
    for (let i = 0; i < 8; i++) {
      pr.step();
    }
    assert.equal(pr.history.length, 5);
    pr.reconcile({ x: 100, y: 0 }, 0);
    assert.ok(close(pr.body.x, 105), pr.body.x);
    assert.deepStrictEqual(pr.displayed(16), pr.body);
  });

  it('starts from the idle input', () => {
    const pr = new Predictor({ ...toy, idleInput: Uint8Array.of(1) });
    pr.reconcile({ x: 0, y: 0 }, 0);
    pr.step();
    assert.ok(close(pr.body.y, 1) && pr.body.x === 0);
  });
});
