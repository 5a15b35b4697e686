// Byte-level writes of control messages, mirroring wire/Wire.java over Kryo's Output: unsigned
// varints (Kryo writeVarInt(v, true), LEB128 of the value's 32 bits), zig-zag varints (Kryo
// writeVarInt(v, false)) and strings as a varint UTF-8 byte length followed by the bytes.

const UTF8 = new TextEncoder();

/** A growable byte buffer; toBytes() returns the bytes written so far. */
export class Writer {
  constructor(capacity = 64) {
    this.buffer = new Uint8Array(capacity);
    this.position = 0;
  }

  ensure(n) {
    if (this.position + n <= this.buffer.length) {
      return;
    }
    const grown = new Uint8Array(Math.max(this.position + n, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.position));
    this.buffer = grown;
  }

  /** One byte (the low 8 bits of b). */
  writeByte(b) {
    this.ensure(1);
    this.buffer[this.position++] = b & 0xff;
  }

  /** Raw bytes. */
  writeBytes(bytes) {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.position);
    this.position += bytes.length;
  }

  /** Kryo writeVarInt(value, optimizePositive): 1 to 5 bytes of the value's 32 bits. */
  writeVarInt(value, optimizePositive) {
    let v = optimizePositive ? value >>> 0 : ((value << 1) ^ (value >> 31)) >>> 0;
    while (v > 0x7f) {
      this.writeByte((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.writeByte(v);
  }

  /** Wire.writeVarUInt: a non-negative int as an unsigned varint. */
  writeVarUInt(value) {
    this.writeVarInt(value, true);
  }

  /** A zig-zag varint (Kryo writeVarInt(v, false)). */
  writeZigZag(value) {
    this.writeVarInt(value, false);
  }

  /** Wire.writeString: varint UTF-8 byte length, then the bytes. */
  writeString(s) {
    const utf8 = UTF8.encode(s);
    this.writeVarUInt(utf8.length);
    this.writeBytes(utf8);
  }

  /** A copy of the bytes written. */
  toBytes() {
    return this.buffer.slice(0, this.position);
  }
}

/** The UTF-8 byte length of a string. */
export function utf8Length(s) {
  return UTF8.encode(s).length;
}

/** The longest prefix of s (whole code points) that fits maxBytes of UTF-8. */
export function truncateUtf8(s, maxBytes) {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) {
      break;
    }
    out += ch;
    bytes += n;
  }
  return out;
}
