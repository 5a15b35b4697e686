// Strict UTF-8 (docs/PROTOCOL.md 6.3): a string that is not valid UTF-8 makes its message
// malformed wherever it appears (control messages, schema names, STRING values in snapshots), and
// is never replaced with U+FFFD. The same sequences as game-logic's MalformedInputTest.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BitReader, BitWriter } from '../../../sdk/bits.js';
import * as M from '../../../sdk/messages.js';
import * as P from '../../../sdk/protocol.js';
import { decodeUtf8, Reader } from '../../../sdk/reader.js';
import { decodeSchema, encodeSchema, STRING } from '../../../sdk/schema.js';
import { MALFORMED, OK } from '../../../sdk/snapshot.js';
import { SnapshotMirror } from '../../../sdk/mirror.js';

/** Byte sequences that are not UTF-8, each inside an otherwise valid string. */
const NOT_UTF8 = {
  'overlong U+0000': [0xc0, 0x80],
  'overlong U+007F': [0xc1, 0xbf],
  'overlong "/"': [0xe0, 0x80, 0xaf],
  'overlong U+07FF': [0xe0, 0x9f, 0xbf],
  'overlong U+FFFF': [0xf0, 0x8f, 0xbf, 0xbf],
  'lone high surrogate U+D800': [0xed, 0xa0, 0x80],
  'lone low surrogate U+DFFF': [0xed, 0xbf, 0xbf],
  'a surrogate pair as CESU-8': [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80],
  'truncated 2-byte sequence': [0xc3],
  'truncated 3-byte sequence': [0xe2, 0x82],
  'truncated 4-byte sequence': [0xf0, 0x9f, 0x8e],
  'a continuation byte alone': [0x80],
  '0xFF': [0xff],
  '0xFE 0xFF': [0xfe, 0xff],
  'above U+10FFFF': [0xf4, 0x90, 0x80, 0x80],
  'lead byte 0xF5': [0xf5, 0x80, 0x80, 0x80],
};
/** Valid multi-byte UTF-8 at the edges of each length, U+FFFD itself, and a leading BOM (kept). */
const VALID = ['Zoë', '\uFEFFbom', '\u007F', '\u0080', '\u07FF', '\u0800', '\uD7FF', '\uE000', '\uFFFD', '\uFFFF',
  '\u{10000}', '\u{10FFFF}', 'gg 🎮'];

const utf8 = (s) => Array.from(new TextEncoder().encode(s));
/** "a", the bad bytes, "z". */
const bad = (bytes) => [0x61, ...bytes, 0x7a];
const str = (bytes) => [bytes.length, ...bytes];
const frame = (id, ...parts) => Uint8Array.from([P.typeByte(id), ...parts.flat()]);

const CONTROL = {
  'JOIN token': (s) => frame(P.JOIN, [1], str(s)),
  'CHAT_SEND text': (s) => frame(P.CHAT_SEND, str(s)),
  'CHAT name': (s) => frame(P.CHAT, [1], str(s), str(utf8('gg'))),
  'CHAT text': (s) => frame(P.CHAT, [1], str(utf8('ann')), str(s)),
  'WELCOME roomId': (s) => frame(P.WELCOME, [1], str(s), str(utf8('arena')), [0, 0, 60, 3]),
  'WELCOME game': (s) => frame(P.WELCOME, [1], str(utf8('r')), str(s), [0, 0, 60, 3]),
  'SCHEMA table name': (s) => frame(P.SCHEMA, [1], str(s), [0]),
  'SCHEMA field name': (s) => frame(P.SCHEMA, [1], str(utf8('t')), [1], str(s), [STRING, 0]),
};

const SCHEMAS = decodeSchema(encodeSchema([{ name: 't', fields: [{ name: 's', type: STRING, scale: 1, linear: false }] }]));

/** A full SNAPSHOT at tick 3 of one table with one STRING field: entity 0 with the value bytes. */
function snapshotWithString(bytes) {
  const w = new BitWriter();
  w.writeU(0); // removed
  w.writeU(0); // changed
  w.writeU(1); // added
  w.writeU(0); // id 0
  w.write(1, 1); // mask: the string is not ""
  w.writeU(bytes.length);
  for (const b of bytes) {
    w.write(b, 8);
  }
  return Uint8Array.from([P.typeByte(P.SNAPSHOT), 3, 0, 0, ...w.end()]);
}

describe('strict UTF-8', () => {
  for (const [what, bytes] of Object.entries(NOT_UTF8)) {
    it(`refuses ${what} in every string`, () => {
      const s = bad(bytes);
      assert.equal(decodeUtf8(Uint8Array.from(s)), null);
      assert.equal(new Reader(Uint8Array.from(str(s))).readString(64), null);
      for (const [field, make] of Object.entries(CONTROL)) {
        const m = M.decodeMessage(make(s));
        assert.equal(m.value, null, field);
      }
      const bits = new BitReader();
      const w = new BitWriter();
      w.writeU(s.length);
      s.forEach((b) => w.write(b, 8));
      bits.begin(w.end());
      assert.equal(bits.readString(64), '');
      assert.ok(bits.failed);
      assert.equal(new SnapshotMirror(SCHEMAS).apply(snapshotWithString(s)).code, MALFORMED);
    });
  }

  it('decodes valid multi-byte strings, U+FFFD and a leading BOM as they are', () => {
    for (const text of VALID) {
      const s = utf8(text);
      assert.equal(decodeUtf8(Uint8Array.from(s)), text);
      assert.deepStrictEqual(M.decodeMessage(CONTROL['JOIN token'](s)).value, { version: 1, token: text });
      assert.deepStrictEqual(M.decodeMessage(CONTROL['CHAT text'](s)).value, { playerId: 1, name: 'ann', text });
      assert.equal(M.decodeMessage(CONTROL['SCHEMA table name'](s)).value.schemas[0].name, text);
      const r = new SnapshotMirror(SCHEMAS).apply(snapshotWithString(s));
      assert.equal(r.code, OK);
      assert.equal(r.state.tables[0].rows[0][0], text);
    }
  });
});
