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
import { decodeUtf8, Reader } from './reader.js';
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
/** The bytes around a body: kind, length, crc. */
const FRAMING = 9;
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

/** A u64 LE as a Number, or -1 past 2^53 or the end. */
function readU64(r) {
  if (r.remaining() < 8) {
    r.failed = true;
    return -1;
  }
  const lo = u32(r.buffer, r.position);
  const hi = u32(r.buffer, r.position + 4);
  r.position += 8;
  return hi > 0x1fffff ? -1 : hi * 2 ** 32 + lo;
}

/** varuint length, then that many bytes (a view, not a copy); null if short. */
function readLengthPrefixed(r) {
  const len = r.readVarUInt();
  if (len < 0 || len > r.remaining()) {
    return null;
  }
  const out = r.buffer.subarray(r.position, r.position + len);
  r.position += len;
  return out;
}

function readMagic(r, magic) {
  const bytes = r.readBytes(magic.length);
  return bytes !== null && decodeUtf8(bytes) === magic;
}

/**
 * The blocks of bytes from offset on: {kind, offset, body} each, until the end or the first damaged
 * block ({damageAt, reason}).
 */
export function readBlocks(bytes, offset = 0) {
  const blocks = [];
  let at = offset;
  while (at < bytes.length) {
    if (bytes.length - at < FRAMING) {
      return { blocks, damageAt: at, reason: `truncated block header (${bytes.length - at} bytes left)` };
    }
    const kind = bytes[at];
    const length = u32(bytes, at + 1);
    if (length > MAX_BLOCK_BYTES) {
      return { blocks, damageAt: at, reason: `block length ${length} over ${MAX_BLOCK_BYTES}` };
    }
    if (bytes.length - at - FRAMING < length) {
      return { blocks, damageAt: at, reason: `truncated block (kind ${kind}, length ${length})` };
    }
    const end = at + 5 + length;
    if (crc32c(bytes, at, end) !== u32(bytes, end)) {
      return { blocks, damageAt: at, reason: `bad CRC32C (kind ${kind})` };
    }
    blocks.push({ kind, offset: at, body: bytes.subarray(at + 5, end) });
    at = end + 4;
  }
  return { blocks, damageAt: -1, reason: null };
}

/** Parses a HEAD body; null if malformed. */
export function parseHead(body) {
  const r = new Reader(body);
  if (!readMagic(r, MAGIC)) {
    return null;
  }
  const formatVersion = r.readVarUInt();
  const protocolVersion = r.readVarUInt();
  const game = r.readString(MAX_STRING_BYTES);
  const roomId = r.readString(MAX_STRING_BYTES);
  const startedAtMs = readU64(r);
  const tickHz = r.readVarUInt();
  const snapshotEveryTicks = r.readVarUInt();
  const fragmentTicks = r.readVarUInt();
  const schemaBytes = readLengthPrefixed(r);
  const schema = schemaBytes === null ? null : decodeSchema(schemaBytes);
  if (formatVersion !== FORMAT_VERSION || protocolVersion < 0 || game === null || roomId === null
      || startedAtMs < 0 || tickHz < 1 || snapshotEveryTicks < 1 || fragmentTicks < 1 || schema === null
      || !r.fullyRead()) {
    return null;
  }
  return {
    formatVersion, protocolVersion, game, roomId, startedAtMs, tickHz, snapshotEveryTicks, fragmentTicks,
    schema, schemaBytes,
  };
}

function readEntry(r, tick, type) {
  const entry = { tick, type: ENTRY_NAMES[type] ?? null };
  if (type === ENTRY_SNAPSHOT) {
    entry.bytes = readLengthPrefixed(r);
    return entry.bytes === null ? null : entry;
  }
  if (type === ENTRY_CHAT || type === ENTRY_GAME_MESSAGE) {
    const bytes = readLengthPrefixed(r);
    const m = bytes === null ? null : decodeMessage(bytes);
    if (m === null || m.value === null || m.id !== (type === ENTRY_CHAT ? CHAT : GAME_MESSAGE)) {
      return null;
    }
    return type === ENTRY_CHAT
      ? { ...entry, bytes, playerId: m.value.playerId, name: m.value.name, text: m.value.text }
      : { ...entry, bytes, messageType: m.value.type, payload: m.value.payload };
  }
  if (type === ENTRY_JOIN || type === ENTRY_LEAVE) {
    entry.playerId = r.readVarUInt();
    if (type === ENTRY_JOIN) {
      entry.name = r.readString(MAX_STRING_BYTES);
    }
    return entry.playerId < 0 || entry.name === null ? null : entry;
  }
  if (type === ENTRY_MARK) {
    entry.text = r.readString(MAX_MARK_BYTES);
    return entry.text === null ? null : entry;
  }
  return null;
}

/** Parses a FRAGMENT body; {number, startTick, hasFull, full, entries} or null if malformed. */
export function parseFragment(body) {
  const r = new Reader(body);
  const number = r.readVarUInt();
  const startTick = r.readVarUInt();
  const flags = r.readVarUInt();
  if (number < 0 || startTick < 0 || flags < 0 || (flags & ~1) !== 0) {
    return null;
  }
  const hasFull = (flags & 1) !== 0;
  const full = hasFull ? readLengthPrefixed(r) : null;
  const count = r.readVarUInt();
  if ((hasFull && full === null) || count < 0 || count > r.remaining()) {
    return null;
  }
  const entries = [];
  let tick = startTick;
  for (let i = 0; i < count; i++) {
    const delta = r.readVarUInt();
    const type = r.readUnsignedByte();
    tick += delta;
    const entry = delta < 0 || r.failed ? null : readEntry(r, tick, type);
    if (entry === null || tick > 0x7fffffff) {
      return null;
    }
    entries.push(entry);
  }
  return r.fullyRead() && !r.failed ? { number, startTick, hasFull, full, entries } : null;
}

/** Parses an INDEX body; null if malformed. */
export function parseIndex(body) {
  const r = new Reader(body);
  const fragmentCount = r.readVarUInt();
  if (fragmentCount < 0 || fragmentCount > r.remaining()) {
    return null;
  }
  const fragments = [];
  for (let i = 0; i < fragmentCount; i++) {
    const offset = readU64(r);
    const startTick = r.readVarUInt();
    const hasFull = r.readUnsignedByte();
    if (offset < 0 || startTick < 0 || hasFull > 1 || r.failed) {
      return null;
    }
    fragments.push({ offset, startTick, hasFull: hasFull === 1 });
  }
  const markerCount = r.readVarUInt();
  if (markerCount < 0 || markerCount > r.remaining()) {
    return null;
  }
  const markers = [];
  for (let i = 0; i < markerCount; i++) {
    const tick = r.readVarUInt();
    const text = r.readString(MAX_MARK_BYTES);
    if (tick < 0 || text === null) {
      return null;
    }
    markers.push({ tick, text });
  }
  const endTick = r.readVarUInt();
  const players = r.readVarUInt();
  const durationMs = r.readVarUInt();
  if (endTick < 0 || players < 0 || durationMs < 0 || !r.fullyRead()) {
    return null;
  }
  return { fragments, markers, endTick, players, durationMs };
}

/** Parses a TRAILER body: the index's offset, or -1 if malformed. */
export function parseTrailer(body) {
  const r = new Reader(body);
  const indexOffset = readU64(r);
  return indexOffset >= 0 && readMagic(r, END_MAGIC) && r.fullyRead() ? indexOffset : -1;
}
