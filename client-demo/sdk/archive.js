// The blocks of a recording (docs/PROTOCOL.md, "Recordings"), mirroring dev.tickcast.record's
// Blocks and ArchiveReader; recording.js puts them together. An archive (.tcrec) is a sequence of blocks
//
//   block = kind (u8) | length (u32 LE, bytes of body) | body | crc32c (u32 LE, of kind+length+body)
//
// HEAD (1), FRAGMENT (2)*, then, in a finished file, INDEX (3) and TRAILER (4). Integers are
// varuints (Wire.readVarUInt) unless fixed; strings a varuint UTF-8 length and the bytes. The first
// block that is short, too long or fails its CRC ends the readable part: everything before it is
// read, and `damage` says where. A file without an index (its recorder crashed) is read the same
// way, by scanning its fragment blocks. The bytes are untrusted: nothing here throws on them.

import { decodeMessage } from './messages.js';
import { CHAT, GAME_MESSAGE, MAX_STRING_BYTES } from './protocol.js';
import { decodeUtf8 } from './reader.js';
import { decodeSchema } from './schema.js';

/** Block kinds. */
export const HEAD = 1;
export const FRAGMENT = 2;
export const INDEX = 3;
export const TRAILER = 4;
/** The largest block body a reader accepts. */
export const MAX_BLOCK_BYTES = 64 * 1024 * 1024;
/** The format version this reader knows. */
export const FORMAT_VERSION = 1;
/** The longest marker text, in UTF-8 bytes. */
export const MAX_MARK_BYTES = 200;
/** Fragment entry types. */
export const ENTRY_SNAPSHOT = 1;
export const ENTRY_CHAT = 2;
export const ENTRY_GAME_MESSAGE = 3;
export const ENTRY_JOIN = 4;
export const ENTRY_LEAVE = 5;
export const ENTRY_MARK = 6;
const ENTRY_NAMES = [null, 'snapshot', 'chat', 'gameMessage', 'join', 'leave', 'mark'];
/** Bytes before a body (kind, length), and around it (and the CRC). */
export const HEADER_BYTES = 5;
export const OVERHEAD = 9;
/** The whole trailer block: the last bytes of a finished archive. */
export const TRAILER_BYTES = OVERHEAD + 8 + 5;
const MAGIC = 'TCREC';
const END_MAGIC = 'TCEND';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = (c & 1) !== 0 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli, java.util.zip.CRC32C) of bytes[from, to), as an unsigned int. */
export function crc32c(bytes, from = 0, to = bytes.length) {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) {
    c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function u32(bytes, at) {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/**
 * The byte-level fields of a block body, as record/Cursor.java: a field past the end, a varuint
 * over 2^31 - 1 or a string not UTF-8 sets `failed` and reads as -1 or null.
 */
class Cursor {
  constructor(bytes, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
    this.failed = false;
  }

  atEnd() {
    return this.pos === this.end;
  }

  u8() {
    if (this.pos >= this.end) {
      this.failed = true;
      return -1;
    }
    return this.bytes[this.pos++];
  }

  varuint() {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.u8();
      if (b < 0) {
        return -1;
      }
      v += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (v > 0x7fffffff) {
          break;
        }
        return v;
      }
    }
    this.failed = true;
    return -1;
  }

  /** A u64 LE as a Number; -1 if short or past 2^53 (no archive gets there). */
  u64() {
    if (this.end - this.pos < 8) {
      this.failed = true;
      this.pos = this.end;
      return -1;
    }
    const lo = u32(this.bytes, this.pos);
    const hi = u32(this.bytes, this.pos + 4);
    this.pos += 8;
    if (hi > 0x1fffff) {
      this.failed = true;
      return -1;
    }
    return hi * 2 ** 32 + lo;
  }

  /** A varuint byte length of at most max that fits what is left; -1 if not. */
  length(max) {
    const n = this.varuint();
    if (n < 0 || n > max || n > this.end - this.pos) {
      this.failed = true;
      return -1;
    }
    return n;
  }

  /** A length-prefixed byte string of at least 1 byte, as a view (not a copy); null if not. */
  message() {
    const n = this.length(MAX_BLOCK_BYTES);
    if (n < 1) {
      this.failed = true;
      return null;
    }
    this.pos += n;
    return this.bytes.subarray(this.pos - n, this.pos);
  }

  string(maxBytes) {
    const n = this.length(maxBytes);
    const s = n < 0 ? null : decodeUtf8(this.bytes.subarray(this.pos, this.pos + n));
    if (s === null) {
      this.failed = true;
      return null;
    }
    this.pos += n;
    return s;
  }

  magic(text) {
    if (this.end - this.pos < text.length) {
      this.failed = true;
      return false;
    }
    const ok = [...text].every((ch, i) => this.bytes[this.pos + i] === ch.charCodeAt(0));
    this.pos += text.length;
    return ok;
  }
}

/**
 * Checks the block at bytes[at, end): null if a whole block with a good length and CRC starts
 * there, else why not (the text after "damaged at byte N: "), worded as Blocks.check.
 */
export function checkBlock(bytes, at, end = bytes.length) {
  if (end - at < HEADER_BYTES) {
    return `block header cut short (${end - at} of 5 bytes)`;
  }
  const length = u32(bytes, at + 1);
  if (length > MAX_BLOCK_BYTES) {
    return `block length ${length} is over 64 MiB`;
  }
  if (end - at - OVERHEAD < length) {
    return `block cut short (${end - at} of ${length + OVERHEAD} bytes)`;
  }
  if (crc32c(bytes, at, at + HEADER_BYTES + length) !== u32(bytes, at + HEADER_BYTES + length)) {
    return `CRC32C mismatch in a block of kind ${bytes[at]}`;
  }
  return null;
}

