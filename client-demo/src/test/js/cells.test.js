// SNAPSHOT_CELLS (docs/PROTOCOL.md 10.10-10.14) through SnapshotMirror, with frames written by
// hand from the spec (cell-frames.js): keyframes, deltas (removed and changed by position, added
// against ref), prediction only for cells held at P and at B, carried cells, drops, an entity
// moving between cells, owned entries, and every malformed rule (never applied in part).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interpolator } from '../../../sdk/interpolation.js';
import { cellsJson, SnapshotMirror } from '../../../sdk/mirror.js';
import { MALFORMED, OK, WRONG_BASE } from '../../../sdk/snapshot.js';
import { encodeSchema } from '../../../sdk/schema.js';
import { frame, LEADER, ORB, PLAYER, SCHEMAS } from './cell-frames.js';
import { joinedClient } from './fakes.js';

/** T=3: cells 3 and 7; leader #1 global; orbs #5, #9 (cell 3), #2, #8 (cell 7); player #20 (cell 3). */
const KEYFRAME = frame({ tick: 3 }, {
  enter: [3, 7],
  globals: { [LEADER]: { added: [{ id: 1, row: [1, 'ada'] }] } },
  chunks: [
    { [ORB]: { added: [{ id: 5, row: [100, 2] }, { id: 9, row: [104, 2] }] },
      [PLAYER]: { added: [{ id: 20, row: [120, 0, 1, 'a'] }] } },
    { [ORB]: { added: [{ id: 2, row: [700, 1] }, { id: 8, row: [710, 1] }] } },
  ],
});

function started() {
  const m = new SnapshotMirror(SCHEMAS);
  const r = m.apply(KEYFRAME);
  assert.equal(r.code, OK, r.reason);
  return m;
}

/** The shown entities of a table as [id, ...raw values]. */
function rows(m, name) {
  const t = m.current.table(name);
  return t.ids.map((id, row) => [id, ...t.rows[row]]);
}

function applyOk(m, bytes) {
  const r = m.apply(bytes);
  assert.equal(r.code, OK, r.reason);
  return r;
}

