// Client-side prediction of the local player's body, for any game. The game supplies its own
// movement rules as a pure step function; the predictor applies the last input sent once per
// fixed step, remembers the inputs the server has not applied yet, and reconcile() restarts from
// the server's body and replays them: the server state is authoritative (docs/PROTOCOL.md 7.2:
// the game publishes the last applied input seq, the arena as player.lastInputSeq).
//
//   const predictor = new Predictor({
//     tickHz: 60,
//     step: (body, input, dtSeconds) => ({ x: body.x + dx(input) * dtSeconds * 200, y: body.y }),
//   });
//   predictor.setInput(bytes, client.sendInput(bytes));    // after each INPUT
//   predictor.step();                                      // every 1 / tickHz s
//   predictor.reconcile({ x, y }, lastInputSeq);           // on every snapshot
//   draw(predictor.displayed(frameMs));
//
// A body is a plain object of numbers (for example {x, y}); step must not modify its argument.
// For bit-exact agreement with a Java game, do float arithmetic through Math.fround, as Java's
// float does.

const EMPTY_INPUT = new Uint8Array(0);

/** The numeric keys of a body, in insertion order. */
function numericKeys(body) {
  return Object.keys(body).filter((k) => typeof body[k] === 'number');
}

export class Predictor {
  /**
   * options.step(body, input, dtSeconds) -> body (required): one fixed step of the game's rules.
   * options.tickHz (default 60): fixed steps per second (WELCOME's tickHz).
   * options.idleInput (default an empty Uint8Array): the input before the first setInput.
   * options.maxHistory (default 4 s of steps): unacknowledged steps kept before the oldest is
   *   forgotten.
   * options.snapDistance (default 150): a correction larger than this (Euclidean, over the
   *   body's numeric fields) is shown at once instead of being smoothed away.
   * options.smoothingMs (default 100): the time constant of the correction's decay.
   */
  constructor(options = {}) {
    if (typeof options.step !== 'function') {
      throw new Error('Predictor: options.step(body, input, dtSeconds) is required');
    }
    this.stepBody = options.step;
    this.tickHz = options.tickHz ?? 60;
    this.dtSeconds = 1 / this.tickHz;
    this.maxHistory = options.maxHistory ?? 4 * this.tickHz;
    this.snapDistance = options.snapDistance ?? 150;
    this.smoothingMs = options.smoothingMs ?? 100;
    this.body = null;
    this.input = options.idleInput ?? EMPTY_INPUT;
    this.seq = 0;
    this.history = []; // [{seq, input}] of the steps taken since the last acknowledged input
    this.error = {}; // displayed - predicted, per numeric field; decays in displayed()
    this.corrections = 0;
  }

  /** True once a server body is known. */
  ready() {
    return this.body !== null;
  }

  /** The input sent with sequence number seq; it applies from the next step. */
  setInput(input, seq) {
    this.input = input;
    this.seq = seq;
  }

  /** Advances one fixed step (1 / tickHz s) with the current input. */
  step() {
    if (this.body === null) {
      return;
    }
    this.body = this.stepBody(this.body, this.input, this.dtSeconds);
    this.history.push({ seq: this.seq, input: this.input });
    if (this.history.length > this.maxHistory) {
      this.history.shift(); // no acknowledgement for that long: stop remembering
    }
  }

  /**
   * Restarts from the server's body (the state at the last snapshot) and lastInputSeq (the last
   * input the server applied), replaying the steps of the newer inputs.
   */
  reconcile(serverBody, lastInputSeq) {
    const old = this.body === null ? null : this.displayedNow();
    while (this.history.length > 0 && this.history[0].seq <= lastInputSeq) {
      this.history.shift();
    }
    let body = { ...serverBody };
    for (const h of this.history) {
      body = this.stepBody(body, h.input, this.dtSeconds);
    }
    this.body = body;
    if (old === null) {
      return;
    }
    const error = {};
    let squared = 0;
    let moved = false;
    for (const k of numericKeys(body)) {
      const e = typeof old[k] === 'number' ? old[k] - body[k] : 0;
      error[k] = e;
      squared += e * e;
      moved = moved || Math.abs(e) > 0.5;
    }
    this.error = Math.sqrt(squared) > this.snapDistance ? {} : error;
    if (moved) {
      this.corrections++;
    }
  }

  displayedNow() {
    const out = { ...this.body };
    for (const [k, e] of Object.entries(this.error)) {
      if (typeof out[k] === 'number') {
        out[k] += e;
      }
    }
    return out;
  }

  /**
   * The body to draw: the predicted one plus what is left of the last correction. Call once a
   * frame with the frame's duration, which decays the correction. Null before the first reconcile.
   */
  displayed(frameMs = 1000 / 60) {
    if (this.body === null) {
      return null;
    }
    const keep = Math.exp(-frameMs / this.smoothingMs);
    for (const k of Object.keys(this.error)) {
      this.error[k] *= keep;
    }
    return this.displayedNow();
  }
}
