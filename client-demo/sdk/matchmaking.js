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

/**
 * The bearer token of the next matchmaking request from options.token: a string, or a function
 * returning one or a Promise of one (called for every request, so that it can fetch a fresh token);
 * null (no Authorization header) when there is none or it is empty.
 */
export async function bearerToken(token) {
  const value = typeof token === 'function' ? await token() : token;
  if (value === undefined || value === null || value === '') {
    return null;
  }
  if (typeof value !== 'string') {
    throw new TypeError('TickcastClient: options.token must be a string or give one');
  }
  return value;
}

/**
 * A refused matchmaking request: status (the HTTP status), reason (the server's reason code, with
 * 401: why the token was refused; else undefined) and, from 401, auth = true: the client does not
 * try again with the same token on its own.
 */
export class MatchmakeError extends Error {
  constructor(game, status, body) {
    super(`matchmake ${game}: HTTP ${status} ${typeof body.error === 'string' ? body.error : ''}`.trim());
    this.name = 'MatchmakeError';
    this.status = status;
    this.reason = typeof body.reason === 'string' ? body.reason : undefined;
    this.auth = status === 401;
  }
}

/**
 * A seat for name in a room of game (POST /matchmake/:game), with the bearer token when there is
 * one: {roomId, token, url?, reconnectToken?, name?, subject?, ...}.
 */
async function matchmake({ fetch, baseUrl, game, name, token }) {
  const bearer = await bearerToken(token);
  const headers = { 'content-type': 'application/json' };
  if (bearer !== null) {
    headers.authorization = `Bearer ${bearer}`;
  }
  const res = await fetch(new URL(`/matchmake/${encodeURIComponent(game)}`, baseUrl), {
    method: 'POST',
    headers,
    body: JSON.stringify({ name }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new MatchmakeError(game, res.status, body !== null && typeof body === 'object' ? body : {});
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
   * Asks the server at baseUrl through fetch for seats in rooms of game, with the bearer token of
   * token (bearerToken) if any; onLimits(limits) hears of the server's limits once, and not at all
   * from a server that has none (the defaults hold).
   */
  constructor(fetch, baseUrl, game, onLimits, token = null) {
    this.#where = { fetch, baseUrl, game, token };
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
