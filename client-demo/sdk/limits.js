// The server's session rate limits, and the client-side pace a little under them. The server closes
// a connection that goes faster than its limits (4010, docs/PROTOCOL.md 12.2), so the client keeps
// under them itself and drops what would go over. The limits come from the server (GET /games:
// every game entry's `limits`); a server too old to send them is taken to have the defaults of
// TickcastOptions, below.

/** The defaults of the server's TickcastOptions: what an older server that does not say them has. */
export const DEFAULT_LIMITS = Object.freeze({
  /** Every client message (inputs, pings, chat lines, game messages) per second, and its burst. */
  messagesPerSecond: 60,
  messageBurst: 120,
  /** Chat lines per second and burst (a line over it is dropped by the server with a notice). */
  chatPerSecond: 2,
  chatBurst: 5,
  /** Game messages (GAME_SEND) per second and burst. */
  gameMessagesPerSecond: 20,
  gameMessageBurst: 40,
});

const RATES = ['messagesPerSecond', 'chatPerSecond', 'gameMessagesPerSecond'];
const BURSTS = ['messageBurst', 'chatBurst', 'gameMessageBurst'];

/**
 * The limits a GET /games entry carries, every field checked (a missing or nonsensical one is the
 * default), frozen; null when the entry carries none (an older server).
 */
export function limitsOf(gameEntry) {
  const given = gameEntry !== null && typeof gameEntry === 'object' ? gameEntry.limits : undefined;
  if (given === null || typeof given !== 'object') {
    return null;
  }
  const limits = { ...DEFAULT_LIMITS };
  for (const key of RATES) {
    if (Number.isFinite(given[key]) && given[key] > 0) {
      limits[key] = given[key];
    }
  }
  for (const key of BURSTS) {
    if (Number.isInteger(given[key]) && given[key] >= 1) {
      limits[key] = given[key];
    }
  }
  return Object.freeze(limits);
}

/**
 * The client's pace under the server's limits: 90 % of each rate, and each burst one less and at
 * most 90 % (never under 1). With the server's defaults that is today's 1.8 chat lines a second in
 * bursts of 4, and 18 game messages a second in bursts of 36. Options the caller gave win.
 */
export function paceUnder(limits, options = {}) {
  return {
    messagesPerSecond: limits.messagesPerSecond * 0.9,
    messageBurst: burstUnder(limits.messageBurst),
    chatPerSecond: options.chatPerSecond ?? limits.chatPerSecond * 0.9,
    chatBurst: options.chatBurst ?? burstUnder(limits.chatBurst),
    gameMessagesPerSecond: options.messagesPerSecond ?? limits.gameMessagesPerSecond * 0.9,
    gameMessageBurst: options.messageBurst ?? burstUnder(limits.gameMessageBurst),
  };
}

function burstUnder(burst) {
  return Math.max(1, Math.min(burst - 1, Math.floor(burst * 0.9)));
}

/**
 * A token bucket on the clock now(): take() is false when the rate is exceeded (and takes
 * nothing); charge() takes a token whatever is left (down to none), for what is sent anyway.
 */
export class TokenBucket {
  #perMs;
  #burst;
  #tokens;
  #now;
  #lastMs;

  constructor(perSecond, burst, now) {
    this.#perMs = perSecond / 1000;
    this.#burst = burst;
    this.#tokens = burst;
    this.#now = now;
    this.#lastMs = now();
  }

  /** True if a token is left: it is taken. */
  take() {
    if (this.#refill() < 1) {
      return false;
    }
    this.#tokens -= 1;
    return true;
  }

  /** True if a token is left, without taking it. */
  ready() {
    return this.#refill() >= 1;
  }

  /** Takes a token if there is one (what is sent whatever the pace still counts). */
  charge() {
    this.#tokens = Math.max(0, this.#refill() - 1);
  }

  #refill() {
    const t = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (t - this.#lastMs) * this.#perMs);
    this.#lastMs = t;
    return this.#tokens;
  }
}
