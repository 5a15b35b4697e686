// The tanks game's rules and wire layouts on the client side, mirrored from the Java game
// (examples/tanks: TankGame, TankInput): constants, the one-byte input, one step of a tank for the
// predictor, and the payloads of the game messages.

export const FIRE = 1;
export const HIT = 2;
export const ROUND_OVER = 3;
export const RAIL = 4;
export const RAIL_SHOT = 5;

export const WORLD_SIZE = 1000;
export const TANK_RADIUS = 20;
export const TANK_SPEED = 160;
export const TURN_RATE = 2.5;
export const SHELL_RADIUS = 4;
export const MAX_HP = 3;
/** RailGun: the aim's steps per turn, the reach, the cooldown. */
export const RAIL_AIM_STEPS = 4096;
export const RAIL_RANGE = 900;
export const RAIL_COOLDOWN_SECONDS = 1.5;

const TWO_PI = 2 * Math.PI;

/** TankInput: bits 1..0 turn + 1, bits 3..2 throttle + 1. */
export function encodeInput(turn, throttle) {
  return (turn + 1) | ((throttle + 1) << 2);
}

export const IDLE = encodeInput(0, 0);

/** The aim byte of FIRE for the angle (radians) from (x0, y0) to (x1, y1). */
export function aimByte(x0, y0, x1, y1) {
  const a = Math.atan2(y1 - y0, x1 - x0);
  return Math.round(((a < 0 ? a + TWO_PI : a) * 256) / TWO_PI) & 0xff;
}

/** RAIL's payload for a turret angle (radians): varuint aim in 4096ths of a turn. */
export function railPayload(angle) {
  const turn = ((angle % TWO_PI) + TWO_PI) % TWO_PI;
  const aim = Math.round((turn * RAIL_AIM_STEPS) / TWO_PI) % RAIL_AIM_STEPS;
  return aim < 128 ? Uint8Array.of(aim) : Uint8Array.of((aim & 0x7f) | 0x80, aim >> 7);
}

function wrapAngle(a) {
  if (a >= Math.PI) {
    return a - TWO_PI;
  }
  return a < -Math.PI ? a + TWO_PI : a;
}

function clamp(v) {
  return Math.max(TANK_RADIUS, Math.min(v, WORLD_SIZE - TANK_RADIUS));
}

/** One fixed step of a tank ({x, y, heading}) under an input, as TankGame.drive (float32 arithmetic). */
export function stepTank(body, input, dtSeconds) {
  const b = input.length > 0 ? input[0] : IDLE;
  const f = Math.fround;
  const dt = f(dtSeconds);
  const turn = f(f(((b & 3) - 1) * f(TURN_RATE)) * dt);
  const heading = f(wrapAngle(f(body.heading + turn)));
  const distance = f(f((((b >> 2) & 3) - 1) * TANK_SPEED) * dt);
  if (distance === 0) {
    return { x: body.x, y: body.y, heading };
  }
  return {
    x: f(clamp(f(body.x + f(distance * f(Math.cos(heading)))))),
    y: f(clamp(f(body.y + f(distance * f(Math.sin(heading)))))),
    heading,
  };
}

/** Reads unsigned varints and strings from a game message payload; null on a malformed one. */
function reader(payload) {
  let pos = 0;
  let failed = false;
  return {
    varUInt() {
      let v = 0;
      for (let shift = 0; shift < 35; shift += 7) {
        if (pos >= payload.length) {
          break;
        }
        const b = payload[pos++];
        v += (b & 0x7f) * 2 ** shift;
        if ((b & 0x80) === 0) {
          return v;
        }
      }
      failed = true;
      return 0;
    },
    varInt() {
      const v = this.varUInt();
      return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
    },
    bool() {
      if (pos >= payload.length || payload[pos] > 1) {
        failed = true;
        return false;
      }
      return payload[pos++] === 1;
    },
    string() {
      const n = this.varUInt();
      if (failed || pos + n > payload.length) {
        failed = true;
        return '';
      }
      const s = new TextDecoder().decode(payload.subarray(pos, pos + n));
      pos += n;
      return s;
    },
    done() {
      return !failed && pos === payload.length;
    },
  };
}

/** HIT: {shooter, target, hp} (player ids and the target's hp left), or null if malformed. */
export function decodeHit(payload) {
  const r = reader(payload);
  const hit = { shooter: r.varUInt(), target: r.varUInt(), hp: r.varUInt() };
  return r.done() ? hit : null;
}

/** ROUND_OVER: {round, winner} (winner '' for a draw), or null if malformed. */
export function decodeRoundOver(payload) {
  const r = reader(payload);
  const over = { round: r.varUInt(), winner: r.string() };
  return r.done() ? over : null;
}

/**
 * RAIL_SHOT: {shooter, x0, y0, x1, y1, target, clamped}: the beam from the shooter to where it
 * stopped, the target's player id or -1, and whether the shooter's view was clamped; null if malformed.
 */
export function decodeRailShot(payload) {
  const r = reader(payload);
  const shot = { shooter: r.varUInt(), x0: r.varInt(), y0: r.varInt(), x1: r.varInt(), y1: r.varInt(),
    target: r.varInt(), clamped: r.bool() };
  return r.done() ? shot : null;
}
