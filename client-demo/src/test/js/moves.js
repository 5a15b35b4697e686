// Loads game-logic's arena movement vector (manifest "predictions", entry "arena-moves":
// ArenaGame's player position over scripted inputs, written by golden/ArenaMoves.java). Throws,
// so that the test fails, when the manifest has none.

/**
 * {tickHz, inputs: [the input byte of step t, for t = 1..n] (index t - 1), positions: [[x, y] of
 * step t, step 0 first]}, positions as float32 values.
 */
export function arenaMoves(set) {
  const entry = (set.manifest().predictions ?? []).find((p) => p.name === 'arena-moves');
  if (!entry) {
    throw new Error(`${set.dir}/manifest.json has no "arena-moves" prediction vector`);
  }
  const v = set.json(entry.file);
  if (v.game !== 'arena' || !Array.isArray(v.inputs) || !Array.isArray(v.positions)) {
    throw new Error(`${entry.file} is not an arena movement vector`);
  }
  const inputs = [];
  for (let t = 1; t < v.positions.length; t++) {
    const current = v.inputs.filter((i) => i.fromStep <= t).at(-1);
    if (!current) {
      throw new Error(`${entry.file}: no input for step ${t}`);
    }
    inputs.push(current.input);
  }
  return {
    tickHz: v.tickHz,
    inputs,
    positions: v.positions.map(([x, y]) => [Math.fround(x), Math.fround(y)]),
  };
}
