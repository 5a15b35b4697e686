import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Reader } from '../../../sdk/reader.js';
import { Writer } from '../../../sdk/writer.js';
import * as P from '../../../sdk/protocol.js';
import * as M from '../../../sdk/messages.js';

function varUInt(v) {
  const w = new Writer();
  w.writeVarUInt(v);
  return Array.from(w.toBytes());
}

describe('Writer / Reader (Kryo varints, Wire strings)', () => {
  it('pins unsigned varint bytes (LEB128 of 32 bits)', () => {
    assert.deepStrictEqual(varUInt(0), [0]);
    assert.deepStrictEqual(varUInt(127), [0x7f]);
    assert.deepStrictEqual(varUInt(128), [0x80, 0x01]);
    assert.deepStrictEqual(varUInt(300), [0xac, 0x02]);
    assert.deepStrictEqual(varUInt(16384), [0x80, 0x80, 0x01]);
    assert.deepStrictEqual(varUInt(0x7fffffff), [0xff, 0xff, 0xff, 0xff, 0x07]);
    assert.deepStrictEqual(varUInt(-1), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('pins zig-zag varints', () => {
    const z = (v) => {
      const w = new Writer();
      w.writeZigZag(v);
      return Array.from(w.toBytes());
    };
    assert.deepStrictEqual(z(0), [0]);
    assert.deepStrictEqual(z(-1), [1]);
    assert.deepStrictEqual(z(1), [2]);
    assert.deepStrictEqual(z(-64), [0x7f]);
    assert.deepStrictEqual(z(64), [0x80, 0x01]);
    assert.deepStrictEqual(z(-0x80000000), [0xff, 0xff, 0xff, 0xff, 0x0f]);
    for (const v of [0, 1, -1, 63, -64, 1000000, -1000000, 0x7fffffff, -0x80000000]) {
      const w = new Writer();
      w.writeZigZag(v);
      assert.equal(new Reader(w.toBytes()).readZigZag(), v);
    }
  });

  it('reads the 5th varint byte like Kryo: continuation ignored, bits past 32 dropped', () => {
    // Values observed from Kryo 5.6.2 Input.readVarInt(true)
    const cases = [[[0xff, 0xff, 0xff, 0xff, 0xff], -1], [[0x80, 0x80, 0x80, 0x80, 0x10], 0],
      [[0xff, 0xff, 0xff, 0xff, 0x0f], -1], [[0xff, 0xff, 0xff, 0xff, 0x07], 0x7fffffff]];
    for (const [bytes, v] of cases) {
      const r = new Reader(Uint8Array.from(bytes));
      assert.equal(r.readVarInt(true), v);
      assert.equal(r.position, 5);
    }
    assert.equal(new Reader(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])).readVarUInt(), -1);
  });

  it('answers -1 for a truncated unsigned varint', () => {
    assert.equal(new Reader(Uint8Array.of()).readVarUInt(), -1);
    assert.equal(new Reader(Uint8Array.of(0x80, 0x80)).readVarUInt(), -1);
  });

  it('round-trips strings as UTF-8 with a byte length and enforces the limit', () => {
    const w = new Writer();
    w.writeString('Zoë 🎮');
    const bytes = w.toBytes();
    assert.equal(bytes[0], 9); // Z o ë(2) space 🎮(4)
    assert.equal(new Reader(bytes).readString(9), 'Zoë 🎮');
    assert.equal(new Reader(bytes).readString(8), null);
    assert.equal(new Reader(bytes.subarray(0, 5)).readString(100), null);
  });
});

describe('messages', () => {
  it('uses the type byte id + 2', () => {
    assert.equal(P.typeByte(P.JOIN), 16);
    assert.equal(M.encodeJoin('t')[0], 16);
    assert.equal(M.encodeInput(1, 0, [5])[0], 17);
    assert.equal(M.encodePing(0)[0], 18);
    assert.equal(M.encodeChatSend('x')[0], 19);
  });

  it('pins JOIN and INPUT bytes', () => {
    assert.deepStrictEqual(Array.from(M.encodeJoin('ab')), [16, 2, 2, 0x61, 0x62], 'version 2');
    assert.deepStrictEqual(Array.from(M.encodeInput(300, 0, Uint8Array.of(0x15))), [17, 0xac, 0x02, 0, 0x15]);
  });

  it('pins the view stamp of INPUT and GAME_SEND and the view delay of PING (protocol version 2)', () => {
    assert.equal(P.VERSION, 2);
    // viewStamp(10, 16) = 1 + 10 * 32 + 16 = 337: varuint D1 02
    assert.deepStrictEqual(Array.from(M.encodeInput(300, 337, Uint8Array.of(0x15))), [17, 0xac, 0x02, 0xd1, 0x02, 0x15]);
    assert.deepStrictEqual(M.decodeMessage(Uint8Array.of(17, 0xac, 0x02, 0xd1, 0x02, 0x15)).value,
      { seq: 300, view: 337, payload: Uint8Array.of(0x15) });
    assert.deepStrictEqual(Array.from(M.encodeGameSend(3, 0, [1, 128, 255])), [20, 3, 0, 1, 128, 255]);
    assert.deepStrictEqual(Array.from(M.encodeGameSend(3, 16384, [])), [20, 3, 0x80, 0x80, 0x01]);
    assert.deepStrictEqual(M.decodeMessage(Uint8Array.of(20, 3, 0x80, 0x80, 0x01)).value,
      { type: 3, view: 16384, payload: new Uint8Array(0) });
    assert.deepStrictEqual(Array.from(M.encodePing(123456789, 100)), [18, 0x95, 0x9a, 0xef, 0x3a, 100]);
    assert.deepStrictEqual(Array.from(M.encodePing(7)), [18, 7, 0], 'no interpolator: view delay 0');
    assert.deepStrictEqual(M.decodeMessage(Uint8Array.of(18, 7, 100)).value, { clientTime: 7, viewDelay: 100 });
  });

  it('refuses a view above 16384 and a message cut before its view or view delay', () => {
    assert.equal(M.decodeMessage(Uint8Array.of(17, 1, 0x81, 0x80, 0x01, 6)).value, null, 'INPUT view 16385');
    assert.equal(M.decodeMessage(Uint8Array.of(20, 3, 0x81, 0x80, 0x01)).value, null, 'GAME_SEND view 16385');
    assert.equal(M.decodeMessage(Uint8Array.of(17, 1)).value, null, 'INPUT without a view');
    assert.equal(M.decodeMessage(Uint8Array.of(20, 3)).value, null, 'GAME_SEND without a view');
    assert.equal(M.decodeMessage(Uint8Array.of(18, 7)).value, null, 'PING without a view delay');
    assert.equal(M.decodeMessage(Uint8Array.of(18, 7, 0x80)).value, null, 'PING with a cut view delay');
    assert.deepStrictEqual(M.decodeMessage(Uint8Array.of(37, 100, 0x80)).value,
      { type: 100, payload: Uint8Array.of(0x80) }, 'GAME_MESSAGE (server to client) has no view');
  });

  it('decodes WELCOME with the entity id shifted by one', () => {
    const bytes = M.encodeWelcome({ version: 1, roomId: 'r1', game: 'arena', playerId: 2, entityId: -1,
      tickHz: 60, snapshotEveryTicks: 3 });
    const m = M.decodeMessage(bytes);
    assert.equal(m.name, 'WELCOME');
    assert.deepStrictEqual(m.value, { version: 1, roomId: 'r1', game: 'arena', playerId: 2, entityId: -1,
      tickHz: 60, snapshotEveryTicks: 3 });
  });

  it('rejects trailing bytes and unknown types', () => {
    const pong = M.encodePong({ clientTime: 5, serverTick: 9 });
    const longer = Uint8Array.from([...pong, 0]);
    assert.equal(M.decodeMessage(longer).value, null);
    assert.equal(M.decodeMessage(Uint8Array.of(99)), null);
    assert.equal(M.decodeMessage(Uint8Array.of()), null);
  });

  it('keeps CHAT text as sent (markup is data)', () => {
    const text = '<img src=x onerror=alert(1)>';
    const m = M.decodeMessage(M.encodeChat({ playerId: 1, name: 'a', text }));
    assert.equal(m.value.text, text);
  });
});

describe('truncateUtf8', () => {
  it('keeps whole code points within the byte limit', async () => {
    const { truncateUtf8, utf8Length } = await import('../../../sdk/writer.js');
    assert.equal(truncateUtf8('abc', 2), 'ab');
    assert.equal(truncateUtf8('aë🎮', 3), 'aë');
    assert.equal(truncateUtf8('aë🎮', 6), 'aë');
    assert.equal(truncateUtf8('aë🎮', 7), 'aë🎮');
    assert.ok(utf8Length(truncateUtf8('🎮'.repeat(20), 32)) <= 32);
  });
});
