// sdk/protocol.js mirrors wire/Protocol.java line for line (every constant, same name and value)
// and wire/ClientMessages.java entry for entry (CLIENT_MESSAGES).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as P from '../../../sdk/protocol.js';
import * as V from '../../../sdk/view.js';
import { CLIENT_DEMO_DIR } from './golden.js';

const WIRE_DIR = join(CLIENT_DEMO_DIR, '..', 'game-logic', 'src', 'main', 'java', 'dev', 'tickcast', 'wire');
const PROTOCOL_JAVA = join(WIRE_DIR, 'Protocol.java');
const CLIENT_MESSAGES_JAVA = join(WIRE_DIR, 'ClientMessages.java');
/** The table, not a constant of Protocol.java: pinned by its own test below. */
const TABLES = new Set(['CLIENT_MESSAGES']);

function javaConstants() {
  const src = readFileSync(PROTOCOL_JAVA, 'utf8');
  const out = [];
  for (const m of src.matchAll(/public static final (int|short|String) (\w+) = ([^;]+);/g)) {
    out.push([m[2], m[1] === 'String' ? JSON.parse(m[3]) : Number(m[3])]);
  }
  return out;
}

/** The entries of ClientMessages.java, `new Kind(Protocol.JOIN, "JOIN", true, false, Bucket.MESSAGE)`, in order. */
function javaClientMessages() {
  const src = readFileSync(CLIENT_MESSAGES_JAVA, 'utf8');
  const entry = /new Kind\(Protocol\.(\w+), "(\w+)", (true|false), (true|false), Bucket\.(\w+)\)/g;
  return Array.from(src.matchAll(entry), (m) => ({
    id: P[m[1]], name: m[2], beforeJoin: m[3] === 'true', spectators: m[4] === 'true', bucket: m[5].toLowerCase(),
  }));
}

describe('protocol.js', () => {
  it('has every constant of Protocol.java with the same value, in the same order', () => {
    const java = javaConstants();
    assert.ok(java.length > 20, 'Protocol.java parsed');
    // order from the source text, values from the module
    const src = readFileSync(join(CLIENT_DEMO_DIR, 'sdk', 'protocol.js'), 'utf8');
    const js = Array.from(src.matchAll(/^export const (\w+) = /gm), (m) => [m[1], P[m[1]]])
      .filter(([name]) => !TABLES.has(name));
    assert.deepStrictEqual(js, java);
  });

  it('has the client-message table of ClientMessages.java, entry for entry', () => {
    const java = javaClientMessages();
    assert.equal(java.length, 5, 'ClientMessages.java parsed');
    assert.deepStrictEqual(P.CLIENT_MESSAGES.map((m) => ({ ...m })), java);
    assert.ok(Object.isFrozen(P.CLIENT_MESSAGES) && P.CLIENT_MESSAGES.every(Object.isFrozen));
  });

  it('codes view stamps as game-logic\'s ViewStamp.java does (NONE, FRACTIONS, TICK_MODULUS, MAX)', () => {
    const src = readFileSync(join(CLIENT_DEMO_DIR, '..', 'game-logic', 'src', 'main', 'java', 'dev', 'tickcast', 'game',
      'rewind', 'ViewStamp.java'), 'utf8');
    const java = Object.fromEntries(Array.from(src.matchAll(/public static final int (\w+) = ([^;]+);/g),
      (m) => [m[1], m[2]]));
    assert.deepStrictEqual(java, { NONE: '0', FRACTIONS: '32', TICK_MODULUS: '512', MAX: 'TICK_MODULUS * FRACTIONS' });
    assert.deepStrictEqual([V.VIEW_NONE, V.VIEW_FRACTIONS, V.VIEW_TICK_MODULUS, V.VIEW_STAMP_MAX], [0, 32, 512, 512 * 32]);
  });

  it('names the type byte id + 2', () => {
    assert.equal(P.typeByte(P.SNAPSHOT), 34);
  });
});