/** The body length of the (checked) block at at. */
export function bodyLength(bytes, at) {
  return u32(bytes, at + 1);
}

/** Parses a HEAD body (RecordingHead.parse); null if malformed or of another format version. */
export function parseHead(body) {
  const c = new Cursor(body);
  if (!c.magic(MAGIC)) {
    return null;
  }
  const formatVersion = c.varuint();
  const protocolVersion = c.varuint();
  const game = c.string(MAX_STRING_BYTES);
  const roomId = c.string(MAX_STRING_BYTES);
  const startedAtMs = c.u64();
  const tickHz = c.varuint();
  const snapshotEveryTicks = c.varuint();
  const fragmentTicks = c.varuint();
  const n = c.length(MAX_BLOCK_BYTES);
  if (c.failed || formatVersion !== FORMAT_VERSION || tickHz <= 0 || snapshotEveryTicks <= 0 || fragmentTicks <= 0
      || c.end - c.pos !== n) {
    return null;
  }
  const schemaBytes = body.subarray(c.pos, c.end);
  return {
    formatVersion, protocolVersion, game, roomId, startedAtMs, tickHz, snapshotEveryTicks, fragmentTicks,
    schema: decodeSchema(schemaBytes), schemaBytes,
  };
}

/** One entry of type at tick, or null if malformed. CHAT and GAME_MESSAGE are decoded when they can be. */
function readEntry(c, tick, type) {
  const name = ENTRY_NAMES[type];
  if (type === ENTRY_SNAPSHOT || type === ENTRY_CHAT || type === ENTRY_GAME_MESSAGE) {
    const bytes = c.message();
    if (bytes === null) {
      return null;
    }
    const m = type === ENTRY_SNAPSHOT ? null : decodeMessage(bytes);
    if (m === null || m.value === null || m.id !== (type === ENTRY_CHAT ? CHAT : GAME_MESSAGE)) {
      return { tick, type: name, bytes };
    }
    return type === ENTRY_CHAT
      ? { tick, type: name, bytes, playerId: m.value.playerId, name: m.value.name, text: m.value.text }
      : { tick, type: name, bytes, messageType: m.value.type, payload: m.value.payload };
  }
  if (type === ENTRY_JOIN) {
    const playerId = c.varuint();
    const player = c.string(MAX_STRING_BYTES);
    return c.failed ? null : { tick, type: name, playerId, name: player };
  }
  if (type === ENTRY_LEAVE) {
    const playerId = c.varuint();
    return c.failed ? null : { tick, type: name, playerId };
  }
  if (type === ENTRY_MARK) {
    const text = c.string(MAX_MARK_BYTES);
    return c.failed ? null : { tick, type: name, text };
  }
  return null;
}

/**
 * Parses a FRAGMENT body (FragmentBody.parse and walk): {number, startTick, hasFull, full, entries,
 * endTick}, or null if its start (number, startTick, flags, full) is malformed; entries is null if
 * they are. endTick is the last entry's tick (startTick if none).
 */
export function parseFragment(body) {
  const c = new Cursor(body);
  const number = c.varuint();
  const startTick = c.varuint();
  const flags = c.varuint();
  if (c.failed || (flags & ~1) !== 0) {
    return null;
  }
  const hasFull = flags === 1;
  const full = hasFull ? c.message() : null;
  const count = c.varuint();
  if (c.failed) {
    return null;
  }
  const out = { number, startTick, hasFull, full, entries: [], endTick: startTick };
  let tick = startTick;
  for (let i = 0; i < count && !c.failed; i++) {
    const delta = c.varuint();
    const type = c.u8();
    tick += Math.max(delta, 0);
    const entry = c.failed || tick > 0x7fffffff ? null : readEntry(c, tick, type);
    if (entry === null) {
      c.failed = true;
      break;
    }
    out.entries.push(entry);
  }
  if (c.failed || !c.atEnd()) {
    out.entries = null;
  }
  out.endTick = tick;
  return out;
}

/** Parses an INDEX body (ArchiveIndex.parse); null if malformed. */
export function parseIndex(body) {
  const c = new Cursor(body);
  const n = c.varuint();
  const fragments = [];
  for (let i = 0; i < n && !c.failed; i++) {
    const offset = c.u64();
    const startTick = c.varuint();
    const full = c.u8();
    if (full > 1) {
      return null;
    }
    fragments.push({ offset, startTick, hasFull: full === 1 });
  }
  const m = c.varuint();
  const markers = [];
  for (let i = 0; i < m && !c.failed; i++) {
    const tick = c.varuint();
    const text = c.string(MAX_MARK_BYTES);
    markers.push({ tick, text });
  }
  const endTick = c.varuint();
  const players = c.varuint();
  const durationMs = c.u64();
  return c.failed || !c.atEnd() ? null : { fragments, markers, endTick, players, durationMs };
}

/** The index offset a TRAILER body (at the block at `at`) names; null if malformed. */
export function parseTrailer(body) {
  if (body.length !== TRAILER_BYTES - OVERHEAD) {
    return null;
  }
  const c = new Cursor(body);
  const indexOffset = c.u64();
  return c.magic(END_MAGIC) && !c.failed ? indexOffset : null;
}
