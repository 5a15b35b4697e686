// The golden record bodies of the HTTP binding (game-logic's records/*.bin, docs/PROTOCOL.md 2.1
// and 13): every downstream body decodes to its committed records, whole, byte by byte and in
// random splits (fixed seed); every upstream body is what the SDK's encoder writes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeBody, KIND_NAMES, RecordDecoder } from '../../../sdk/records.js';
import { GOLDEN } from './golden.js';
import { decodeInChunks, random } from './record-sink.js';

/** The manifest's records with each MESSAGE's file replaced by its bytes. */
function expected(c) {
  return c.records.map((r) => (r.kind === 'MESSAGE' ? { kind: r.kind, seq: r.seq, bytes: Array.from(GOLDEN.bytes(r.file)) } : r));
}

describe('golden record bodies', () => {
  const cases = GOLDEN.exists() ? GOLDEN.manifest().records ?? [] : [];

  it('has the cases of every kind and direction', () => {
    const names = cases.map((c) => c.name);
    for (const name of ['down-join', 'down-keepalive', 'down-close', 'down-cut', 'up-join', 'up-inputs', 'up-leave']) {
      assert.ok(names.includes(name), `${name} in ${names}`);
    }
    const kinds = new Set(cases.flatMap((c) => c.records.map((r) => r.kind)));
    assert.deepStrictEqual([...kinds].sort(), Object.values(KIND_NAMES).sort());
  });

  for (const c of cases.filter((x) => x.direction === 'down')) {
    it(`${c.name} decodes to its records (whole, byte by byte, in random splits)`, () => {
      const body = GOLDEN.bytes(c.file);
      const want = { records: expected(c), partial: c.partial };
      assert.deepStrictEqual(decodeInChunks(body, []), want, 'whole');
      assert.deepStrictEqual(decodeInChunks(body, Array(body.length).fill(1)), want, 'byte by byte');
      const next = random(0x5eed + body.length);
      const decoder = new RecordDecoder(); // one decoder for every split, as the carrier reuses it
      for (let round = 0; round < 50; round++) {
        const sizes = [];
        for (let left = body.length; left > 0;) {
          const size = Math.min(left, Math.floor(next() * 300));
          sizes.push(size);
          left -= size;
        }
        assert.deepStrictEqual(decodeInChunks(body, sizes, decoder), want, `split ${sizes}`);
      }
    });
  }

  for (const c of cases.filter((x) => x.direction === 'up')) {
    it(`${c.name} is what encodeBody writes`, () => {
      const [seq, ...rest] = c.records;
      assert.equal(seq.kind, 'SEQ');
      const messages = rest.filter((r) => r.kind === 'MESSAGE');
      messages.forEach((m, i) => assert.equal(m.seq, seq.seq + i));
      const close = rest.find((r) => r.kind === 'CLOSE') ?? null;
      const body = encodeBody(seq.seq, messages.map((m) => GOLDEN.bytes(m.file)), messages.length,
        close === null ? null : { code: close.code, reason: close.reason });
      assert.deepStrictEqual(body, GOLDEN.bytes(c.file));
      assert.deepStrictEqual(decodeInChunks(body, []), { records: expected(c), partial: false }, 'and decodes back');
    });
  }
});
