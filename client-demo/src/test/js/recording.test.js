// The recording reader (sdk/recording.js) on hand-made archives: blocks framed and CRC'd here as
// docs/PROTOCOL.md "Recordings" says, their snapshots the committed golden frames of the arena
// case (plus keyframes re-encoded from its golden states), so a seek must decode into exactly the
// golden states. Then truncations, a bad CRC, an oversized length and malformed bodies.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BitWriter } from '../../../sdk/bits.js';
import { encodeChat, encodeGameMessage } from '../../../sdk/messages.js';
import { parseFragment } from '../../../sdk/archive.js';
import { crc32c, readRecording, RecordingPlayer } from '../../../sdk/recording.js';
import { decodeSchema, BOOL, STRING } from '../../../sdk/schema.js';
import { DeltaDecoder, OK, State } from '../../../sdk/snapshot.js';
import { Writer } from '../../../sdk/writer.js';
import { SnapshotMirror } from '../../../sdk/mirror.js';
import { GOLDEN } from './golden.js';

const HEAD = 1;
const FRAGMENT = 2;
const INDEX = 3;
const TRAILER = 4;

function u32(w, v) {
  for (let i = 0; i < 4; i++) {
    w.writeByte((v >>> (8 * i)) & 0xff);
  }
}

function u64(w, v) {
  u32(w, v % 2 ** 32);
  u32(w, Math.floor(v / 2 ** 32));
}

function lengthPrefixed(w, bytes) {
  w.writeVarUInt(bytes.length);
  w.writeBytes(bytes);
}

/** kind | length | body | crc32c(kind, length, body). */
export function block(kind, body) {
  const w = new Writer();
  w.writeByte(kind);
  u32(w, body.length);
  w.writeBytes(body);
  u32(w, crc32c(w.toBytes()));
  return w.toBytes();
}

function headBody(schemaBytes, { game = 'arena', roomId = 'r-1', startedAtMs = 1_700_000_000_123 } = {}) {
  const w = new Writer();
  w.writeBytes(new TextEncoder().encode('TCREC'));
  w.writeVarUInt(1);
  w.writeVarUInt(2);
  w.writeString(game);
  w.writeString(roomId);
  u64(w, startedAtMs);
  w.writeVarUInt(30);
  w.writeVarUInt(3);
  w.writeVarUInt(39);
  lengthPrefixed(w, schemaBytes);
  return w.toBytes();
}

/** entries: [{tick, snapshot?: bytes, chat?: bytes, game?: bytes, join?: [id, name], leave?: id, mark?: text}]. */
function fragmentBody(number, startTick, full, entries) {
  const w = new Writer();
  w.writeVarUInt(number);
  w.writeVarUInt(startTick);
  w.writeVarUInt(full ? 1 : 0);
  if (full) {
    lengthPrefixed(w, full);
  }
  w.writeVarUInt(entries.length);
  let tick = startTick;
  for (const e of entries) {
    w.writeVarUInt(e.tick - tick);
    tick = e.tick;
    if (e.snapshot) {
      w.writeByte(1);
      lengthPrefixed(w, e.snapshot);
    } else if (e.chat) {
      w.writeByte(2);
      lengthPrefixed(w, e.chat);
    } else if (e.game) {
      w.writeByte(3);
      lengthPrefixed(w, e.game);
    } else if (e.join) {
      w.writeByte(4);
      w.writeVarUInt(e.join[0]);
      w.writeString(e.join[1]);
    } else if (e.leave !== undefined) {
      w.writeByte(5);
      w.writeVarUInt(e.leave);
    } else {
      w.writeByte(6);
      w.writeString(e.mark);
    }
  }
  return w.toBytes();
}

function indexBody(fragments, markers, endTick, players, durationMs) {
  const w = new Writer();
  w.writeVarUInt(fragments.length);
  for (const f of fragments) {
    u64(w, f.offset);
    w.writeVarUInt(f.startTick);
    w.writeByte(f.hasFull ? 1 : 0);
  }
  w.writeVarUInt(markers.length);
  for (const m of markers) {
    w.writeVarUInt(m.tick);
    w.writeString(m.text);
  }
  w.writeVarUInt(endTick);
  w.writeVarUInt(players);
  u64(w, durationMs);
  return w.toBytes();
}

