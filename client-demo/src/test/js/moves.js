// Loads game-logic's arena movement vector (ArenaGame's player positions over scripted inputs)
// from the golden manifest. Throws, so that the test fails, when the manifest has none.

/**
 * {tickHz, inputs: [byte per step], positions: [[x, y] per step, step 0 first]}, with the
 * positions as float32 values.
 */
export function arenaMoves(set) {
  const manifest = set.manifest();
  const entry = manifest.moves;
  if (!entry) {
    throw new Error(`${set.dir}/manifest.json has no "moves" entry (the arena movement vector)`);
  }
  const v = set.json(entry.file);
  return {
    tickHz: v.tickHz,
    inputs: v.inputs,
    positions: v.positions.map(([x, y]) => [Math.fround(x), Math.fround(y)]),
  };
}