describe('SNAPSHOT_CELLS', () => {
  it('decodes a keyframe into one world: cells merged by id, globals whole, added values against ref', () => {
    const m = started();
    assert.deepStrictEqual(m.heldCells, [3, 7]);
    assert.deepStrictEqual(rows(m, 'orb'), [[2, 700, 1], [5, 100, 2], [8, 710, 1], [9, 104, 2]]);
    assert.deepStrictEqual(rows(m, 'leader'), [[1, 1, 'ada']]);
    assert.deepStrictEqual(rows(m, 'player'), [[20, 120, 0, 1, 'a']]);
    assert.equal(m.current.tick, 3);
    assert.deepStrictEqual([m.cellOf(2), m.cellOf(5), m.cellOf(20), m.cellOf(1), m.cellOf(99)], [7, 3, 3, -1, -1]);
    assert.deepStrictEqual([m.snapshots, m.fullSnapshots, m.kind], [1, 1, 'cells']);
    assert.equal(m.current.table('orb').value(1, 0), 10, 'QFLOAT shown as q / scale');
  });

  it('applies a delta: removed and changed by position, an added id merged in, a kept cell carried', () => {
    const m = started();
    const cell7 = m.cells.cells.get(7);
    const r = applyOk(m, frame({ tick: 6, base: 3 }, {
      kept: [true, false],
      globals: { [LEADER]: { changed: [{ id: 1, diff: [undefined, 'bob'] }] } },
      globalMax: { [LEADER]: 1 },
      // #4 is coded against #5, the first entity of cell 3's base
      chunks: [{ [ORB]: { ref: [100, 2], removed: [1], changed: [{ k: 0, diff: [5, undefined] }],
        added: [{ id: 4, row: [90, 3] }] } }],
    }));
    assert.equal(r.full, false);
    assert.deepStrictEqual(rows(m, 'orb'), [[2, 700, 1], [4, 90, 3], [5, 105, 2], [8, 710, 1]]);
    assert.deepStrictEqual(rows(m, 'leader'), [[1, 1, 'bob']]);
    assert.deepStrictEqual(rows(m, 'player'), [[20, 120, 0, 1, 'a']]);
    assert.equal(m.cells.cells.get(7), cell7, 'a kept cell without a chunk is carried as it is');
    assert.equal(m.previous.tick, 3);
    assert.deepStrictEqual([m.snapshots, m.fullSnapshots], [2, 1]);
  });

  it('predicts a chunk only when the header names a predictor and its cell was held at P and at B', () => {
    const m = new SnapshotMirror(SCHEMAS);
    applyOk(m, frame({ tick: 3 }, { enter: [1, 5], chunks: [
      { [ORB]: { added: [{ id: 1, row: [100, 0] }] } }, { [ORB]: { added: [{ id: 3, row: [500, 0] }] } }] }));
    applyOk(m, frame({ tick: 6, base: 3 }, { enter: [2], kept: [true, true], chunks: [
      { [ORB]: { changed: [{ k: 0, diff: [10] }] } },
      { [ORB]: { added: [{ id: 2, row: [200, 0] }] } },
      { [ORB]: { changed: [{ k: 0, diff: [10] }] } }] }));
    assert.deepStrictEqual(rows(m, 'orb'), [[1, 110, 0], [2, 200, 0], [3, 510, 0]]);
    // B = 6, P = 3: cell 1 held at both (predicted 120); cell 2 only at B (200); cell 5 carried (510)
    applyOk(m, frame({ tick: 9, base: 3, pred: 3 }, { kept: [true, true, false], chunks: [{}, {}] }));
    assert.deepStrictEqual(rows(m, 'orb'), [[1, 120, 0], [2, 200, 0], [3, 510, 0]]);
    // a chunk with a change: the difference is from the predicted value
    applyOk(m, frame({ tick: 12, base: 3, pred: 3 }, { kept: [true, false, false], chunks: [
      { [ORB]: { changed: [{ k: 0, diff: [-1] }] } }] }));
    assert.deepStrictEqual(rows(m, 'orb'), [[1, 129, 0], [2, 200, 0], [3, 510, 0]]);
    // no predictor named: base values
    applyOk(m, frame({ tick: 15, base: 3 }, { kept: [true, true, true], chunks: [{}, {}, {}] }));
    assert.deepStrictEqual(rows(m, 'orb'), [[1, 129, 0], [2, 200, 0], [3, 510, 0]]);
  });

  it('does not predict an entity that moved into the cell after P', () => {
    const m = new SnapshotMirror(SCHEMAS);
    applyOk(m, frame({ tick: 3 }, { enter: [1, 2], chunks: [
      { [ORB]: { added: [{ id: 1, row: [100, 0] }] } }, { [ORB]: { added: [{ id: 2, row: [300, 0] }] } }] }));
    // #2 moves from cell 2 into cell 1
    applyOk(m, frame({ tick: 6, base: 3 }, { kept: [true, true], chunks: [
      { [ORB]: { ref: [100, 0], changed: [{ k: 0, diff: [10] }], added: [{ id: 2, row: [310, 0] }] } },
      { [ORB]: { removed: [0] } }] }));
    applyOk(m, frame({ tick: 9, base: 3, pred: 3 }, { kept: [true, false], chunks: [{}] }));
    assert.deepStrictEqual(rows(m, 'orb'), [[1, 120, 0], [2, 310, 0]], '#2 was not in cell 1 at P');
  });

  it('forgets a dropped cell: its entities disappear', () => {
    const m = started();
    applyOk(m, frame({ tick: 6, base: 3 }, { drop: [7], kept: [false], globalMax: { [LEADER]: 1 } }));
    assert.deepStrictEqual(m.heldCells, [3]);
    assert.deepStrictEqual(rows(m, 'orb'), [[5, 100, 2], [9, 104, 2]]);
    assert.equal(m.cellOf(2), -1);
  });

  it('keeps an entity that moves between held cells as the same entity (interpolation goes on)', () => {
    const m = started();
    const before = m.current;
    applyOk(m, frame({ tick: 6, base: 3 }, { kept: [true, true], chunks: [
      { [ORB]: { ref: [100, 2], added: [{ id: 2, row: [690, 1] }] } },
      { [ORB]: { removed: [0] } }] }));
    assert.equal(m.cellOf(2), 3);
    assert.deepStrictEqual(rows(m, 'orb'), [[2, 690, 1], [5, 100, 2], [8, 710, 1], [9, 104, 2]]);
    const interpolator = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
    interpolator.push(before, 50);
    interpolator.push(m.current, 100);
    interpolator.delayMs = 0;
    const orb2 = interpolator.entities('orb', 75).find((e) => e.id === 2);
    assert.ok(Math.abs(orb2.x - 69.5) < 1e-9, `blended x ${orb2.x}`);
  });

  it('shows owned entries for their tick only, outside the baseline of the next delta', () => {
    // player #20 is the client's own entity: its entry's id is S(0); leader #1's is S(1 - 20)
    const m = new SnapshotMirror(SCHEMAS, { body: 20 });
    assert.equal(m.body, 20);
    applyOk(m, frame({ tick: 3 }, { enter: [4], body: 20,
      owned: [{ table: PLAYER, id: 20, values: [undefined, 30, 0, undefined] }, { table: LEADER, id: 1, values: [7, 'me'] }],
      globals: { [LEADER]: { added: [{ id: 1, row: [1, 'ada'] }] } },
      chunks: [{ [PLAYER]: { added: [{ id: 20, row: [120, 0, 1, 'a'] }] } }] }));
    assert.deepStrictEqual(rows(m, 'player'), [[20, 120, 30, 0, 'a']]);
    assert.deepStrictEqual(rows(m, 'leader'), [[1, 7, 'me']]);
    assert.equal(m.current.table('player').entity(0, true).alive, false);
    const base = m.cells.cells.get(4)[PLAYER];
    assert.deepStrictEqual(base.rows[0], [120, 0, 1, 'a'], 'the baseline keeps the defaults');
    assert.deepStrictEqual(cellsJson(m.cells, m.owned).owned,
      [{ table: 'player', id: 20, values: { ammo: 30, alive: false } }, { table: 'leader', id: 1, values: { rank: 7, name: 'me' } }]);
    // the next delta changes ammo by +2 from the baseline's 0, with no owned entry
    applyOk(m, frame({ tick: 6, base: 3 }, { kept: [true], globalMax: { [LEADER]: 1 },
      chunks: [{ [PLAYER]: { changed: [{ k: 0, diff: [undefined, 2] }] } }] }));
    assert.deepStrictEqual(rows(m, 'player'), [[20, 120, 2, 1, 'a']]);
    assert.deepStrictEqual(rows(m, 'leader'), [[1, 1, 'ada']]);
  });

  it('applies two owned entries of one entity in order (a server sends one; like Java, not checked)', () => {
    const m = started();
    applyOk(m, frame({ tick: 6, base: 3 }, { kept: [false, false], globalMax: { [LEADER]: 1 }, owned: [
      { table: PLAYER, id: 20, values: [undefined, 30, undefined, 'x'] },
      { table: PLAYER, id: 20, values: [undefined, 31, undefined, undefined] }] }));
    assert.deepStrictEqual(rows(m, 'player'), [[20, 120, 31, 1, 'x']]);
  });

  it('carries a cell table whose section bit is 0, with prediction (unlike a kept cell without a chunk)', () => {
    const m = new SnapshotMirror(SCHEMAS);
    applyOk(m, frame({ tick: 3 }, { enter: [1, 5], chunks: [
      { [ORB]: { added: [{ id: 1, row: [100, 0] }] } }, { [ORB]: { added: [{ id: 3, row: [500, 0] }] } }] }));
    applyOk(m, frame({ tick: 6, base: 3 }, { kept: [true, true], chunks: [
      { [ORB]: { changed: [{ k: 0, diff: [10] }] } }, { [ORB]: { changed: [{ k: 0, diff: [10] }] } }] }));
    // cell 1: a chunk, both section bits 0: #1 predicted 110 -> 120; cell 5: no chunk, #3 stays 510
    const bytes = frame({ tick: 9, base: 3, pred: 3 }, { kept: [true, false], chunks: [{}] });
    assert.equal(bytes.length, 4 + 2, 'header, then one bit stream: client part, global part, one chunk of two bits');
    applyOk(m, bytes);
    assert.deepStrictEqual(rows(m, 'orb'), [[1, 120, 0], [3, 510, 0]]);
  });

  it('codes the first added entity of a section against the first entity of its base', () => {
    const m = started();
    // cell 3's base: orb #5 [100, 2] (then #9), player #20 [120, 0, 1, 'a']. Orb #6 copies #5 (mask 0);
    // player #21 is #20 moved by +2 (alive and tag from #20), player #22 flips #21's alive.
    applyOk(m, frame({ tick: 6, base: 3 }, { kept: [true, false], globalMax: { [LEADER]: 1 }, chunks: [{
      [ORB]: { ref: [100, 2], added: [{ id: 6, row: [100, 2] }] },
      [PLAYER]: { ref: [120, 0, 1, 'a'], added: [{ id: 21, row: [122, 0, 1, 'a'] }, { id: 22, row: [122, 0, 0, 'a'] }] },
    }] }));
    assert.deepStrictEqual(rows(m, 'orb'), [[2, 700, 1], [5, 100, 2], [6, 100, 2], [8, 710, 1], [9, 104, 2]]);
    assert.deepStrictEqual(rows(m, 'player'), [[20, 120, 0, 1, 'a'], [21, 122, 0, 1, 'a'], [22, 122, 0, 0, 'a']]);
  });

  it('codes an owned id against the body: the body S(0), another entity S(id - body), no body S(id + 1)', () => {
    for (const body of [20, 7, -1]) {
      const m = new SnapshotMirror(SCHEMAS, { body });
      applyOk(m, KEYFRAME);
      applyOk(m, frame({ tick: 6, base: 3 }, { kept: [false, false], globalMax: { [LEADER]: 1 }, body,
        owned: [{ table: ORB, id: 5, values: [undefined, 4] }, { table: PLAYER, id: 20, values: [undefined, 30] }] }));
      assert.deepStrictEqual(rows(m, 'player'), [[20, 120, 30, 1, 'a']], `body ${body}`);
      assert.deepStrictEqual(rows(m, 'orb')[1], [5, 100, 4], `body ${body}`);
    }
  });

  it('accepts a new global mask in a keyframe (and keeps it in the deltas after)', () => {
    const m = started();
    const none = [false, false, false];
    applyOk(m, frame({ tick: 9 }, { mask: none, enter: [8], chunks: [
      { [ORB]: { added: [{ id: 30, row: [1, 1] }] }, [LEADER]: { added: [{ id: 1, row: [2, 'eve'] }] } }] }));
    assert.deepStrictEqual(rows(m, 'leader'), [[1, 2, 'eve']]);
    assert.equal(m.cellOf(1), 8);
    applyOk(m, frame({ tick: 12, base: 3 }, { mask: none, kept: [true], chunks: [
      { [LEADER]: { changed: [{ k: 0, diff: [1, undefined] }] } }] }));
    assert.deepStrictEqual(rows(m, 'leader'), [[1, 3, 'eve']]);
  });

  it('writes the golden JSON form: held cells, a cell per cell-table entity', () => {
    const m = started();
    const json = cellsJson(m.cells, m.owned);
    assert.deepStrictEqual(json.held, [3, 7]);
    assert.deepStrictEqual(json.tables[ORB].entities[0], { id: 2, cell: 7, x: 700, value: 1 });
    assert.deepStrictEqual(json.tables[LEADER].entities, [{ id: 1, rank: 1, name: 'ada' }]);
    assert.deepStrictEqual(json.tables[PLAYER].entities, [{ id: 20, cell: 3, x: 120, ammo: 0, alive: true, tag: 'a' }]);
  });

  it('answers WRONG_BASE for a baseline or predictor the client does not hold', () => {
    const m = started();
    assert.equal(m.apply(frame({ tick: 9, base: 3 }, { kept: [false, false] })).code, WRONG_BASE);
    assert.equal(m.apply(frame({ tick: 6, base: 3, pred: 3 }, { kept: [false, false] })).code, WRONG_BASE);
    assert.equal(new SnapshotMirror(SCHEMAS).apply(frame({ tick: 6, base: 3 }, {})).code, WRONG_BASE);
    assert.equal(m.snapshots, 1);
  });

  it('reaches a client through its session: 0x26 frames give state events and the held cells', async () => {
    const { client, ws } = await joinedClient();
    const states = [];
    client.on('state', (state, info) => states.push([state, info]));
    assert.deepStrictEqual(client.heldCells, []);
    ws.receive(encodeSchema(SCHEMAS));
    ws.receive(KEYFRAME);
    // WELCOME's entityId is 1 (leader #1 here): its owned entry's id is coded S(1 - 1)
    ws.receive(frame({ tick: 6, base: 3 }, { drop: [7], kept: [false], globalMax: { [LEADER]: 1 }, body: 1,
      owned: [{ table: LEADER, id: 1, values: [9, undefined] }] }));
    assert.deepStrictEqual(states.map(([s, info]) => [s.tick, info.full]), [[3, true], [6, false]]);
    assert.deepStrictEqual(client.state.table('leader').rows, [[9, 'ada']]);
    assert.deepStrictEqual(client.heldCells, [3]);
    assert.deepStrictEqual(client.state.table('orb').ids, [5, 9]);
    assert.deepStrictEqual([client.stats.snapshots, client.stats.fullSnapshots, client.stats.decodeErrors], [2, 1, 0]);
    client.close();
  });
});
