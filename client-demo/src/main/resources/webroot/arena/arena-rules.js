// The arena's movement rules on the client, for the SDK's Predictor: a copy of
// games/arena/ArenaGame.java stepPlayer and ArenaInput.java (docs/PROTOCOL.md 11). Float math goes
// through Math.fround, as Java's float arithmetic does, so a predicted body matches the server's
// bit for bit (pinned by game-logic's golden arena movement vector). No import: node tests load
// this file directly.

/** The arena's movement constants (ArenaGame.java, ARENA-SCENARIO.md). */
export const ARENA = Object.freeze({
  worldSize: 2000,
  speed: 200,
  sprintSpeed: 300,
  tickHz: 60,
});

const f32 = Math.fround;
const DIAGONAL = f32(1 / Math.sqrt(2));

/**
 * The arena's 1-byte input payload:
 *   bit 7..5 zero, bit 4 sprint, bit 3..2 dy + 1, bit 1..0 dx + 1   (dx, dy in {-1, 0, 1})
 */
export function encodeArenaInput(dx, dy, sprint) {
  return (dx + 1) | ((dy + 1) << 2) | (sprint ? 1 << 4 : 0);
}

/** The {dx, dy, sprint} of a payload byte. */
export function decodeArenaInput(b) {
  return { dx: (b & 3) - 1, dy: ((b >> 2) & 3) - 1, sprint: (b & 0x10) !== 0 };
}

function clamp(v, worldSize) {
  return v < 0 ? 0 : Math.min(v, worldSize);
}

/**
 * One fixed step of a player body at (x, y) with input byte b: the new {x, y}, in world units.
 * dtSeconds is the step (ArenaGame's dtSeconds = 1f / tickHz).
 */
export function stepArenaPlayer(x, y, b, dtSeconds = 1 / ARENA.tickHz, rules = ARENA) {
  const { dx, dy, sprint } = decodeArenaInput(b);
  let speed = f32(f32(sprint ? rules.sprintSpeed : rules.speed) * f32(dtSeconds));
  if (dx !== 0 && dy !== 0) {
    speed = f32(speed * DIAGONAL);
  }
  return {
    x: f32(clamp(f32(f32(x) + f32(dx * speed)), rules.worldSize)),
    y: f32(clamp(f32(f32(y) + f32(dy * speed)), rules.worldSize)),
  };
}

/** The input of a player who presses nothing. */
export const ARENA_IDLE_INPUT = Uint8Array.of(encodeArenaInput(0, 0, false));

/**
 * The SDK Predictor's options for the arena: `new Predictor(arenaPrediction())`. The body is
 * {x, y}; the input is the 1-byte INPUT payload.
 */
export function arenaPrediction(rules = ARENA) {
  return {
    tickHz: rules.tickHz,
    idleInput: ARENA_IDLE_INPUT,
    step: (body, input, dtSeconds) => stepArenaPlayer(body.x, body.y, input[0], dtSeconds, rules),
  };
}
