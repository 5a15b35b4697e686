// sdk/protocol.js mirrors wire/Protocol.java line for line: every constant, same name and value.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as P from '../../../sdk/protocol.js';
import { CLIENT_DEMO_DIR } from './golden.js';

const PROTOCOL_JAVA = join(CLIENT_DEMO_DIR, '..', 'game-logic', 'src', 'main', 'java', 'dev', 'tickcast', 'wire',
  'Protocol.java');

function javaConstants() {
  const src = readFileSync(PROTOCOL_JAVA, 'utf8');
  const out = [];
  for (const m of src.matchAll(/public static final (int|short|String) (\w+) = ([^;]+);/g)) {
    out.push([m[2], m[1] === 'String' ? JSON.parse(m[3]) : Number(m[3])]);
  }
  return out;
}

describe('protocol.js', () => {
  it('has every constant of Protocol.java with the same value, in the same order', () => {
    const java = javaConstants();
    assert.ok(java.length > 20, 'Protocol.java parsed');
    // order from the source text, values from the module
    const src = readFileSync(join(CLIENT_DEMO_DIR, 'sdk', 'protocol.js'), 'utf8');
    const js = Array.from(src.matchAll(/^export const (\w+) = /gm), (m) => [m[1], P[m[1]]]);
    assert.deepStrictEqual(js, java);
  });

  it('names the type byte id + 2', () => {
    assert.equal(P.typeByte(P.SNAPSHOT), 34);
  });
});
