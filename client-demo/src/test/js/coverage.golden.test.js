// What game-logic's golden vectors must exercise, checked on the vectors themselves so that a
// regenerated set cannot silently drop a case: the edge cases the client's decoder has to get
// right (BOOL flips, multi-byte STRING changes, the int32 wrap of a linear prediction, a 32-field
// table, a skipped snapshot, a keyframe after deltas) and the control messages it reads. These
// were the cases of the client's own scratch vectors, now removed.
//

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSchema } from '../../../sdk/schema.js';
import { BOOL, INT, STRING } from '../../../sdk/schema.js';
import { DeltaDecoder, OK } from '../../../sdk/snapshot.js';
import { SnapshotMirror } from '../../../sdk/mirror.js';
import { utf8Length } from '../../../sdk/writer.js';
import { GOLDEN } from './golden.js';

/** Every step of every case, decoded, with its header and the states around it. */
function walk() {
  const out = [];
  for (const c of GOLDEN.manifest().snapshotCases) {
    const schemas = decodeSchema(GOLDEN.bytes(c.schema));
    const mirror = new SnapshotMirror(schemas);
    const header = new DeltaDecoder();
    c.steps.forEach((step, index) => {
      const bytes = GOLDEN.bytes(step.frame);
      assert.equal(header.readHeader(bytes), OK);
      const base = mirror.current;
      const pred = mirror.previous;
      const r = mirror.apply(bytes);
      assert.equal(r.code, OK, `${step.frame}: ${r.reason}`);
      out.push({ c, index, step, schemas, full: header.full(), predTick: header.predTick, base, pred, state: r.state });
    });
  }
  return out;
}

/** [schema, field, baseValue, newValue, predValue] for every field of every entity kept from base. */
function* changes(s) {
  for (let t = 0; t < s.schemas.length; t++) {
    const before = s.base.tables[t];
    const after = s.state.tables[t];
    const pred = s.predTick >= 0 ? s.pred.tables[t] : null;
    for (let row = 0; row < after.count; row++) {
      const baseRow = before.rowOf(after.ids[row]);
      if (s.full || baseRow < 0) {
        continue;
      }
      const predRow = pred === null ? -1 : pred.rowOf(after.ids[row]);
      for (const field of after.schema.fields) {
        yield [after.schema, field, before.raw(baseRow, field.index), after.raw(row, field.index),
          predRow < 0 ? undefined : pred.raw(predRow, field.index)];
      }
    }
  }
}

const steps = walk();
const some = (test) => steps.some((s) => test(s));
const someChange = (test) => steps.some((s) => {
  for (const ch of changes(s)) {
    if (test(...ch)) {
      return true;
    }
  }
  return false;
});
const frameNumber = (s) => Number(/(\d+)\.bin$/.exec(s.step.frame)[1]);

describe("game-logic's golden vectors cover", () => {
  it('a BOOL flipping both ways', () => {
    assert.ok(someChange((schema, f, a, b) => f.type === BOOL && a === 0 && b === 1));
    assert.ok(someChange((schema, f, a, b) => f.type === BOOL && a === 1 && b === 0));
  });

  it('a STRING changed to a multi-byte UTF-8 value, and to ""', () => {
    assert.ok(someChange((schema, f, a, b) => f.type === STRING && a !== b && utf8Length(b) > b.length));
    assert.ok(someChange((schema, f, a, b) => f.type === STRING && a !== '' && b === ''));
  });

  it('a linear INT whose prediction wraps around int32', () => {
    assert.ok(someChange((schema, f, a, b, p) => f.type === INT && f.linear && p !== undefined
      && a + (a - p) !== ((a + ((a - p) | 0)) | 0)));
  });

  it('a table of 32 fields', () => {
    assert.ok(some((s) => s.schemas.some((t) => t.fields.length === 32)));
  });

  it('a skipped snapshot (a gap in the frame numbers)', () => {
    assert.ok(some((s) => s.index > 0 && frameNumber(s) > frameNumber(steps[steps.indexOf(s) - 1]) + 1));
  });

  it('a keyframe after deltas (a full snapshot that is not the first step)', () => {
    assert.ok(some((s) => s.index > 1 && s.full), 'no case sends a full snapshot after deltas');
  });

  const messages = GOLDEN.manifest().messages;

  it('every control message the client decodes or sends', () => {
    const types = new Set(messages.map((m) => m.type));
    for (const type of ['JOIN', 'INPUT', 'PING', 'CHAT_SEND', 'GAME_SEND', 'WELCOME', 'PONG', 'CHAT', 'GAME_MESSAGE']) {
      assert.ok(types.has(type), `no ${type} vector`);
    }
  });

  it('game messages with an empty payload', () => {
    for (const type of ['GAME_SEND', 'GAME_MESSAGE']) {
      assert.ok(messages.some((m) => m.type === type && m.value.payload.length === 0), type);
    }
  });

  it('a system CHAT line (empty name, player id 0)', () => {
    assert.ok(messages.some((m) => m.type === 'CHAT' && m.value.name === '' && m.value.playerId === 0));
  });

    it('a WELCOME without an entity (a spectator)', () => {
    assert.ok(messages.some((m) => m.type === 'WELCOME' && m.value.entityId === -1));
  });

  it('an INPUT with the largest payload', () => {
    assert.ok(messages.some((m) => m.type === 'INPUT' && m.value.payload.length === 256));
  });
});
