// Every golden control message of the Java codec decodes to its committed value, and encoding
// that value gives the same bytes back.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as M from '../../../sdk/messages.js';
import { encodeSchema } from '../../../sdk/schema.js';
import { GOLDEN } from './golden.js';

const ENCODERS = {
  JOIN: (v) => M.encodeJoin(v.token, v.version),
  INPUT: (v) => M.encodeInput(v.seq, v.view, Uint8Array.from(v.payload)),
  PING: (v) => M.encodePing(v.clientTime, v.viewDelay),
  CHAT_SEND: (v) => M.encodeChatSend(v.text),
  WELCOME: (v) => M.encodeWelcome(v),
  PONG: (v) => M.encodePong(v),
  CHAT: (v) => M.encodeChat(v),
  GAME_SEND: (v) => M.encodeGameSend(v.type, v.view, Uint8Array.from(v.payload)),
  GAME_MESSAGE: (v) => M.encodeGameMessage(v.type, Uint8Array.from(v.payload)),
};

/** The decoded value in the manifest's form: byte arrays as arrays of ints. */
function plain(value) {
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = v instanceof Uint8Array ? Array.from(v) : v;
  }
  return out;
}

{
  const set = GOLDEN;
  const present = set.exists();
  // The vectors are committed: a missing set is a failure, not a skip.
  it(`finds game-logic's golden vectors at ${set.dir}`, () => assert.ok(present));
  describe('golden control messages', () => {
    const messages = present ? set.manifest().messages ?? [] : [];

    it('has messages', () => {
      assert.ok(messages.length > 0);
    });

    it('has an INPUT and a GAME_SEND with a view stamp and a PING with a view delay (protocol version 2)', () => {
      const some = (type, has) => messages.some((m) => m.type === type && has(m.value));
      assert.ok(some('INPUT', (v) => v.view > 0), 'an INPUT with a view');
      assert.ok(some('GAME_SEND', (v) => v.view > 0), 'a GAME_SEND with a view');
      assert.ok(some('PING', (v) => v.viewDelay > 0), 'a PING with a view delay');
      assert.ok(messages.filter((m) => m.type === 'JOIN' || m.type === 'WELCOME').every((m) => m.value.version === 2));
    });

    for (const m of messages) {
      it(`${m.name} (${m.type}) decodes to its value and encodes back to its bytes`, () => {
        const bytes = set.bytes(m.file);
        const decoded = M.decodeMessage(bytes);
        assert.ok(decoded, 'a known message type');
        assert.equal(decoded.name, m.type);
        assert.ok(decoded.value, 'a well-formed body');
        if (m.type === 'SCHEMA') {
          assert.deepStrictEqual(encodeSchema(decoded.value.schemas), bytes);
        } else if (m.type !== 'SNAPSHOT') {
          assert.deepStrictEqual(plain(decoded.value), m.value);
          assert.deepStrictEqual(ENCODERS[m.type](m.value), bytes);
        }
      });

      if (!['INPUT', 'GAME_SEND', 'GAME_MESSAGE', 'SNAPSHOT'].includes(m.type)) {
        // (the payload of INPUT and of game messages is the rest of the frame: a shorter frame is a
        // shorter payload)
        it(`${m.name} (${m.type}) is rejected when truncated`, () => {
          const bytes = set.bytes(m.file);
          for (let len = 1; len < bytes.length; len++) {
            assert.equal(M.decodeMessage(bytes.subarray(0, len)).value, null, `cut to ${len} bytes`);
          }
        });
      }
    }
  });
}
