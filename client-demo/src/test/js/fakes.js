// Fakes for the client tests: a WebSocket the test drives (FakeSocket), a matchmaker and game list
// (fakeFetch), timers the test fires (manualTimers), and a client joined through them.

import { TickcastClient } from '../../../sdk/client.js';
import * as M from '../../../sdk/messages.js';
import { VERSION } from '../../../sdk/protocol.js';

export class FakeSocket {
  static all = [];

  constructor(url, protocol) {
    this.url = url;
    this.protocol = protocol;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.();
    });
  }

  send(bytes) {
    this.sent.push(M.decodeMessage(bytes));
  }

  receive(bytes) {
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
  }

  close(code, reason) {
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }
}

/** A server older than the session limits: GET /games lists games without them. */
export const OLD_GAMES = [{ name: 'arena', tickHz: 60, chat: true }, { name: 'tanks', tickHz: 30, chat: true }];

/**
 * A fake matchmaker: POST /matchmake/... is recorded in calls and answers a new seat; GET /games
 * (the client reads the server's limits there) is recorded in listings and answers games.
 */
export function fakeFetch(calls, withReconnectToken = false, games = OLD_GAMES, listings = []) {
  return async (url, init) => {
    if (init?.method !== 'POST') {
      listings.push(String(url));
      return { ok: true, status: 200, json: async () => games };
    }
    calls.push({ url: String(url), body: JSON.parse(init.body) });
    const answer = { roomId: `room${calls.length}`, token: `tok${calls.length}`, game: 'arena', expiresInMs: 10000 };
    if (withReconnectToken) {
      answer.reconnectToken = `re${calls.length}`;
    }
    return { ok: true, status: 200, json: async () => answer };
  };
}

export function manualTimers() {
  const timers = [];
  return {
    timers,
    setTimeout: (fn, ms) => timers.push({ fn, ms }) - 1,
    clearTimeout: (id) => {
      if (id !== null && id !== undefined && timers[id]) {
        timers[id].fn = () => {};
      }
    },
  };
}

export const tick = () => new Promise((r) => setTimeout(r, 0));

export const WELCOME = M.encodeWelcome({ version: VERSION, roomId: 'r', game: 'arena', playerId: 0, entityId: 1,
  tickHz: 60, snapshotEveryTicks: 3 });

/** A client joined through a fake socket (matchmaking, JOIN, WELCOME); options override the defaults. */
export async function joinedClient(options = {}) {
  FakeSocket.all = [];
  const client = new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket,
    fetch: fakeFetch([]), now: () => 0, ...manualTimers(), ...options });
  const joined = client.connect();
  await tick();
  const ws = FakeSocket.all[0];
  ws.receive(WELCOME);
  await joined;
  return { client, ws };
}

/** The values of the messages with this id that went up the socket. */
export const sentOf = (ws, id) => ws.sent.filter((m) => m.id === id).map((m) => m.value);
