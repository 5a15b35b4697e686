// A Tickcast client: the façade over matchmaking over HTTP (matchmaking.js), one session per
// connection (session.js: JOIN, the decoded state, PING/PONG) over a WebSocket or, where that is
// blocked, the HTTP binding (http-socket.js; the choice is ladder.js), a pace under the server's
// rate limits for what it sends (sender.js, limits.js) and reconnection with back-off after a drop
// (reconnect.js). Users see only this class; everything it holds is private.
//
//   const client = new TickcastClient({ game: 'arena', name: 'ada' });
//   const off = client.on('state', (state, info) => render(state));   // off() unsubscribes
//   client.on('message', ({ type, payload }) => ...);                  // the game's own messages
//   await client.connect();
//   client.useInterpolator(interpolator);                            // stamps what you drew (lag compensation)
//   client.sendInput(Uint8Array.of(0x06));
//   client.sendMessage(1, Uint8Array.of(42));

import * as P from './protocol.js';
import { defineEventProperties, Emitter, PropertyListeners } from './events.js';
import { DEFAULT_LIMITS } from './limits.js';
import { NextRung, Probe, TransportLadder } from './ladder.js';
import { defaultBaseUrl, defaultFetch, Matchmaker } from './matchmaking.js';
import { Reconnector } from './reconnect.js';
import { Sender } from './sender.js';
import { Session } from './session.js';
import { NetStats } from './stats.js';
import { truncateUtf8 } from './writer.js';

export { listGames } from './matchmaking.js';

/**
 * One player's connection to a room. options.game (required) names the game to matchmake for;
 * options.token (a string, or a function giving one or a Promise of one, called for every
 * matchmaking) is sent as `Authorization: Bearer` when the server verifies players (identity on).
 * Events (client.on(event, listener) returns the unsubscribe): welcome(welcome), schema(schemas),
 * state(state, {full, bytes, arrivalMs}), chat({playerId, name, text, system}),
 * message({type, payload}), pong(rttMs), close({code, reason, willReconnect}), error(error),
 * status(status). status: 'idle' | 'matchmaking' | 'connecting' | 'joined' | 'reconnecting' | 'closed'.
 * Deprecated: the properties onWelcome ... onStatus (and the same options), one listener each.
 */
export class TickcastClient {
  #matchmaker;
  #ladder;
  #clock;
  #events = new Emitter(this);
  #properties = new PropertyListeners(this.#events);
  #sender;
  #reconnector;
  #session = null;
  #seat = null;
  /** The carrier being tried, then the one in use. */
  #rung = null;
  #transport = null;
  #limits = DEFAULT_LIMITS;
  #status = 'idle';
  #closedByUser = false;
  #identity = null;

