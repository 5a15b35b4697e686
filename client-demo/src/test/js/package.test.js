// The SDK is a publishable npm package (sdk/package.json, @tickcast/client): `npm pack` ships
// only its runtime modules, its type declarations and its metadata, and the exports map opens
// the package root only.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SDK_DIR } from './golden.js';

const pkg = JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8'));

/** The .js files index.js needs, following relative imports. */
function runtimeClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    const src = readFileSync(join(SDK_DIR, file), 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\b[^;]*?from '\.\/([\w-]+\.js)'/gms)) {
      visit(m[1]);
    }
  };
  visit(entry);
  return seen;
}

describe('@tickcast/client package', () => {
  it('is a public ES module package with types and a closed exports map', () => {
    assert.equal(pkg.license, 'Apache-2.0');
    assert.equal(pkg.name, '@tickcast/client');
    assert.equal(pkg.version, '0.1.0');
    assert.equal(pkg.type, 'module');
    assert.notEqual(pkg.private, true);
    assert.equal(pkg.types, './index.d.ts');
    assert.deepStrictEqual(Object.keys(pkg.exports), ['.', './package.json']);
    assert.deepStrictEqual(pkg.exports['.'], { types: './index.d.ts', default: './index.js' });
    assert.equal(pkg.dependencies, undefined, 'no runtime dependency');
  });

  it('packs only the runtime modules, the declarations and the metadata (npm pack --dry-run)', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'],
      { cwd: SDK_DIR, encoding: 'utf8', timeout: 60_000, env: { ...process.env, npm_config_loglevel: 'silent' } });
    const [packed] = JSON.parse(out);
    assert.equal(packed.name, '@tickcast/client');
    const files = packed.files.map((f) => f.path).sort();
    const expected = [...runtimeClosure('index.js'), 'index.d.ts', 'package.json', 'README.md', 'LICENSE'].sort();
    assert.deepStrictEqual(files, expected);
    for (const f of files) {
      assert.doesNotMatch(f, /test|fixture|golden|\.html$|lock|node_modules/, f);
    }
  });

  it('resolves the root through node_modules and refuses the internals', async () => {
    const root = await import('@tickcast/client');
    assert.equal(typeof root.TickcastClient, 'function');
    assert.equal(typeof root.Predictor, 'function');
    for (const internal of ['@tickcast/client/reader.js', '@tickcast/client/snapshot.js', '@tickcast/client/bits.js']) {
      await assert.rejects(import(internal), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' }, internal);
    }
    const meta = await import('@tickcast/client/package.json', { with: { type: 'json' } });
    assert.equal(meta.default.name, '@tickcast/client');
  });
});
