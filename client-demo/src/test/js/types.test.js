// The type check of the SDK's declarations: tsc (client-demo's pinned typescript devDependency)
// compiles src/test/types/usage.ts, a program using the public API through the package's exports
// map, against sdk/index.d.ts. Also: the runtime exports and the declared values are the same set.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as sdk from '../../../sdk/index.js';
import { CLIENT_DEMO_DIR, SDK_DIR } from './golden.js';

const TSC = join(CLIENT_DEMO_DIR, 'node_modules', '.bin', 'tsc');

describe('type declarations (sdk/index.d.ts)', () => {
  it('type-check a program using the public API (tsc --noEmit)', () => {
    assert.ok(existsSync(TSC), `${TSC} is missing: run npm ci in client-demo`);
    const r = spawnSync(TSC, ['--noEmit', '-p', join('src', 'test', 'types')],
      { cwd: CLIENT_DEMO_DIR, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.error, undefined, String(r.error));
    assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
  });

  it('declare exactly the values index.js exports', () => {
    const dts = readFileSync(join(SDK_DIR, 'index.d.ts'), 'utf8');
    const declared = Array.from(dts.matchAll(/^export (?:declare )?(?:const|class|function) (\w+)/gm), (m) => m[1]);
    assert.deepStrictEqual([...new Set(declared)].sort(), Object.keys(sdk).sort());
  });
});
