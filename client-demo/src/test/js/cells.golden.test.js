// Decodes the Java encoder's SNAPSHOT_CELLS vectors (manifest.json "cellCases", docs/PROTOCOL.md 13)
// into exactly the committed states, as one client would: step 0 a keyframe, each later step a
// delta on the state after the step before. A state is {tick, held, tables: [{name, entities:
// [{id, cell?, field: raw}]}], owned: [{table, id, values}]}: entity fields as the baseline, the
// owned entries beside it. The shown world (mirror.current) is checked to be the same entities
// with the owned values applied. The case's "body" is the viewer's own entity (WELCOME's
// entityId): owned entries name their entity against it (docs/PROTOCOL.md 10.13).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellsJson, SnapshotMirror } from '../../../sdk/mirror.js';
import { decodeSchema } from '../../../sdk/schema.js';
import { MALFORMED, OK, WRONG_BASE } from '../../../sdk/snapshot.js';
import { GOLDEN } from './golden.js';

const cases = GOLDEN.exists() ? GOLDEN.manifest().cellCases : undefined;

/** The shown world of a golden state: its entities with the owned values, without cells. */
function shown(state) {
  return {
    tick: state.tick,
    tables: state.tables.map((t) => ({
      name: t.name,
      entities: t.entities.map(({ cell, ...e }) => {
        const own = (state.owned ?? []).find((o) => o.table === t.name && o.id === e.id);
        return own ? { ...e, ...own.values } : e;
      }),
    })),
  };
}

describe('golden SNAPSHOT_CELLS vectors', { skip: cases === undefined && 'manifest.json has no "cellCases" yet' }, () => {
  it('has at least one case with steps', () => {
    assert.ok(cases.length > 0);
    assert.ok(cases.every((c) => c.steps.length > 0));
  });

  for (const c of cases ?? []) {
    const schemas = () => {
      const s = decodeSchema(GOLDEN.bytes(c.schema));
      assert.ok(s, `schema ${c.schema} decodes`);
      return s;
    };

    const mirrorOf = (s) => new SnapshotMirror(s, { body: c.body ?? -1 });

    it(`has the viewer's own entity of case ${c.name}`, () => {
      assert.ok(Number.isInteger(c.body) && c.body >= -1, `"body": ${c.body}`);
    });

    it(`decodes case ${c.name} step by step into the committed states`, () => {
      const mirror = mirrorOf(schemas());
      for (const step of c.steps) {
        const result = mirror.apply(GOLDEN.bytes(step.frame));
        assert.equal(result.code, OK, `${step.frame}: ${result.reason}`);
        const expected = GOLDEN.json(step.state);
        assert.deepStrictEqual(cellsJson(mirror.cells, mirror.owned), { owned: [], ...expected }, step.frame);
        assert.deepStrictEqual(mirror.current.toJSON(), shown(expected), `${step.frame}: the shown world`);
        assert.deepStrictEqual(mirror.heldCells, expected.held);
      }
      assert.equal(mirror.snapshots, c.steps.length);
      assert.ok(mirror.fullSnapshots >= 1);
    });

    it(`rejects every truncation and an extra byte of case ${c.name}, keeping the state`, () => {
      const mirror = mirrorOf(schemas());
      for (const step of c.steps.slice(0, 8)) {
        const frame = GOLDEN.bytes(step.frame);
        const before = [mirror.current, mirror.cells];
        for (let len = 0; len < frame.length; len++) {
          assert.notEqual(mirror.apply(frame.subarray(0, len)).code, OK, `${step.frame} cut to ${len} bytes`);
          assert.ok(mirror.current === before[0] && mirror.cells === before[1], `${step.frame} cut to ${len}: unchanged`);
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
      let seed = 12345;
      const random = () => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed / 2 ** 32;
      };
      const mirror = mirrorOf(s);
      for (const step of c.steps) {
        const frame = GOLDEN.bytes(step.frame);
        for (let k = 0; k < 100; k++) {
          const bad = frame.slice();
          bad[Math.floor(random() * bad.length)] ^= 1 << Math.floor(random() * 8);
          const probe = mirrorOf(s);
          Object.assign(probe, { cells: mirror.cells, previousCells: mirror.previousCells, kind: mirror.kind });
          assert.ok([OK, MALFORMED, WRONG_BASE].includes(probe.apply(bad).code));
        }
        assert.equal(mirror.apply(frame).code, OK);
      }
    });

    it(`answers WRONG_BASE for a delta of case ${c.name} without its baseline`, () => {
      for (const step of c.steps.slice(1)) {
        const mirror = mirrorOf(schemas());
        const r = mirror.apply(GOLDEN.bytes(step.frame));
        assert.equal(r.code, r.full ? OK : WRONG_BASE, step.frame);
      }
    });
  }
});
