// The arena demo's movement rules (webroot/arena/arena-rules.js) against ArenaInput.java and
// ArenaGame.java: the input byte, the movement constants, and game-logic's golden movement
// vector, which prediction must reproduce bit for bit.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Predictor } from '../../../sdk/index.js';
import {
  ARENA, arenaPrediction, decodeArenaInput, encodeArenaInput, stepArenaPlayer,
} from '../../main/resources/webroot/arena/arena-rules.js';
import { GOLDEN } from './golden.js';
import { arenaMoves } from './moves.js';

describe('arena input and movement', () => {
  it('encodes the 1-byte payload like ArenaInput.java', () => {
    assert.equal(encodeArenaInput(0, 0, false), 0b0101);
    assert.equal(encodeArenaInput(1, 0, false), 0b0110);
    assert.equal(encodeArenaInput(-1, -1, true), 0b10000);
    assert.equal(encodeArenaInput(1, 1, true), 0b11010); // docs/PROTOCOL.md 11: 0x1A
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
    assert.equal(ARENA.tickHz, 60);
  });
});

describe('arena movement against ArenaGame.java (golden vector)', () => {
  const moves = arenaMoves(GOLDEN);

  it('has the vector, with a step per input', () => {
    assert.ok(moves.positions.length > 100, `${moves.positions.length} positions`);
    assert.equal(moves.inputs.length, moves.positions.length - 1);
  });

  it('reproduces every step of a Java player bit for bit (float32)', () => {
    let [x, y] = moves.positions[0];
    for (let t = 1; t < moves.positions.length; t++) {
      ({ x, y } = stepArenaPlayer(x, y, moves.inputs[t - 1], 1 / moves.tickHz));
      assert.deepStrictEqual([x, y], moves.positions[t], `step ${t}`);
    }
  });

  it('is reproduced by the SDK Predictor with the arena rules, acknowledged or not', () => {
    const predictor = new Predictor(arenaPrediction());
    const [x0, y0] = moves.positions[0];
    predictor.reconcile({ x: x0, y: y0 }, 0);
    for (let t = 1; t < moves.positions.length; t++) {
      predictor.setInput(Uint8Array.of(moves.inputs[t - 1]), t);
      predictor.step();
      assert.deepStrictEqual([predictor.body.x, predictor.body.y], moves.positions[t], `step ${t}`);
      if (t % 37 === 0) {
        // the server acknowledges an older input: replaying the rest lands on the same float
        const acked = t - 5;
        const [sx, sy] = moves.positions[acked];
        predictor.reconcile({ x: sx, y: sy }, acked);
        assert.deepStrictEqual([predictor.body.x, predictor.body.y], moves.positions[t], `replay at ${t}`);
      }
    }
  });
});
