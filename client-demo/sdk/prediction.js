// Client-side prediction of the player's own body, with the arena's movement rules
// (games/arena/ArenaGame.java stepPlayer, ArenaInput.java), reconciled with the server's
// lastInputSeq: the server state is authoritative, and the inputs it has not applied yet are
// replayed on top of it. Float math goes through Math.fround, as Java's float arithmetic does.

/** The arena's movement constants (ARENA-SCENARIO.md). */
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

/** One fixed step of a player body at (x, y) with input byte b: the new {x, y}, in world units. */
export function stepArenaPlayer(x, y, b, rules = ARENA) {
  const { dx, dy, sprint } = decodeArenaInput(b);
  let speed = f32(f32(sprint ? rules.sprintSpeed : rules.speed) * f32(1 / rules.tickHz));
  if (dx !== 0 && dy !== 0) {
    speed = f32(speed * DIAGONAL);
  }
  return {
    x: f32(clamp(f32(f32(x) + f32(dx * speed)), rules.worldSize)),
    y: f32(clamp(f32(f32(y) + f32(dy * speed)), rules.worldSize)),
  };
}

/**
 * The predicted body of the local player. Each fixed step applies the input last sent, tagged
 * with its sequence number; reconcile() restarts from the server's position and replays the steps
 * of inputs newer than the server's lastInputSeq. The displayed position hides corrections by
 * decaying the error over a few frames (snapping when it is large).
 */
export class Predictor {
  constructor(rules = ARENA) {
    this.rules = rules;
    this.x = NaN;
    this.y = NaN;
    this.input = encodeArenaInput(0, 0, false);
    this.seq = 0;
    this.history = []; // [{seq, input}] of the steps taken since the last acknowledged input
    this.errorX = 0;
    this.errorY = 0;
    this.corrections = 0;
  }

  /** True once a server position is known. */
  ready() {
    return !Number.isNaN(this.x);
  }

  /** The input sent with sequence number seq; it applies from the next step. */
  setInput(input, seq) {
    this.input = input;
    this.seq = seq;
  }

  /** Advances one fixed step (1 / tickHz s). */
  step() {
    if (!this.ready()) {
      return;
    }
    const p = stepArenaPlayer(this.x, this.y, this.input, this.rules);
    this.x = p.x;
    this.y = p.y;
    this.history.push({ seq: this.seq, input: this.input });
    if (this.history.length > 4 * this.rules.tickHz) {
      this.history.shift(); // four seconds without an acknowledgement: stop remembering
    }
  }

  /** Restarts from the server's (x, y) and lastInputSeq, replaying the unacknowledged steps. */
  reconcile(serverX, serverY, lastInputSeq) {
    const wasReady = this.ready();
    const oldX = this.x + this.errorX;
    const oldY = this.y + this.errorY;
    while (this.history.length > 0 && this.history[0].seq <= lastInputSeq) {
      this.history.shift();
    }
    let x = serverX;
    let y = serverY;
    for (const h of this.history) {
      const p = stepArenaPlayer(x, y, h.input, this.rules);
      x = p.x;
      y = p.y;
    }
    this.x = x;
    this.y = y;
    if (!wasReady) {
      return;
    }
    const ex = oldX - x;
    const ey = oldY - y;
    if (Math.hypot(ex, ey) > 150) {
      this.errorX = 0;
      this.errorY = 0;
    } else {
      this.errorX = ex;
      this.errorY = ey;
    }
    if (Math.abs(ex) > 0.5 || Math.abs(ey) > 0.5) {
      this.corrections++;
    }
  }

  /** The position to draw; call once a frame with the frame's duration to decay the error. */
  displayed(frameMs = 16.7) {
    const keep = Math.exp(-frameMs / 100);
    this.errorX *= keep;
    this.errorY *= keep;
    return { x: this.x + this.errorX, y: this.y + this.errorY };
  }
}