function trailerBody(indexOffset) {
  const w = new Writer();
  u64(w, indexOffset);
  w.writeBytes(new TextEncoder().encode('TCEND'));
  return w.toBytes();
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A full SNAPSHOT (from the empty state) of a State, as the Java encoder codes one. */
function encodeFull(state) {
  const head = new Writer();
  head.writeVarUInt(34);
  head.writeVarUInt(state.tick);
  head.writeVarUInt(0);
  head.writeVarUInt(0);
  const bits = new BitWriter();
  for (const t of state.tables) {
    const fields = t.schema.fields;
    bits.writeU(0);
    bits.writeU(0);
    bits.writeU(t.count);
    let prev = -1;
    t.ids.forEach((id, row) => {
      bits.writeU(id - prev - 1);
      prev = id;
      const vals = t.rows[row];
      let mask = 0;
      fields.forEach((f, k) => {
        mask |= (f.type === STRING ? vals[k] !== '' : vals[k] !== 0) ? 1 << k : 0;
      });
      bits.write(mask, fields.length);
      fields.forEach((f, k) => {
        if ((mask & (1 << k)) === 0 || f.type === BOOL) {
          return;
        }
        f.type === STRING ? bits.writeString(vals[k]) : bits.writeS(vals[k]);
      });
    });
  }
  return concat([head.toBytes(), bits.end()]);
}

const arena = GOLDEN.snapshotCase('arena');
const schemaBytes = GOLDEN.bytes(arena.schema);
const schemas = decodeSchema(schemaBytes);
/** tick -> {frame, json, state} of the arena case. */
const steps = new Map();
{
  const mirror = new SnapshotMirror(schemas);
  for (const s of arena.steps) {
    const frame = GOLDEN.bytes(s.frame);
    assert.equal(mirror.apply(frame).code, OK);
    steps.set(mirror.current.tick, { frame, json: GOLDEN.json(s.state), state: mirror.current });
  }
}
const frames = (from, to) => [...steps.keys()].filter((t) => t >= from && t <= to)
  .map((tick) => ({ tick, snapshot: steps.get(tick).frame }));

/**
 * The arena case as three fragments: A (3..36, full), B (42..60, full re-encoded: its first entry is
 * the delta from 36, which a reader starting at B cannot decode), C (69..90, thinned: no full).
 */
function arenaParts() {
  const chat = encodeChat({ playerId: 7, name: 'ada', text: 'hi' });
  const game = encodeGameMessage(4, [1, 2, 3]);
  const a = fragmentBody(0, 3, steps.get(3).frame, [
    { tick: 3, join: [7, 'ada'] }, ...frames(3, 9), { tick: 10, chat }, { tick: 11, join: [8, 'bo'] },
    ...frames(12, 36), { tick: 36, mark: 'first blood' }]);
  const b = fragmentBody(1, 42, encodeFull(steps.get(42).state), [
    ...frames(42, 50), { tick: 50, game }, ...frames(51, 51), { tick: 52, leave: 7 }, ...frames(52, 60)]);
  const c = fragmentBody(2, 69, null, [...frames(69, 80), { tick: 80, mark: 'end' }, ...frames(81, 90)]);
  return [block(HEAD, headBody(schemaBytes)), block(FRAGMENT, a), block(FRAGMENT, b), block(FRAGMENT, c)];
}

function finished(parts) {
  const offsets = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  const index = block(INDEX, indexBody(
    [{ offset: offsets[1], startTick: 3, hasFull: true }, { offset: offsets[2], startTick: 42, hasFull: true },
      { offset: offsets[3], startTick: 69, hasFull: false }],
    [{ tick: 36, text: 'first blood' }, { tick: 80, text: 'end' }], 90, 2, 2900));
  return concat([...parts, index, block(TRAILER, trailerBody(at))]);
}

const FILE = finished(arenaParts());
const CRASHED = concat(arenaParts());
const offsetsOf = (parts) => parts.map((p, i) => parts.slice(0, i).reduce((n, q) => n + q.length, 0));

describe('recording reader', () => {
  it('computes CRC-32C (Castagnoli) as java.util.zip.CRC32C', () => {
    assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
    assert.equal(crc32c(new Uint8Array(0)), 0);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  });

  it('reads the worked examples of docs/PROTOCOL.md 14.2 and 14.3 byte for byte', () => {
    const hex = (h) => Uint8Array.from(h.trim().split(/\s+/).map((b) => parseInt(b, 16)));
    const head = hex(`01 23 00 00 00 54 43 52 45 43 01 02 05 61 72 65 6E 61 06 72 2D 37 66 33 61
      00 A8 DA 76 9B 01 00 00 3C 03 F0 01 02 21 00 6F B9 EF 38`);
    const fragment = hex(`02 21 00 00 00 07 C8 06 01 05 22 C8 06 00 00 03 00 01 05 22 C8 06 03 03
      01 04 04 03 61 6E 6E 02 06 04 67 6F 61 6C C9 D7 D0 12`);
    assert.equal(crc32c(head, 0, 40), 0x38efb96f);
    const rec = readRecording(head);
    assert.equal(rec.damage, null);
    const { schemaBytes, ...h } = rec.head;
    assert.deepStrictEqual(h, {
      formatVersion: 1, protocolVersion: 2, game: 'arena', roomId: 'r-7f3a', startedAtMs: 1767225600000, tickHz: 60,
      snapshotEveryTicks: 3, fragmentTicks: 240, schema: [],
    });
    assert.deepStrictEqual([...schemaBytes], [0x21, 0x00]);
    // Fragment 7 of a file whose fragments 0 to 6 are not here: the numbering says so.
    assert.equal(readRecording(concat([head, fragment])).damage, 'damaged at byte 44: fragment number 7 where 0 was due');
    const seven = parseFragment(fragment.subarray(5, fragment.length - 4));
    const plain = (e) => ({ ...e, bytes: e.bytes && [...e.bytes] });
    assert.deepStrictEqual({ ...seven, full: [...seven.full], entries: seven.entries.map(plain) }, {
      number: 7, startTick: 840, hasFull: true, full: [0x22, 0xc8, 0x06, 0, 0], endTick: 843,
      entries: [
        { tick: 840, type: 'snapshot', bytes: [0x22, 0xc8, 0x06, 3, 3] },
        { tick: 841, type: 'join', playerId: 4, name: 'ann', bytes: undefined },
        { tick: 843, type: 'mark', text: 'goal', bytes: undefined },
      ],
    });
    assert.equal(crc32c(fragment, 0, 38), 0x12d0d7c9);
  });

  it('reads the head, the fragments and the index of a finished file', () => {
    const rec = readRecording(FILE);
    assert.equal(rec.damage, null);
    assert.equal(rec.damageAt, -1);
    assert.equal(rec.finished, true);
    const { schema, schemaBytes: sb, ...head } = rec.head;
    assert.deepStrictEqual(head, {
      formatVersion: 1, protocolVersion: 2, game: 'arena', roomId: 'r-1', startedAtMs: 1_700_000_000_123, tickHz: 30,
      snapshotEveryTicks: 3, fragmentTicks: 39,
    });
    assert.deepStrictEqual(schema, schemas);
    assert.deepStrictEqual([...sb], [...schemaBytes]);
    const parts = arenaParts();
    assert.deepStrictEqual(rec.fragments.map((f) => [f.offset, f.number, f.startTick, f.hasFull, f.endTick]),
      [[offsetsOf(parts)[1], 0, 3, true, 36], [offsetsOf(parts)[2], 1, 42, true, 60], [offsetsOf(parts)[3], 2, 69, false, 90]]);
    assert.deepStrictEqual(rec.markers, [{ tick: 36, text: 'first blood' }, { tick: 80, text: 'end' }]);
    assert.equal(rec.players, 2);
    assert.equal(rec.endTick, 90);
    assert.equal(rec.durationMs, 2900);
    const chat = rec.fragments[0].entries.find((e) => e.type === 'chat');
    assert.deepStrictEqual([chat.tick, chat.playerId, chat.name, chat.text], [10, 7, 'ada', 'hi']);
    const game = rec.fragments[1].entries.find((e) => e.type === 'gameMessage');
    assert.deepStrictEqual([game.tick, game.messageType, [...game.payload]], [50, 4, [1, 2, 3]]);
  });

  it('reads a file without index (a crashed recorder) by scanning its fragments', () => {
    const rec = readRecording(CRASHED);
    assert.equal(rec.damage, null);
    assert.equal(rec.finished, false);
    assert.equal(rec.fragments.length, 3);
    assert.deepStrictEqual(rec.markers, [{ tick: 36, text: 'first blood' }, { tick: 80, text: 'end' }]);
    assert.equal(rec.players, 2);
    assert.equal(rec.endTick, 90);
    assert.equal(rec.durationMs, Math.floor(((90 - 3) * 1000) / 30));
  });

  it('plays every golden state, in order, seeking back and from a fresh player', () => {
    const rec = readRecording(FILE);
    const ticks = [...steps.keys()];
    const player = new RecordingPlayer(rec);
    for (const t of ticks) {
      assert.deepStrictEqual(player.stateAt(t).toJSON(), steps.get(t).json, `tick ${t}`);
      assert.deepStrictEqual(player.stateAt(t + 1).toJSON(), steps.get(t).json, `tick ${t + 1}`);
    }
    for (const t of [...ticks].reverse()) {
      assert.deepStrictEqual(player.stateAt(t).toJSON(), steps.get(t).json, `back to ${t}`);
      assert.deepStrictEqual(new RecordingPlayer(rec).stateAt(t).toJSON(), steps.get(t).json, `fresh at ${t}`);
    }
    assert.equal(player.error, null);
    assert.equal(player.stateAt(2), null);
    assert.deepStrictEqual([...new RecordingPlayer(rec).states()].map((s) => s.tick), ticks);
  });

  it('starts at a keyframe by skipping its first snapshot entry, and rolls on into it by decoding that entry', () => {
    const rec = readRecording(FILE);
    const first = rec.fragments[1].entries.find((e) => e.type === 'snapshot');
    const d = new DeltaDecoder();
    assert.equal(d.readHeader(first.bytes), OK);
    assert.equal(d.baseTick, 36, 'the entry for 42 is a delta from fragment 0');
    const fresh = new RecordingPlayer(rec);
    assert.deepStrictEqual(fresh.stateAt(42).toJSON(), steps.get(42).json);
    assert.equal(fresh.cursor.fragment, 1);
    const rolling = new RecordingPlayer(rec);
    rolling.stateAt(36);
    assert.deepStrictEqual(rolling.stateAt(45).toJSON(), steps.get(45).json);
    assert.equal(rolling.error, null);
    // C has no full: a seek into it starts at B's.
    assert.deepStrictEqual(new RecordingPlayer(rec).stateAt(75).toJSON(), steps.get(75).json);
  });

  it('gives the other entries between two ticks', () => {
    const player = new RecordingPlayer(readRecording(FILE));
    assert.deepStrictEqual(player.eventsBetween(2, 11).map((e) => [e.tick, e.type]),
      [[3, 'join'], [10, 'chat'], [11, 'join']]);
    assert.deepStrictEqual(player.eventsBetween(11, 80).map((e) => [e.tick, e.type]),
      [[36, 'mark'], [50, 'gameMessage'], [52, 'leave'], [80, 'mark']]);
  });
});

describe('recording reader on damaged bytes', () => {
  const parts = arenaParts();
  const offsets = offsetsOf(parts);
  const ends = [...offsets.slice(1), CRASHED.length];

  it('reads every truncation up to the block it cuts, and never throws', () => {
    const blockEnds = [...ends, FILE.length - 22, FILE.length];
    for (let len = 0; len <= FILE.length; len++) {
      const rec = readRecording(FILE.subarray(0, len));
      if (blockEnds.includes(len) && len > 0) {
        assert.equal(rec.damage, null, `cut at ${len}`);
      } else {
        const at = len === 0 ? 0 : Math.max(0, ...blockEnds.filter((e) => e < len));
        assert.equal(rec.damageAt, at, `cut at ${len}`);
        assert.ok(rec.damage.startsWith(`damaged at byte ${at}: `), `cut at ${len}: ${rec.damage}`);
      }
      assert.equal(rec.fragments.length, Math.min(3, Math.max(0, ends.filter((e) => e <= len).length - 1)), `cut at ${len}`);
      assert.equal(rec.head === null, len < ends[0], `cut at ${len}`);
      assert.equal(rec.finished, len === FILE.length);
    }
    assert.equal(readRecording(new Uint8Array(0)).damage, 'damaged at byte 0: block header cut short (0 of 5 bytes)');
  });

  it('stops at a block whose CRC fails', () => {
    for (const [k, at] of [[1, offsets[2] + 20], [2, offsets[2] + 2], [3, offsets[3] - 1]]) {
      const bytes = FILE.slice();
      bytes[at] ^= 0x40;
      const rec = readRecording(bytes);
      assert.equal(rec.damageAt, offsets[2], `flip ${k}`);
      const reasons = '(CRC32C mismatch in a block of kind 2|block length \\d+ is over 64 MiB|block cut short)';
      assert.match(rec.damage, new RegExp(`^damaged at byte ${offsets[2]}: ${reasons}`));
      assert.equal(rec.fragments.length, 1);
      assert.equal(rec.finished, false);
      const player = new RecordingPlayer(rec);
      assert.deepStrictEqual(player.stateAt(1000).toJSON(), steps.get(36).json);
    }
  });

  it('refuses a length over 64 MiB before reading it', () => {
    const bytes = FILE.slice();
    new DataView(bytes.buffer).setUint32(offsets[1] + 1, 64 * 1024 * 1024 + 1, true);
    const rec = readRecording(bytes);
    assert.equal(rec.damage, `damaged at byte ${offsets[1]}: block length 67108865 is over 64 MiB`);
    assert.equal(rec.fragments.length, 0);
    assert.equal(rec.head.game, 'arena');
  });

  it('stops at a block with a good CRC and a malformed body', () => {
    const bad = (kind, body) => readRecording(concat([parts[0], parts[1], block(kind, body)]));
    assert.match(bad(FRAGMENT, Uint8Array.of(5, 1)).damage, /: malformed fragment$/);
    assert.match(bad(FRAGMENT, fragmentBody(0, 40, null, [])).damage, /: fragment number 0 where 1 was due$/);
    assert.match(bad(FRAGMENT, fragmentBody(1, 35, null, [])).damage, /: fragment 1 starts at tick 35, before tick 36$/);
    assert.match(bad(FRAGMENT, fragmentBody(1, 40, null, [{ tick: 40, mark: 'x'.repeat(201) }])).damage,
      /: malformed entries in fragment 1$/);
    assert.match(bad(FRAGMENT, fragmentBody(1, 40, null, [{ tick: 40, snapshot: new Uint8Array(0) }])).damage,
      /: malformed entries in fragment 1$/);
    const odd = bad(FRAGMENT,
      fragmentBody(1, 40, null, [{ tick: 41, chat: Uint8Array.of(99) }, { tick: 42, game: Uint8Array.of(1) }]));
    assert.equal(odd.damage, null, 'the archive carries chat and game messages unchecked');
    assert.deepStrictEqual(odd.fragments[1].entries.map((e) => [e.type, [...e.bytes], e.text, e.messageType]),
      [['chat', [99], undefined, undefined], ['gameMessage', [1], undefined, undefined]]);
    assert.equal(new RecordingPlayer(odd).nextTick(), -1);
    const skipped = bad(9, Uint8Array.of(1, 2));
    assert.deepStrictEqual([skipped.damage, skipped.fragments.length], [null, 1], 'a later format\'s block is skipped');
    assert.match(bad(HEAD, headBody(schemaBytes)).damage, new RegExp(`^damaged at byte ${offsets[2]}: a second head$`));
    const unchecked = bad(INDEX, indexBody([], [], 0, 0, 0));
    assert.deepStrictEqual([unchecked.damage, unchecked.finished], [null, false], 'an index without trailer is not read');
    const indexed = (body) =>
      readRecording(concat([parts[0], parts[1], block(INDEX, body), block(TRAILER, trailerBody(offsets[2]))]));
    const wrong = indexed(indexBody([], [], 0, 0, 0));
    assert.deepStrictEqual([wrong.damage, wrong.finished, wrong.fragments.length],
      [`damaged at byte ${offsets[2]}: the index disagrees with the fragments`, false, 1]);
    assert.match(indexed(Uint8Array.of(1)).damage, /: malformed index$/);
    const right = indexed(indexBody([{ offset: offsets[1], startTick: 3, hasFull: true }],
      [{ tick: 36, text: 'first blood' }], 36, 2, 1100));
    assert.deepStrictEqual([right.damage, right.finished, right.index.durationMs], [null, true, 1100]);
    assert.match(bad(TRAILER, trailerBody(0)).damage, /: the trailer does not point at the index$/);
    assert.match(bad(TRAILER, Uint8Array.of(1)).damage, /: malformed trailer$/);
    const afterIndex = readRecording(concat([FILE.subarray(0, FILE.length - 22), parts[1]]));
    assert.equal(afterIndex.damage, `damaged at byte ${FILE.length - 22}: a fragment after the index`);
    assert.equal(readRecording(concat([FILE, Uint8Array.of(0)])).damage,
      `damaged at byte ${FILE.length - 22}: bytes after the trailer`);
    const head = readRecording(block(HEAD, new Uint8Array(headBody(schemaBytes)).fill(0x41, 0, 1)));
    assert.deepStrictEqual([head.head, head.damage],
      [null, 'damaged at byte 0: malformed head (or a format version other than 1)']);
  });

  it('plays what it can of a fragment whose snapshot does not decode, and says why', () => {
    const broken = steps.get(9).frame.slice(0, 3);
    const a = fragmentBody(0, 3, steps.get(3).frame, [...frames(3, 6), { tick: 9, snapshot: broken }, ...frames(12, 15)]);
    const rec = readRecording(concat([parts[0], block(FRAGMENT, a)]));
    assert.equal(rec.damage, null);
    const player = new RecordingPlayer(rec);
    assert.equal(player.stateAt(15), null);
    assert.deepStrictEqual(player.current.toJSON(), steps.get(6).json);
    const at = rec.fragments[0].entries.find((e) => e.tick === 9).bytes.byteOffset;
    assert.equal(player.error, `the snapshot at byte ${at} (fragment 0) is malformed`);
    assert.ok(player.stateAt(3) instanceof State);
  });
});
