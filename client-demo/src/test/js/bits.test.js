import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BitReader, BitWriter } from '../../../sdk/bits.js';

const INT_MAX = 0x7fffffff;
const INT_MIN = -0x80000000;

function bitsOf(write) {
  const w = new BitWriter();
  write(w);
  const before = w.bytes.length * 8 + w.bits;
  return { bytes: w.end(), bitCount: before };
}

function reader(bytes) {
  const r = new BitReader();
  r.begin(bytes);
  return r;
}

describe('BitWriter / BitReader', () => {
  it('writes least significant bit first', () => {
    const { bytes } = bitsOf((w) => {
      w.writeBit(true);
      w.writeBit(false);
      w.write(0b101, 3);
      w.write(0xabc, 12);
    });
    // bits: 1, 0, 1 0 1, then 0xabc LSB first
    assert.deepStrictEqual(Array.from(bytes), [0b10010101, 0x57, 0x01]);
    const r = reader(bytes);
    assert.equal(r.read(1), 1);
    assert.equal(r.read(1), 0);
    assert.equal(r.read(3), 0b101);
    assert.equal(r.read(12), 0xabc);
    assert.ok(r.atEnd());
  });

  it('pins U code sizes and bytes (BitWriter.java table)', () => {
    const sizes = [[0, 1], [1, 3], [2, 3], [3, 5], [6, 5], [7, 7], [INT_MAX, 63]];
    for (const [v, n] of sizes) {
      assert.equal(bitsOf((w) => w.writeU(v)).bitCount, n, `U(${v})`);
    }
    assert.deepStrictEqual(Array.from(bitsOf((w) => w.writeU(0)).bytes), [0x00]);
    assert.deepStrictEqual(Array.from(bitsOf((w) => w.writeU(1)).bytes), [0x01]);
    assert.deepStrictEqual(Array.from(bitsOf((w) => w.writeU(2)).bytes), [0x05]);
    assert.deepStrictEqual(Array.from(bitsOf((w) => w.writeU(3)).bytes), [0x03]);
  });

  it('pins S code sizes and bytes (4 / 8 / 13 / 20 / 36 bits)', () => {
    const sizes = [[0, 4], [-1, 4], [3, 4], [-4, 4], [4, 8], [31, 8], [-32, 8], [32, 13], [511, 13], [-512, 13],
      [512, 20], [32767, 20], [-32768, 20], [32768, 36], [INT_MAX, 36], [INT_MIN, 36]];
    for (const [v, n] of sizes) {
      assert.equal(bitsOf((w) => w.writeS(v)).bitCount, n, `S(${v})`);
    }
    assert.deepStrictEqual(Array.from(bitsOf((w) => w.writeS(-1)).bytes), [0x02]);
    assert.deepStrictEqual(Array.from(bitsOf((w) => w.writeS(INT_MIN)).bytes), [0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert.deepStrictEqual(Array.from(bitsOf((w) => w.writeS(INT_MAX)).bytes), [0xef, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('round-trips U, S, 32-bit fields and strings without losing the top bit', () => {
    const us = [0, 1, 2, 3, 6, 7, 8, 100, 1023, 1024, 65535, 65536, 1 << 30, INT_MAX];
    const ss = [0, 1, -1, 7, -8, 8, 63, -64, 64, 1023, -1024, 65535, -65536, 65536, INT_MAX, INT_MIN, INT_MIN + 1];
    const raw32 = [0, 1, 0x80000000, 0xffffffff, 0xdeadbeef];
    const strs = ['', 'a', 'héllo', '☃', '🎮 <img src=x onerror=alert(1)>'];
    const w = new BitWriter();
    w.writeBit(true); // misalign everything
    us.forEach((v) => w.writeU(v));
    ss.forEach((v) => w.writeS(v));
    raw32.forEach((v) => w.write(v, 32));
    strs.forEach((s) => w.writeString(s));
    const r = reader(w.end());
    assert.equal(r.readBit(), true);
    us.forEach((v) => assert.equal(r.readU(), v));
    ss.forEach((v) => assert.equal(r.readS(), v));
    raw32.forEach((v) => assert.equal(r.read(32), v));
    strs.forEach((s) => assert.equal(r.readString(1024), s));
    assert.equal(r.failed, false);
    assert.ok(r.atEnd());
  });

  it('fails, never throws, when reading past the end', () => {
    const r = reader(Uint8Array.of(0xff));
    assert.equal(r.read(8), 0xff);
    assert.equal(r.read(1), 0);
    assert.equal(r.failed, true);
    assert.equal(r.read(3), 0);
  });

  it('fails on a U prefix longer than 31 ones and on values above 2^31 - 1', () => {
    const r = reader(new Uint8Array(8).fill(0xff));
    assert.equal(r.readU(), 0);
    assert.equal(r.failed, true);
    // U with n = 31 and suffix 2^31 - 1: v = 2^32 - 2 > INT_MAX
    const w = new BitWriter();
    w.write(0x7fffffff, 31);
    w.write(0, 1);
    w.write(0x7fffffff, 31);
    const r2 = reader(w.end());
    assert.equal(r2.readU(), 0);
    assert.equal(r2.failed, true);
  });

  it('fails on a string longer than the limit', () => {
    const w = new BitWriter();
    w.writeString('abcdef');
    const r = reader(w.end());
    assert.equal(r.readString(5), '');
    assert.equal(r.failed, true);
  });

  it('is not at the end while non-zero padding bits are left', () => {
    const r = reader(Uint8Array.of(0x03));
    assert.equal(r.read(1), 1);
    assert.equal(r.atEnd(), false);
    assert.equal(r.read(1), 1);
    assert.equal(r.atEnd(), true);
  });
});
