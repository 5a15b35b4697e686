// Where game-logic's golden vectors live and how to load them:
// ../game-logic/src/test/resources/golden/ relative to client-demo/ (TICKCAST_GOLDEN_DIR
// overrides the path), written by game-logic's GoldenVectors (docs/PROTOCOL.md, "Golden
// vectors"). They are committed: a missing file is a test failure, never a skip.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** client-demo/ */
export const CLIENT_DEMO_DIR = resolve(here, '..', '..', '..');
/** The SDK package root (npm @tickcast/client). */
export const SDK_DIR = join(CLIENT_DEMO_DIR, 'sdk');
/** The demo pages (served at /). */
export const WEBROOT_DIR = join(CLIENT_DEMO_DIR, 'src', 'main', 'resources', 'webroot');
/** game-logic's golden vectors. */
export const GOLDEN_DIR = process.env.TICKCAST_GOLDEN_DIR
  || resolve(CLIENT_DEMO_DIR, '..', 'game-logic', 'src', 'test', 'resources', 'golden');

/** The vectors under dir, read through its manifest.json. */
export class GoldenSet {
  constructor(dir) {
    this.dir = dir;
  }

  exists() {
    return existsSync(join(this.dir, 'manifest.json'));
  }

  bytes(path) {
    return new Uint8Array(readFileSync(join(this.dir, path)));
  }

  json(path) {
    return JSON.parse(readFileSync(join(this.dir, path), 'utf8'));
  }

  manifest() {
    return this.json('manifest.json');
  }

  /** The snapshot case called name; throws if the manifest has none. */
  snapshotCase(name) {
    const c = this.manifest().snapshotCases.find((x) => x.name === name);
    if (!c) {
      throw new Error(`${this.dir}/manifest.json has no snapshot case ${name}`);
    }
    return c;
  }
}

/** game-logic's vectors. */
export const GOLDEN = new GoldenSet(GOLDEN_DIR);
