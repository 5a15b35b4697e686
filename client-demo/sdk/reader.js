// Byte-level reads of control messages, mirroring wire/Wire.java over Kryo's Input: unsigned
// varints (Kryo readVarInt(v, true), LEB128 of at most 5 bytes, 32 bits), zig-zag varints
// (Kryo readVarInt(v, false)), and strings as a varint UTF-8 byte length followed by the bytes.
// The bytes come from the network: no read throws. Sentinels as in Wire.java: -1 for a bad
// unsigned varint, null for a bad string; byte reads past the end set `failed` and return 0.
// Strings are strict UTF-8 (docs/PROTOCOL.md 6.3): bytes that are not UTF-8 make the string, and
// so the message, malformed; they are never replaced with U+FFFD.

/**
 * The strict UTF-8 decoder of every string on the wire (reader.js and bits.js), as Java's
 * Utf8Decoder: fatal (invalid bytes throw, and decodeUtf8 turns that into null), and ignoreBOM so
 * that a leading U+FEFF stays part of the string as it does in Java instead of being stripped.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The string that bytes encode, or null if they are not valid UTF-8. */
export function decodeUtf8(bytes) {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** A cursor over bytes[offset, offset + length). */
export class Reader {
  /** @param {Uint8Array|ArrayBuffer} data */
  constructor(data, offset = 0, length = undefined) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.buffer = bytes;
    this.position = offset;
    this.limit = length === undefined ? bytes.length : offset + length;
    this.failed = false;
  }

  /** The bytes left to read. */
  remaining() {
    return this.limit - this.position;
  }

  /** True if every byte was consumed (Wire.fullyRead). */
  fullyRead() {
    return this.position === this.limit;
  }

  /** Kryo Input.canReadVarInt: 5 bytes left, or a terminating byte among the ones left. */
  canReadVarInt() {
    if (this.limit - this.position >= 5) {
      return true;
    }
    for (let p = this.position; p < this.limit; p++) {
      if ((this.buffer[p] & 0x80) === 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Kryo Input.readVarInt: up to 5 bytes, 7 bits each, least significant group first; the 5th
   * byte's continuation bit is ignored and bits past 32 are dropped. Returns a signed 32-bit int
   * (the raw value when optimizePositive, else the zig-zag decoded value). Call canReadVarInt first.
   */
  readVarInt(optimizePositive) {
    let result = 0;
    for (let i = 0; i < 5; i++) {
      if (this.position >= this.limit) {
        this.failed = true;
        return 0;
      }
      const b = this.buffer[this.position++];
      result = (result | ((b & 0x7f) << (7 * i))) | 0;
      if ((b & 0x80) === 0) {
        break;
      }
    }
    return optimizePositive ? result : ((result >>> 1) ^ -(result & 1));
  }

  /** Wire.readVarUInt: an unsigned varint that must fit a non-negative int; -1 if truncated or too large. */
  readVarUInt() {
    if (!this.canReadVarInt()) {
      return -1;
    }
    const v = this.readVarInt(true);
    return v < 0 ? -1 : v;
  }

  /** A zig-zag varint (Kryo readVarInt(false)); 0 and `failed` if truncated. */
  readZigZag() {
    if (!this.canReadVarInt()) {
      this.failed = true;
      return 0;
    }
    return this.readVarInt(false);
  }

  /** One unsigned byte, 0..255. */
  readUnsignedByte() {
    if (this.position >= this.limit) {
      this.failed = true;
      return 0;
    }
    return this.buffer[this.position++];
  }

  /** One signed byte, -128..127 (Kryo readByte). */
  readByte() {
    return (this.readUnsignedByte() << 24) >> 24;
  }

  /** `length` bytes as a new Uint8Array, or null if fewer are left. */
  readBytes(length) {
    if (length < 0 || length > this.remaining()) {
      this.failed = true;
      return null;
    }
    const out = this.buffer.slice(this.position, this.position + length);
    this.position += length;
    return out;
  }

  /** Wire.readString: at most maxBytes UTF-8 bytes; null if truncated, too long or not valid UTF-8. */
  readString(maxBytes) {
    const len = this.readVarUInt();
    if (len < 0 || len > maxBytes || len > this.limit - this.position) {
      return null;
    }
    const s = decodeUtf8(this.buffer.subarray(this.position, this.position + len));
    if (s === null) {
      return null;
    }
    this.position += len;
    return s;
  }
}
