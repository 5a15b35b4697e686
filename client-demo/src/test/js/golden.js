// Where the golden vectors of the Java codec live, and how to load them. Two sets:
// - game-logic's committed fixtures, ../game-logic/src/test/resources/golden/ relative to
//   client-demo/ (TICKCAST_GOLDEN_DIR overrides the path), written by game-logic's
//   GoldenVectors (docs/PROTOCOL.md, "Golden vectors");
// - fixtures/java-scratch/, extra cases produced by the Java codec (see its README.md).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** client-demo/ */
export const CLIENT_DEMO_DIR = resolve(here, '..', '..', '..');
/** game-logic's golden vectors. */
export const GOLDEN_DIR = process.env.TICKCAST_GOLDEN_DIR
  || resolve(CLIENT_DEMO_DIR, '..', 'game-logic', 'src', 'test', 'resources', 'golden');
/** The extra vectors kept with these tests. */
export const SCRATCH_DIR = join(here, 'fixtures', 'java-scratch');

/** One set of vectors under dir, read through its manifest.json. */
export class GoldenSet {
  constructor(label, dir) {
    this.label = label;
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
}

/** Every set: game-logic's first. */
export const GOLDEN_SETS = [new GoldenSet('game-logic', GOLDEN_DIR), new GoldenSet('java-scratch', SCRATCH_DIR)];
