// Decodes every golden vector of the Java codec into exactly the committed state: one
// SnapshotMirror per case applies the frames in order (step 0 full, later deltas on the client's
// current state, predicted from its previous one), as one client would.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSchema } from '../../../sdk/schema.js';
import { MALFORMED, OK, WRONG_BASE } from '../../../sdk/snapshot.js';
import { SnapshotMirror } from '../../../sdk/mirror.js';
import { GOLDEN } from './golden.js';

function lcg(seed) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

{
  const set = GOLDEN;
  const present = set.exists();
  // The vectors are committed: a missing set is a failure, not a skip.
  it(`finds game-logic's golden vectors at ${set.dir}`, () => assert.ok(present));
  describe('golden snapshot vectors', () => {
    const cases = present ? set.manifest().snapshotCases : [];

    it('has at least one case with steps', () => {
      assert.ok(cases.length > 0);
      assert.ok(cases.every((c) => c.steps.length > 0));
    });

    for (const c of cases) {
      const schemas = () => {
        const s = decodeSchema(set.bytes(c.schema));
        assert.ok(s, `schema ${c.schema} decodes`);
        return s;
      };

      it(`decodes case ${c.name} step by step into the committed states`, () => {
        const mirror = new SnapshotMirror(schemas());
        for (const step of c.steps) {
          const result = mirror.apply(set.bytes(step.frame));
          assert.equal(result.code, OK, `${step.frame}: ${result.reason}`);
          assert.deepStrictEqual(mirror.current.toJSON(), set.json(step.state), step.frame);
        }
        assert.equal(mirror.snapshots, c.steps.length);
        assert.ok(mirror.fullSnapshots >= 1);
      });

      it(`rejects every truncation and an extra byte of case ${c.name}, keeping the state`, () => {
        const mirror = new SnapshotMirror(schemas());
        for (const step of c.steps.slice(0, 8)) {
          const frame = set.bytes(step.frame);
          const before = mirror.current;
          for (let len = 0; len < frame.length; len++) {
            const r = mirror.apply(frame.subarray(0, len));
            assert.notEqual(r.code, OK, `${step.frame} cut to ${len} bytes`);
            assert.equal(mirror.current, before);
          }
          const longer = new Uint8Array(frame.length + 1);
          longer.set(frame);
          longer[frame.length] = 0x5a;
          assert.equal(mirror.apply(longer).code, MALFORMED, `${step.frame} plus a byte`);
          assert.equal(mirror.apply(frame).code, OK);
        }
      });

      it(`never throws on bit-flipped frames of case ${c.name}`, () => {
        const s = schemas();
        const random = lcg(12345);
        const mirror = new SnapshotMirror(s);
        for (const step of c.steps.slice(0, 6)) {
          const frame = set.bytes(step.frame);
          for (let k = 0; k < 200; k++) {
            const bad = frame.slice();
            bad[Math.floor(random() * bad.length)] ^= 1 << Math.floor(random() * 8);
            const probe = new SnapshotMirror(s);
            probe.current = mirror.current;
            probe.previous = mirror.previous;
            assert.ok([OK, MALFORMED, WRONG_BASE].includes(probe.apply(bad).code));
          }
          assert.equal(mirror.apply(frame).code, OK);
        }
      });

      it(`answers WRONG_BASE for a delta of case ${c.name} without its baseline`, () => {
        const s = schemas();
        for (const step of c.steps.slice(1)) {
          const mirror = new SnapshotMirror(s);
          const r = mirror.apply(set.bytes(step.frame));
          assert.equal(r.code, r.full ? OK : WRONG_BASE, step.frame);
          assert.equal(mirror.snapshots, r.full ? 1 : 0);
        }
      });
    }
  });
}