  constructor(options = {}) {
    if (typeof options.game !== 'string' || options.game === '') {
      throw new Error('TickcastClient: options.game (the name of a hosted game, see GET /games) is required');
    }
    this.game = options.game;
    /** The game's entry of GET /games if the caller knows it (its chat flag and limits are honoured), or null. */
    this.gameInfo = options.gameInfo ?? null;
    this.name = truncateUtf8(String(options.name ?? 'player').trim(), P.MAX_NAME_BYTES).trim() || 'player';
    this.stats = new NetStats();
    this.#clock = { now: options.now ?? (() => globalThis.performance.now()),
      setTimer: options.setTimeout ?? globalThis.setTimeout.bind(globalThis),
      clearTimer: options.clearTimeout ?? globalThis.clearTimeout.bind(globalThis),
      pingIntervalMs: options.pingIntervalMs ?? 1000 };
    this.#sender = new Sender(this.stats, this.#clock.now, options);
    const fetch = options.fetch ?? defaultFetch();
    const baseUrl = options.baseUrl ?? defaultBaseUrl();
    this.#ladder = new TransportLadder(options, baseUrl, { fetch, clock: this.#clock });
    this.#matchmaker = new Matchmaker(fetch, baseUrl, this.game,
      (limits) => {
        this.#limits = limits;
        this.#sender.pace(limits);
      }, options.token ?? null);
    this.#reconnector = new Reconnector(this.#clock, { enabled: options.reconnect ?? true,
      maxAttempts: options.maxReconnectAttempts ?? 8, resumeWindowMs: options.resumeWindowMs ?? 15000 });
    this.#properties.assignFrom(options);
  }

  /** Calls listener on every `event` until the returned function is called. */
  on(event, listener) {
    return this.#events.on(event, listener);
  }

  /** Removes the earliest subscription of listener to event; true if there was one. */
  off(event, listener) {
    return this.#events.off(event, listener);
  }

  /** 'idle' | 'matchmaking' | 'connecting' | 'joined' | 'reconnecting' | 'closed'. */
  get status() {
    return this.#status;
  }

  /** The session limits the client paces itself under: the server's (GET /games), or the defaults. */
  get limits() {
    return this.#limits;
  }

  /**
   * The carrier of the match: 'websocket', 'http-stream' or 'http-poll' once a WELCOME came through
   * it (it is kept for the match, reconnections included), null before.
   */
  get transport() {
    return this.#transport;
  }

  /** The open WebSocket (or the HTTP carrier, which has the same surface), or null. */
  get ws() {
    return this.#session?.socket ?? null;
  }

  get welcome() {
    return this.#session?.welcome ?? null;
  }

  get schemas() {
    return this.#session?.schemas ?? null;
  }

  /** The latest decoded state, or null before the first snapshot. */
  get state() {
    return this.#session?.state ?? null;
  }

  /** In a room that sends its world by cells, the keys of the cells held now (increasing); else []. */
  get heldCells() {
    return this.#session?.heldCells ?? [];
  }

  /**
   * Who the server seated: {subject, name} from the last matchmaking answer (subject: the verified
   * token's subject, null for a guest; name: the name the server chose, which with identity on
   * comes from the token, not from options.name), or null before the first seat.
   */
  get identity() {
    return this.#identity;
  }

  /** The room id of the current seat, or null. */
  get roomId() {
    return this.welcome ? this.welcome.roomId : null;
  }

  /** The id of the entity this player controls, or -1. */
  get entityId() {
    return this.welcome ? this.welcome.entityId : -1;
  }

  /** False when the game is known (gameInfo) to have chat switched off. */
  get chatEnabled() {
    return this.gameInfo === null || this.gameInfo.chat !== false;
  }

  /**
   * Matchmakes and connects, trying the carriers in turn (options.transports) until one delivers
   * WELCOME; resolves with it.
   */
  async connect() {
    this.#closedByUser = false;
    this.#transport = null;
    return this.#ladder.climb((rung, last) => this.#tryRung(rung, last));
  }

  /**
   * Watches a room as a spectator with a spectator token from the admin API
   * (POST /admin/api/rooms/:id/watch: {roomId, token}); resolves with WELCOME (no entity). The
   * client then gets every snapshot but has no seat: its inputs and messages are ignored (its PINGs
   * are answered, so rtt works), and it does not reconnect (a token is single use).
   */
  spectate(seat) {
    this.#closedByUser = false;
    this.#reconnector.enabled = false;
    // one token, one try: the carrier the ladder would start with
    this.#rung = this.#ladder.order().find((rung) => this.#ladder.available(rung)) ?? 'websocket';
    return this.#open({ roomId: seat.roomId, token: seat.token });
  }

  /**
   * Stamps every INPUT and game message with what interpolator draws at the client's clock now, and
   * every PING with its delay: the server judges them against the world the player saw (lag
   * compensation). null (the default): view 0, delay 0. Again with the new one after a new WELCOME.
   */
  useInterpolator(interpolator) {
    this.#sender.useInterpolator(interpolator);
    this.#session?.pingNow(); // declares the delay now, not at the next regular PING
  }

  /** Sends one INPUT with the next sequence number (1, 2, ...); returns it, or 0 if not joined. */
  sendInput(payload) {
    return this.#sender.input(payload, this.#status === 'joined');
  }

  /**
   * Sends a chat line (trimmed to MAX_CHAT_BYTES of UTF-8). Returns 'sent', 'empty',
   * 'disabled' (the game has chat off), 'not-joined' or 'too-fast' (over the chat rate; the line
   * is dropped).
   */
  sendChat(text) {
    return this.#sender.chat(text, this.chatEnabled, this.#status === 'joined');
  }

  /**
   * Sends one game message (GAME_SEND): type 0..255 and 0..MAX_GAME_PAYLOAD_BYTES bytes of
   * payload, both the game's to define. Returns 'sent', 'not-joined' or 'too-fast' (over the
   * message rate; the message is dropped, so that the server never closes the connection for it).
   * A type or payload outside the limits is a bug of the caller: it throws a RangeError.
   */
  sendMessage(type, payload = new Uint8Array(0)) {
    return this.#sender.message(type, payload, this.#status === 'joined');
  }

  /** Leaves the room for good (no reconnect). */
  close() {
    this.#closedByUser = true;
    this.#reconnector.cancel();
    this.#session?.leave();
    this.#setStatus('closed');
  }

  static {
    defineEventProperties(TickcastClient.prototype, (client) => client.#properties);
  }

  #setStatus(status) {
    this.#status = status;
    this.#events.emit('status', status);
  }

  /**
   * One rung of the ladder: a seat, and a session over that carrier. Unless it is the last rung, a
   * carrier that fails or stays mute rejects with NextRung.
   */
  async #tryRung(rung, last) {
    if (this.#closedByUser) {
      throw new Error('closed');
    }
    if (!last && !this.#ladder.available(rung)) {
      throw new NextRung(`no ${rung} here`);
    }
    this.#setStatus('matchmaking');
    const seat = await this.#matchmade();
    this.#rung = rung;
    return this.#open(seat, false, last ? 0 : this.#ladder.timeoutMs);
  }

  /** A seat from the matchmaker, its identity kept; a refused token is also an error event. */
  async #matchmade() {
    try {
      return this.#seated(await this.#matchmaker.seat(this.name, this.gameInfo));
    } catch (e) {
      if (e?.auth) {
        this.#events.emit('error', e);
        this.#setStatus('closed');
      }
      throw e;
    }
  }

  /** Keeps who the matchmaker seated (its name and subject are optional: an older server sends neither). */
  #seated(seat) {
    this.#identity = { subject: typeof seat.subject === 'string' ? seat.subject : null,
      name: typeof seat.name === 'string' ? seat.name : this.name };
    return seat;
  }

  /**
   * Opens a session over the current carrier and claims the seat (or, when resume, reclaims it
   * with the reconnection token); resolves with WELCOME, rejects if the socket closes before.
   * probeMs > 0: the carrier is on trial (Probe): it has that long to deliver WELCOME.
   */
  #open(seat, resume = false, probeMs = 0) {
    if (this.#closedByUser) {
      return Promise.reject(new Error('closed'));
    }
    if (!resume) {
      this.#sender.restartNumbering();
      this.#reconnector.seated(seat);
    }
    this.#seat = seat;
    this.#setStatus('connecting');
    this.#session?.detach();
    const rung = this.#rung;
    let probe = null;
    const session = new Session({ ...this.#ladder.carrier(rung, seat, this.#matchmaker.baseUrl),
      token: resume ? this.#reconnector.token : seat.token,
      sender: this.#sender, stats: this.stats, clock: this.#clock, hooks: {
        joined: () => {
          probe?.done();
          probe = null; // a drop from now on is a drop, not a failed rung
          if (this.#transport === null) {
            this.#ladder.worked(rung); // the climb's outcome; reconnections do not renew it
          }
          this.#transport = rung;
          this.#reconnector.joined();
          this.#setStatus('joined');
        },
        emit: (event, ...args) => this.#events.emit(event, ...args),
        closed: (code, reason) => {
          if (probe !== null && TransportLadder.carrierFailed(code)) {
            probe.fail(`${rung} closed with ${code}`);
          } else {
            this.#dropped(code, reason);
          }
        },
        gone: (opened) => this.#reconnector.socketGone(resume, opened),
      } });
    this.#session = session;
    if (probeMs <= 0) {
      return session.joined;
    }
    probe = new Probe(session.joined, this.#clock, probeMs, () => {
      session.leave(); // closes the socket with 1000; the next rung takes a new seat
      if (this.#session === session) {
        this.#session = null;
      }
    });
    return probe.result;
  }

  /**
   * The connection is lost (code -1: the client gave it up); reconnects unless that is pointless
   * or final (a refused token).
   */
  #dropped(code, reason, final = false) {
    const wasJoined = this.welcome !== null;
    this.#session?.detach();
    this.#session = null;
    const willReconnect = this.#reconnector.dropped(code, wasJoined) && !this.#closedByUser && !final;
    this.#events.emit('close', { code, reason, willReconnect });
    if (willReconnect) {
      this.#setStatus('reconnecting');
      this.#reconnector.schedule(() => this.#retry());
    } else if (!this.#closedByUser) {
      this.#setStatus('closed');
    }
  }

  #retry() {
    if (this.#closedByUser) {
      return;
    }
    this.stats.reconnects++;
    // a socket that fails reports through its close, which schedules the next attempt
    if (this.#reconnector.resumeNext()) {
      this.#open(this.#seat, true).catch(() => {});
      return;
    }
    this.#setStatus('matchmaking');
    this.#matchmaker.seat(this.name, this.gameInfo).then(
      (seat) => this.#open(this.#seated(seat)).catch(() => {}),
      (e) => {
        this.#events.emit('error', e);
        this.#dropped(-1, e.message, e?.auth === true); // a refused token would be refused again
      });
  }
}
