// Matchmaking over HTTP (docs/PROTOCOL.md 3): POST /matchmake/:game for a seat, GET /games for the
// hosted games and the server's session limits. The seat's socket goes to the matchmaker's url:
// the node that hosts the room.

import { limitsOf } from './limits.js';

export function defaultBaseUrl() {
  return globalThis.location ? globalThis.location.origin : 'http://127.0.0.1:8080';
}

export function defaultFetch() {
  return globalThis.fetch.bind(globalThis);
}

/** Where a seat is claimed: the hosting node's WebSocket URL from the matchmaker, else the server asked. */
export function seatUrl(seat, baseUrl) {
  return typeof seat.url === 'string' && /^wss?:\/\//.test(seat.url) ? seat.url : wsUrl(baseUrl);
}

function wsUrl(baseUrl) {
  const u = new URL('/ws', baseUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

/**
 * The games a server hosts (GET /games): [{name, tickHz, snapshotEveryTicks, snapshotHz,
 * maxPlayers, chat, page, rooms, players, limits}]. Rejects on an HTTP error or an answer that is
 * not an array.
 */
export async function listGames(options = {}) {
  const fetchImpl = options.fetch ?? defaultFetch();
  const res = await fetchImpl(new URL('/games', options.baseUrl ?? defaultBaseUrl()), {
    headers: { accept: 'application/json' },
  });
  if (!res.ok) {
    throw new Error(`GET /games: HTTP ${res.status}`);
  }
  const games = await res.json();
  if (!Array.isArray(games)) {
    throw new Error('GET /games: the answer is not an array');
  }
  return games;
}

/** A seat for name in a room of game (POST /matchmake/:game): {roomId, token, url?, reconnectToken?, ...}. */
async function matchmake({ fetch, baseUrl, game, name }) {
  const res = await fetch(new URL(`/matchmake/${encodeURIComponent(game)}`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(`matchmake ${game}: HTTP ${res.status} ${body.error ?? ''}`.trim());
  }
  if (typeof body.token !== 'string' || typeof body.roomId !== 'string') {
    throw new Error('matchmake: answer without roomId and token');
  }
  return body;
}

/**
 * The session limits the server lists for game in GET /games (limits.js limitsOf), or null when it
 * lists none (an older server); undefined when the list could not be read (try again later).
 */
async function fetchLimits({ fetch, baseUrl, game }) {
  try {
    const games = await listGames({ fetch, baseUrl });
    return limitsOf(games.find((g) => g !== null && typeof g === 'object' && g.name === game) ?? null);
  } catch {
    return undefined;
  }
}

/** Seats in rooms of one game, and the server's session limits, learnt once. */
export class Matchmaker {
  #where;
  #onLimits;
  #limitsKnown = false;

  /**
   * Asks the server at baseUrl through fetch for seats in rooms of game; onLimits(limits) hears of
   * the server's limits once, and not at all from a server that has none (the defaults hold).
   */
  constructor(fetch, baseUrl, game, onLimits) {
    this.#where = { fetch, baseUrl, game };
    this.#onLimits = onLimits;
  }

  get baseUrl() {
    return this.#where.baseUrl;
  }

  /**
   * A seat for name; meanwhile, until they are known, the server's limits: from gameInfo (the
   * game's GET /games entry) when the caller has it, else from GET /games.
   */
  async seat(name, gameInfo) {
    const [seat] = await Promise.all([matchmake({ ...this.#where, name }), this.#learnLimits(gameInfo)]);
    return seat;
  }

  async #learnLimits(gameInfo) {
    if (this.#limitsKnown) {
      return;
    }
    const limits = gameInfo !== null ? limitsOf(gameInfo) : await fetchLimits(this.#where);
    if (limits === undefined || this.#limitsKnown) {
      return; // GET /games failed: the defaults for now, another try at the next matchmaking
    }
    this.#limitsKnown = true;
    if (limits !== null) {
      this.#onLimits(limits);
    }
  }
}
