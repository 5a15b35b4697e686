// The bit-packed body of a SNAPSHOT, mirroring delta/BitReader.java and delta/BitWriter.java:
// bits least significant first (bit 0 of the first byte is the first bit written), three codes
// (docs/PROTOCOL.md, "Bit codes"):
//
//   U(v), v >= 0   Exp-Golomb order 0: n = floor(log2(v + 1)); n one-bits, a zero-bit,
//                  then v + 1 - 2^n in n bits.            0 -> 1 bit, 1..2 -> 3 bits, 3..6 -> 5 bits
//   S(v), any int  z = zigzag(v), then a prefix picks the width:
//                  0 + 3 bits (z < 8), 10 + 6 (z < 64), 110 + 10 (z < 1024),
//                  1110 + 16 (z < 65536), 1111 + 32.      4 / 8 / 13 / 20 / 36 bits
//   STR(s)         U(UTF-8 byte length), then each byte in 8 bits; bytes that are not valid
//                  UTF-8 are malformed (reader.js decodeUtf8).
//
// JavaScript bitwise operators work on 32 bits, and a read of 32 bits plus up to 7 pending bits
// needs 39, so the accumulator is kept with arithmetic (exact below 2^53), never with << or >>.

import { decodeUtf8 } from './reader.js';

const MAX_U_PREFIX = 31;
const INT_MAX = 0x7fffffff;
const UTF8_ENCODER = new TextEncoder();
const POW2 = [];
for (let i = 0; i <= 53; i++) {
  POW2.push(2 ** i);
}

/**
 * Reads what BitWriter wrote, from bytes that may be hostile or truncated. It never throws on bad
 * data: reading past the end, an over-long code, a string over the limit or one that is not valid
 * UTF-8 sets `failed` and returns 0 or '', and the caller checks the flag at safe points.
 */
export class BitReader {
  /** Starts reading data[offset, offset + length). */
  begin(data, offset = 0, length = data.length - offset) {
    this.buf = data;
    this.pos = offset;
    this.limit = offset + length;
    this.acc = 0;
    this.bits = 0;
    this.failed = false;
  }

  /** Marks the stream as malformed (used by callers that find a semantic error). */
  fail() {
    this.failed = true;
  }

  /** True if only zero padding bits of the last byte are left. */
  atEnd() {
    return this.pos === this.limit && this.acc === 0;
  }

  /**
   * Skips to the next byte boundary: the bits skipped must be zero, else `failed`. Returns !failed.
   */
  align() {
    if (this.acc !== 0) {
      this.failed = true;
    }
    this.acc = 0;
    this.bits = 0;
    return !this.failed;
  }

  /** Reads n <= 32 bits, the first-written bit as the least significant; an unsigned number. */
  read(n) {
    while (this.bits < n) {
      if (this.pos === this.limit) {
        this.failed = true;
        return 0;
      }
      this.acc += this.buf[this.pos++] * POW2[this.bits];
      this.bits += 8;
    }
    const m = POW2[n];
    const v = this.acc % m;
    this.acc = (this.acc - v) / m;
    this.bits -= n;
    return this.failed ? 0 : v;
  }

  /** Reads one bit. */
  readBit() {
    return this.read(1) !== 0;
  }

  /** Reads a U-coded value; fails (returning 0) if it does not fit a non-negative int. */
  readU() {
    let n = 0;
    while (this.read(1) === 1) {
      if (++n > MAX_U_PREFIX) {
        this.failed = true;
        return 0;
      }
    }
    const v = POW2[n] + this.read(n) - 1;
    if (v > INT_MAX) {
      this.failed = true;
      return 0;
    }
    return this.failed ? 0 : v;
  }

  /** Reads an S-coded signed 32-bit int. */
  readS() {
    let width;
    if (this.read(1) === 0) {
      width = 3;
    } else if (this.read(1) === 0) {
      width = 6;
    } else if (this.read(1) === 0) {
      width = 10;
    } else if (this.read(1) === 0) {
      width = 16;
    } else {
      width = 32;
    }
    const z = this.read(width);
    return (z >>> 1) ^ -(z & 1);
  }

  /** Reads a STR-coded string of at most maxBytes bytes of valid UTF-8; '' and `failed` if not. */
  readString(maxBytes) {
    const len = this.readU();
    if (len > maxBytes || this.failed) {
      this.failed = true;
      return '';
    }
    const bytes = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      bytes[i] = this.read(8);
    }
    const s = this.failed ? null : decodeUtf8(bytes);
    if (s === null) {
      this.failed = true;
      return '';
    }
    return s;
  }
}

/** Writes the bit codes (the mirror of BitReader; used by tests and tools). */
export class BitWriter {
  constructor() {
    this.bytes = [];
    this.acc = 0;
    this.bits = 0;
  }

  /** Writes the low n <= 32 bits of value (value may be negative: its two's complement bits). */
  write(value, n) {
    if (n === 0) {
      return;
    }
    const m = POW2[n];
    let v = n === 32 ? value >>> 0 : ((value % m) + m) % m;
    this.acc += v * POW2[this.bits];
    this.bits += n;
    while (this.bits >= 8) {
      v = this.acc % 256;
      this.bytes.push(v);
      this.acc = (this.acc - v) / 256;
      this.bits -= 8;
    }
  }

  /** Writes one bit. */
  writeBit(bit) {
    this.write(bit ? 1 : 0, 1);
  }

  /** Writes 0 <= v <= 2^31 - 1 in the U code. */
  writeU(v) {
    const x = v + 1;
    const n = 31 - Math.clz32(x);
    this.write(POW2[n] - 1, n + 1);
    this.write(x - POW2[n], n);
  }

  /** Writes any 32-bit int in the S code. */
  writeS(v) {
    const z = ((v << 1) ^ (v >> 31)) >>> 0;
    if (z < 8) {
      this.write(0, 1);
      this.write(z, 3);
    } else if (z < 64) {
      this.write(0b01, 2);
      this.write(z, 6);
    } else if (z < 1024) {
      this.write(0b011, 3);
      this.write(z, 10);
    } else if (z < 65536) {
      this.write(0b0111, 4);
      this.write(z, 16);
    } else {
      this.write(0b1111, 4);
      this.write(z, 32);
    }
  }

  /** Writes a string in the STR code. */
  writeString(s) {
    const utf8 = UTF8_ENCODER.encode(s);
    this.writeU(utf8.length);
    for (const b of utf8) {
      this.write(b, 8);
    }
  }

  /** Pads the current byte with zero bits: the next bit starts a byte. */
  pad() {
    if (this.bits > 0) {
      this.bytes.push(this.acc);
    }
    this.acc = 0;
    this.bits = 0;
  }

  /** Pads the last byte with zero bits and returns every byte written. */
  end() {
    this.pad();
    return Uint8Array.from(this.bytes);
  }
}
