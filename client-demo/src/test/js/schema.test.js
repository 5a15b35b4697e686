import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOOL, decodeSchema, encodeSchema, INT, QFLOAT, STRING } from '../../../sdk/schema.js';
import { GOLDEN } from './golden.js';

function schemaOf(name, fields) {
  return { name, fields: fields.map((f, index) => ({ scale: 1, linear: false, ...f, index })) };
}

describe('SCHEMA', () => {
  it('decodes the arena schema written by the Java codec', () => {
    const schemas = decodeSchema(GOLDEN.bytes('arena/schema.bin'));
    assert.deepStrictEqual(schemas.map((s) => s.name), ['orb', 'npc', 'player']);
    const player = schemas[2];
    assert.deepStrictEqual(player.fields.map((f) => [f.name, f.type, f.scale, f.linear]), [
      ['x', QFLOAT, 10, true], ['y', QFLOAT, 10, true], ['lastInputSeq', INT, 1, true],
      ['radius', QFLOAT, 10, false], ['score', INT, 1, false], ['name', STRING, 1, false]]);
    assert.deepStrictEqual(encodeSchema(schemas), GOLDEN.bytes('arena/schema.bin'));
  });

  it('round-trips every field type', () => {
    const schemas = [schemaOf('t', [{ name: 'a', type: INT, linear: true }, { name: 'b', type: BOOL },
      { name: 'c', type: STRING }, { name: 'd', type: QFLOAT, scale: 1000, linear: true }])];
    assert.deepStrictEqual(decodeSchema(encodeSchema(schemas)), schemas);
  });

  it('rejects what SchemaSerializer.java rejects', () => {
    const bad = [
      [schemaOf('t', [{ name: 's', type: STRING, linear: true }])], // linear string
      [schemaOf('t', [{ name: 'b', type: BOOL, linear: true }])], // linear bool
      [schemaOf('t', [{ name: 'x', type: 7 }])], // unknown type
      [schemaOf('t', [{ name: 'x', type: QFLOAT, scale: 0 }])], // scale < 1
      [schemaOf('t', [{ name: 'x', type: INT }, { name: 'x', type: INT }])], // duplicate field
      [schemaOf('t', Array.from({ length: 33 }, (_, i) => ({ name: `f${i}`, type: INT })))], // 33 fields
      [schemaOf('', [])], // empty name
      [schemaOf('t', [{ name: '', type: INT }])], // empty field name
      Array.from({ length: 65 }, (_, i) => schemaOf(`t${i}`, [])), // 65 tables
    ];
    for (const schemas of bad) {
      assert.equal(decodeSchema(encodeSchema(schemas)), null, JSON.stringify(schemas).slice(0, 80));
    }
    const flags = encodeSchema([schemaOf('t', [{ name: 'x', type: INT }])]);
    flags[flags.length - 1] = 2; // an unknown flag bit
    assert.equal(decodeSchema(flags), null);
  });

  it('rejects truncation and trailing bytes', () => {
    const bytes = GOLDEN.bytes('arena/schema.bin');
    for (let len = 0; len < bytes.length; len++) {
      assert.equal(decodeSchema(bytes.subarray(0, len)), null, `cut to ${len}`);
    }
    assert.equal(decodeSchema(Uint8Array.from([...bytes, 0])), null);
  });
});

describe('SCHEMA names', () => {
  it('rejects a name that is not UTF-8 (it is never replaced with U+FFFD)', () => {
    const bytes = encodeSchema([schemaOf('t', [{ name: 'x'.repeat(30), type: INT }])]);
    const at = bytes.indexOf(0x78); // the first 'x'
    bytes.fill(0xff, at, at + 30);
    assert.equal(decodeSchema(bytes), null);
  });
});
