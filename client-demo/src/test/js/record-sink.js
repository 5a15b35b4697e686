// Test helpers over the record decoder: a sink that collects records in the golden manifest's
// form, a decode of a body fed in chunks, and a seeded generator for random splits.

import assert from 'node:assert/strict';
import { RecordDecoder } from '../../../sdk/records.js';

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
