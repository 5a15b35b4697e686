// The record codec of the HTTP binding against the examples of docs/PROTOCOL.md 2.1, and every
// malformed body the spec lists, reported as a value.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as M from '../../../sdk/messages.js';
import { encodeBody, MAX_CLOSE_REASON_BYTES, messageRecordBytes, RecordDecoder } from '../../../sdk/records.js';
import { WELCOME } from './fakes.js';
import { collector, decodeInChunks } from './record-sink.js';

const hex = (s) => Uint8Array.from(s.split(/\s+/).filter(Boolean), (b) => parseInt(b, 16));

/** The error decoding body gives (null if none), and the records taken before it. */
function decodeError(body) {
  const decoder = new RecordDecoder();
  const sink = collector();
  decoder.begin();
  return { error: decoder.push(body, sink), records: sink.records };
}

describe('records (docs/PROTOCOL.md 2.1)', () => {
  it('decodes the spec\'s downstream example: WELCOME numbered 1, then a keep-alive', () => {
    const body = new Uint8Array([1, 1, 1, 2, WELCOME.length, ...WELCOME, 3, 0]);
    assert.deepStrictEqual(decodeInChunks(body, [2, 5]), { partial: false, records: [{ kind: 'SEQ', seq: 1 },
      { kind: 'MESSAGE', seq: 1, bytes: Array.from(WELCOME) }, { kind: 'KEEPALIVE' }] });
  });

  it('encodes the spec\'s upstream examples: an INPUT numbered 7, a leave', () => {
    const input = M.encodeInput(3, 0, Uint8Array.of(6));
    assert.deepStrictEqual(encodeBody(7, [input]), new Uint8Array([1, 1, 7, 2, input.length, ...input]));
    assert.deepStrictEqual(encodeBody(5, [], 0, { code: 1000, reason: 'bye' }), hex('01 01 05  04 06 E8 07 03 62 79 65'));
    assert.deepStrictEqual(encodeBody(1, []), new Uint8Array(0), 'nothing to say: the empty body');
    assert.deepStrictEqual(encodeBody(200, [input, input], 1), new Uint8Array([1, 2, 0xc8, 1, 2, input.length, ...input]),
      'only the first count messages; a SEQ of two bytes');
  });

  it('decodes the server\'s CLOSE 4006 "slow"', () => {
    const body = hex('01 01 01  04 07 A6 1F 04 73 6C 6F 77');
    const decoded = decodeInChunks(body, [1, 1, 1, 1, 1]);
    assert.deepStrictEqual(decoded.records.at(-1), { kind: 'CLOSE', code: 4006, reason: 'slow' });
  });

  it('sizes a MESSAGE record: kind, varuint length, payload', () => {
    assert.equal(messageRecordBytes(1), 3);
    assert.equal(messageRecordBytes(127), 129);
    assert.equal(messageRecordBytes(128), 131);
    assert.equal(messageRecordBytes(4096), 4099);
  });

  it('keeps a partial last record, and the next body starts afresh', () => {
    const decoder = new RecordDecoder();
    const sink = collector();
    decoder.begin();
    assert.equal(decoder.push(hex('01 01 05 02 03 10 01'), sink), null);
    assert.equal(decoder.partial, true);
    assert.deepStrictEqual(sink.records, [{ kind: 'SEQ', seq: 5 }]);
    decoder.begin();
    assert.equal(decoder.partial, false);
    assert.equal(decoder.push(hex('01 01 05 02 03 10 01 02'), sink), null);
    assert.deepStrictEqual(sink.records.at(-1), { kind: 'MESSAGE', seq: 5, bytes: [0x10, 1, 2] });
    assert.equal(decoder.push(hex('02'), sink), null, 'a record cut after its kind byte');
    assert.equal(decoder.partial, true);
    assert.equal(decoder.push(hex('81'), sink), null, 'and inside its length');
    assert.equal(decoder.push(hex('01'), sink), null);
    assert.equal(decoder.push(new Uint8Array(129).fill(7), sink), null);
    assert.equal(sink.records.at(-1).seq, 6);
    assert.equal(sink.records.at(-1).bytes.length, 129);
    assert.equal(decoder.partial, false);
  });

  it('reports every malformed body of the spec as a value, and stays failed until begin()', () => {
    const cases = {
      'unknown record kind 5': '01 01 01 05 00',
      'unknown record kind 0': '01 01 01 00 00',
      'the first record is not SEQ': '03 00',
      'a second SEQ': '01 01 01 01 01 02',
      'a record after CLOSE': '01 01 01 04 03 E8 07 00 03 00',
      'a KEEPALIVE with a payload': '01 01 01 03 01 00',
      'bad SEQ length': '01 00',
      'bad SEQ': '01 02 01 00',
      'an empty MESSAGE': '01 01 01 02 00',
      'bad record length': '01 01 01 02 FF FF FF FF 0F',
      'bad CLOSE': '01 01 01 04 03 E8 07 01',
      'a CLOSE reason that is not UTF-8': '01 01 01 04 04 E8 07 01 C3',
    };
    for (const [reason, body] of Object.entries(cases)) {
      assert.equal(decodeError(hex(body)).error, reason, body);
    }
    const decoder = new RecordDecoder();
    const sink = collector();
    decoder.begin();
    assert.equal(decoder.push(hex('03 00'), sink), 'the first record is not SEQ');
    assert.equal(decoder.push(hex('01 01 01'), sink), 'the first record is not SEQ', 'failed stays failed');
    decoder.begin();
    assert.equal(decoder.push(hex('01 01 01'), sink), null);
  });

  it('refuses a CLOSE reason over 123 bytes', () => {
    const ok = encodeBody(1, [], 0, { code: 4000, reason: 'x'.repeat(MAX_CLOSE_REASON_BYTES) });
    assert.equal(decodeError(ok).records.at(-1).reason.length, MAX_CLOSE_REASON_BYTES);
    const long = encodeBody(1, [], 0, { code: 4000, reason: 'x'.repeat(MAX_CLOSE_REASON_BYTES + 1) });
    assert.equal(decodeError(long).error, 'bad CLOSE');
  });

  it('takes the records before a malformed one', () => {
    const { error, records } = decodeError(hex('01 01 03 02 01 22 03 00 07'));
    assert.equal(error, 'unknown record kind 7');
    assert.deepStrictEqual(records, [{ kind: 'SEQ', seq: 3 }, { kind: 'MESSAGE', seq: 3, bytes: [0x22] }, { kind: 'KEEPALIVE' }]);
  });
});
