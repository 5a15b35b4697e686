import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeArenaInput, encodeArenaInput, Predictor, stepArenaPlayer,
} from '../../../sdk/prediction.js';
import { Interpolator } from '../../../sdk/interpolation.js';
import { State, TableState } from '../../../sdk/snapshot.js';
import { QFLOAT } from '../../../sdk/schema.js';

describe('arena input and movement', () => {
  it('encodes the 1-byte payload like ArenaInput.java', () => {
    assert.equal(encodeArenaInput(0, 0, false), 0b0101);
    assert.equal(encodeArenaInput(1, 0, false), 0b0110);
    assert.equal(encodeArenaInput(-1, -1, true), 0b10000);
    assert.equal(encodeArenaInput(1, 1, true), 0b11010);
    for (const dx of [-1, 0, 1]) {
      for (const dy of [-1, 0, 1]) {
        for (const sprint of [false, true]) {
          assert.deepStrictEqual(decodeArenaInput(encodeArenaInput(dx, dy, sprint)), { dx, dy, sprint });
        }
      }
    }
  });

  it('moves 200 u/s, 300 sprinting, diagonals by 1/sqrt(2), clamped to the world', () => {
    let p = { x: 1000, y: 1000 };
    for (let i = 0; i < 60; i++) {
      p = stepArenaPlayer(p.x, p.y, encodeArenaInput(1, 0, false));
    }
    assert.ok(Math.abs(p.x - 1200) < 0.01 && p.y === 1000, JSON.stringify(p));
    p = { x: 1000, y: 1000 };
    for (let i = 0; i < 60; i++) {
      p = stepArenaPlayer(p.x, p.y, encodeArenaInput(-1, 1, true));
    }
    assert.ok(Math.abs(p.x - (1000 - 300 / Math.SQRT2)) < 0.05, JSON.stringify(p));
    assert.ok(Math.abs(p.y - (1000 + 300 / Math.SQRT2)) < 0.05, JSON.stringify(p));
    assert.deepStrictEqual(stepArenaPlayer(1, 1999, encodeArenaInput(-1, 1, true)), { x: 0, y: 2000 });
  });
});

describe('Predictor', () => {
  it('replays the inputs the server has not acknowledged on top of its position', () => {
    const pr = new Predictor();
    pr.reconcile(500, 500, 0);
    pr.setInput(encodeArenaInput(1, 0, false), 1);
    for (let i = 0; i < 3; i++) {
      pr.step();
    }
    pr.setInput(encodeArenaInput(0, 1, false), 2);
    for (let i = 0; i < 3; i++) {
      pr.step();
    }
    assert.ok(Math.abs(pr.x - 510) < 1e-3 && Math.abs(pr.y - 510) < 1e-3);
    // the server applied input 1 for 3 steps: only input 2's steps are replayed
    pr.reconcile(510, 500, 1);
    assert.ok(Math.abs(pr.x - 510) < 1e-3 && Math.abs(pr.y - 510) < 1e-3, `${pr.x},${pr.y}`);
    assert.equal(pr.history.length, 3);
    pr.reconcile(512, 511, 2);
    assert.equal(pr.history.length, 0);
    assert.deepStrictEqual([pr.x, pr.y], [512, 511]);
    // the correction is hidden by the display error, which decays
    const d = pr.displayed(16);
    assert.ok(d.x < 512 && d.x > 510);
    for (let i = 0; i < 100; i++) {
      pr.displayed(16);
    }
    assert.ok(Math.abs(pr.displayed(16).x - 512) < 0.01);
  });
});

describe('Interpolator', () => {
  const schema = { name: 'npc', fields: [{ name: 'x', type: QFLOAT, index: 0, scale: 10, linear: true },
    { name: 'angle', type: QFLOAT, index: 1, scale: 100, linear: false }] };
  const state = (tick, x, angle) => new State([schema], tick,
    [new TableState(schema, [7], [[x * 10, Math.round(angle * 100)]])]);

  it('blends between the snapshots around now - delay', () => {
    const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
    ip.push(state(3, 100, 3.1), 1000);
    ip.push(state(6, 110, -3.1), 1050);
    ip.push(state(9, 120, -3.0), 1100);
    assert.equal(ip.jitterMs, 0);
    // delay starts at 1.5 periods and moves towards period + 2 * jitter
    const now = 1100 + ip.delayMs - 25;
    const [e] = ip.entities('npc', now);
    assert.equal(e.id, 7);
    assert.ok(Math.abs(e.x - 115) < 1e-9, e.x);
    assert.ok(Math.abs(Math.abs(e.angle) - 3.05) < 0.1, e.angle); // along the short arc
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

describe('arena movement against ArenaGame.java', () => {
  it('reproduces 400 steps of a Java player bit for bit (float32)', async () => {
    const { readFileSync } = await import('node:fs');
    const { SCRATCH_DIR } = await import('./golden.js');
    const lines = readFileSync(`${SCRATCH_DIR}/arena-moves.txt`, 'utf8').trim().split('\n')
      .map((l) => l.split(' ').map((v) => Math.fround(Number(v))));
    // Move.java.txt: each input held for 100 steps
    const inputs = [encodeArenaInput(1, 1, true), encodeArenaInput(-1, 0, false), encodeArenaInput(0, -1, true),
      encodeArenaInput(1, -1, false)];
    let [x, y] = lines[0];
    for (let t = 1; t < lines.length; t++) {
      ({ x, y } = stepArenaPlayer(x, y, inputs[Math.floor((t - 1) / 100)]));
      assert.deepStrictEqual([x, y], lines[t], `step ${t}`);
    }
    assert.equal(lines.length, 401);
  });
});
