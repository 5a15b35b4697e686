// The golden record bodies of the HTTP binding (game-logic's records/*.bin, docs/PROTOCOL.md 2.1
// and 13): every downstream body decodes to its committed records, whole, byte by byte and in
// random splits (fixed seed); every upstream body is what the SDK's encoder writes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeBody, KIND_NAMES, RecordDecoder } from '../../../sdk/records.js';
import { GOLDEN } from './golden.js';

/** A sink collecting records in the manifest's form, MESSAGE payloads as byte arrays. */
export function collector() {
  const records = [];
  return {
    records,
    seq: (seq) => records.push({ kind: 'SEQ', seq }),
    message: (seq, bytes) => records.push({ kind: 'MESSAGE', seq, bytes: Array.from(bytes) }),
    keepalive: () => records.push({ kind: 'KEEPALIVE' }),
    close: (code, reason) => records.push({ kind: 'CLOSE', code, reason }),
  };
}

/** Decodes body fed in chunks of the given sizes (the last chunk takes the rest). */
export function decodeInChunks(body, sizes, decoder = new RecordDecoder()) {
  const sink = collector();
  decoder.begin();
  let off = 0;
  for (const size of sizes) {
    assert.equal(decoder.push(body.subarray(off, Math.min(body.length, off + size)), sink), null);
    off = Math.min(body.length, off + size);
  }
  assert.equal(decoder.push(body.subarray(off), sink), null);
  return { records: sink.records, partial: decoder.partial };
}

/** A deterministic generator (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
