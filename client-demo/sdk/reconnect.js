// When and how the client comes back after its connection drops: with back-off, first resuming its
// seat with the matchmaker's reconnectToken (same player and entity, input numbering continued;
// docs/PROTOCOL.md 4.1), and once that is refused or the grace period is over, matchmaking again.
// A resumption whose socket never opens (its node is gone, say in a cluster) makes the next
// attempt matchmake at once.

import * as P from './protocol.js';

/**
 * Close codes after which reconnecting would only repeat the failure (a client bug or a refusal).
 * Every other code is a drop and is retried: among them CLOSE_GOING_AWAY (the server shuts down)
 * and CLOSE_JOIN_TIMEOUT (our JOIN did not arrive within the join deadline, a slow network: the
 * seat is resumed while the reconnection token is in its window, and matchmade again after).
 */
const FATAL_CLOSE_CODES = new Set([P.CLOSE_UNSUPPORTED_DATA, P.CLOSE_INVALID_PAYLOAD, P.CLOSE_POLICY,
  P.CLOSE_TOO_BIG, P.CLOSE_UNKNOWN_TYPE, P.CLOSE_NOT_JOINED, P.CLOSE_ALREADY_JOINED, P.CLOSE_BAD_VERSION,
  P.CLOSE_RATE_LIMITED, P.CLOSE_KICKED, P.CLOSE_REPLACED]);
/** Close codes that refuse a seat token: resuming with it again is pointless, matchmake instead. */
const SEAT_REFUSALS = new Set([P.CLOSE_BAD_SEAT, P.CLOSE_ROOM_CLOSED, P.CLOSE_SEAT_EXPIRED, P.CLOSE_SEAT_USED]);
const MAX_DELAY_MS = 8000;
const FIRST_DELAY_MS = 250;

export class Reconnector {
  #clock;
  #maxAttempts;
  #resumeWindowMs;
  #token = null;
  #droppedAtMs = 0;
  #matchmakeNext = false;
  #attempts = 0;
  #everJoined = false;
  #timer = null;

  /**
   * clock: {now, setTimer, clearTimer}. enabled: reconnect at all (a spectator does not).
   * resumeWindowMs: how long after a drop the reconnectToken is tried (the server's grace period).
   */
  constructor(clock, { enabled, maxAttempts, resumeWindowMs }) {
    this.#clock = clock;
    this.enabled = enabled;
    this.#maxAttempts = maxAttempts;
    this.#resumeWindowMs = resumeWindowMs;
  }

  /** The reconnection token of the current seat, or null. */
  get token() {
    return this.#token;
  }

  /** A new seat from the matchmaker: its reconnection token, if it has one. */
  seated(seat) {
    this.#token = typeof seat.reconnectToken === 'string' ? seat.reconnectToken : null;
  }

  /** WELCOME: the back-off starts again from its first delay. */
  joined() {
    this.#attempts = 0;
    this.#everJoined = true;
  }

  /** A socket closed: one that was resuming and never opened makes the next attempt matchmake. */
  socketGone(resuming, opened) {
    this.#matchmakeNext = resuming && !opened;
  }

  /** The connection dropped with code; wasJoined if it had its WELCOME. True if a retry follows. */
  dropped(code, wasJoined) {
    if (wasJoined) {
      this.#droppedAtMs = this.#clock.now();
    }
    if (SEAT_REFUSALS.has(code)) {
      this.#token = null;
    }
    return this.enabled && this.#everJoined && !FATAL_CLOSE_CODES.has(code) && this.#attempts < this.#maxAttempts;
  }

  /** Calls retry() after the next back-off delay: 250 ms doubling up to 8 s, +-25 %. */
  schedule(retry) {
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.#attempts) * (0.75 + Math.random() * 0.5);
    this.#attempts++;
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = null;
      retry();
    }, delay);
  }

  /**
   * Whether this attempt resumes the seat with its reconnection token (true) or matchmakes again
   * (false): it resumes while it has a token within the resume window, unless the last
   * resumption's socket never opened.
   */
  resumeNext() {
    const resume = this.#token !== null && this.#clock.now() - this.#droppedAtMs < this.#resumeWindowMs
      && !this.#matchmakeNext;
    this.#matchmakeNext = false;
    return resume;
  }

  /** Forgets a scheduled retry. */
  cancel() {
    if (this.#timer !== null) {
      this.#clock.clearTimer(this.#timer);
      this.#timer = null;
    }
  }
}
