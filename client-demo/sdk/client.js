// A Tickcast client: matchmaking over HTTP, then one binary WebSocket (subprotocol tickcast.v1)
// that carries JOIN, INPUT, PING, CHAT_SEND and GAME_SEND up and WELCOME, SCHEMA, SNAPSHOT, PONG,
// CHAT and GAME_MESSAGE down. It keeps the decoded room state (snapshot.js), measures the
// round-trip time with a PING every second, counts bytes both ways, keeps chat lines and game
// messages under the server's rate limits, and reconnects with back-off when the connection drops
// unexpectedly: first it resumes its seat with the matchmaker's reconnectToken (same player and
// entity, input numbering continued; docs/PROTOCOL.md 4.1), and once that is refused or the grace
// period is over, it matchmakes again. A resumption whose socket never opens (its node is gone,
// say in a cluster) makes the next attempt matchmake at once. The socket goes to the matchmaker's
// url: the node that hosts the room.
//
//   const client = new TickcastClient({ game: 'arena', name: 'ada' });
//   client.onState = (state, info) => render(state);
//   await client.connect();
//   client.sendInput(Uint8Array.of(0x06));
//   client.onMessage = ({ type, payload }) => ...;       // the game's own messages
//   client.sendMessage(1, Uint8Array.of(42));

import * as P from './protocol.js';
import * as M from './messages.js';
import { NetStats, TokenBucket } from './stats.js';
import { SnapshotMirror } from './snapshot.js';
import { truncateUtf8 } from './writer.js';

/**
 * Close codes after which reconnecting would only repeat the failure (a client bug or a refusal).
 * Every other code is a drop and is retried: among them CLOSE_GOING_AWAY (the server shuts down)
 * and CLOSE_JOIN_TIMEOUT (our JOIN did not arrive within the join deadline, a slow network: the
 * seat is resumed while the reconnection token is in its window, and matchmade again after).
 */
const FATAL_CLOSE_CODES = new Set([P.CLOSE_UNSUPPORTED_DATA, P.CLOSE_INVALID_PAYLOAD, P.CLOSE_POLICY,
  P.CLOSE_TOO_BIG, P.CLOSE_UNKNOWN_TYPE, P.CLOSE_NOT_JOINED, P.CLOSE_ALREADY_JOINED, P.CLOSE_BAD_VERSION,
  P.CLOSE_RATE_LIMITED, P.CLOSE_KICKED]);
/** Close codes that refuse a seat token: resuming with it again is pointless, matchmake instead. */
const SEAT_REFUSALS = new Set([P.CLOSE_BAD_SEAT, P.CLOSE_ROOM_CLOSED, P.CLOSE_SEAT_EXPIRED, P.CLOSE_SEAT_USED]);
/** The close code of a client that leaves: the server removes its player at once. */
const CLIENT_CLOSE = 1000;
/**
 * The close code of a client that drops a connection it cannot use (a snapshot it could not
 * decode): anything but 1000 is a drop, so the seat is kept and the resume brings a full snapshot.
 * Browsers allow 1000 and 3000-4999 from scripts; 4999 is not one of the server's codes.
 */
const CLIENT_RESYNC = 4999;
const INT_MASK = 0x7fffffff;

function defaultBaseUrl() {
  return globalThis.location ? globalThis.location.origin : 'http://127.0.0.1:8080';
}

/** Where a seat is claimed: the hosting node's WebSocket URL from the matchmaker, else the server asked. */
function seatUrl(seat, baseUrl) {
  return typeof seat.url === 'string' && /^wss?:\/\//.test(seat.url) ? seat.url : wsUrl(baseUrl);
}

function wsUrl(baseUrl) {
  const u = new URL('/ws', baseUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

/**
 * The games a server hosts (GET /games): [{name, tickHz, snapshotEveryTicks, snapshotHz,
 * maxPlayers, chat, page}]. Rejects on an HTTP error or an answer that is not an array.
 */
export async function listGames(options = {}) {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
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
 * One player's connection to a room. options.game (required) names the game to matchmake for.
 * Callbacks (assign or pass in options): onWelcome(welcome), onSchema(schemas),
 * onState(state, {full, bytes, arrivalMs}), onChat({playerId, name, text, system}),
 * onMessage({type, payload}), onPong(rttMs), onClose({code, reason, willReconnect}),
 * onError(error), onStatus(status).
 * status: 'idle' | 'matchmaking' | 'connecting' | 'joined' | 'reconnecting' | 'closed'.
 */
export class TickcastClient {
  constructor(options = {}) {
    if (typeof options.game !== 'string' || options.game === '') {
      throw new Error('TickcastClient: options.game (the name of a hosted game, see GET /games) is required');
    }
    this.baseUrl = options.baseUrl ?? defaultBaseUrl();
    this.game = options.game;
    /** The game's entry of GET /games if the caller knows it (its chat flag is honoured), or null. */
    this.gameInfo = options.gameInfo ?? null;
    this.name = truncateUtf8(String(options.name ?? 'player').trim(), P.MAX_NAME_BYTES).trim() || 'player';
    this.reconnect = options.reconnect ?? true;
    this.maxReconnectAttempts = options.maxReconnectAttempts ?? 8;
    /** How long after a drop the reconnectToken is tried (the server's grace period, 15 s by default). */
    this.resumeWindowMs = options.resumeWindowMs ?? 15000;
    this.pingIntervalMs = options.pingIntervalMs ?? 1000;
    this.WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? (() => globalThis.performance.now());
    this.setTimer = options.setTimeout ?? globalThis.setTimeout.bind(globalThis);
    this.clearTimer = options.clearTimeout ?? globalThis.clearTimeout.bind(globalThis);
    for (const cb of ['onWelcome', 'onSchema', 'onState', 'onChat', 'onMessage', 'onPong', 'onClose', 'onError',
      'onStatus']) {
      this[cb] = options[cb] ?? (() => {});
    }
    // The server closes a connection that chats faster than its limit (CLOSE_RATE_LIMITED);
    // the defaults are the server's (TickcastOptions: 2 lines/s, bursts of 5), kept a little under.
    this.chatBucket = new TokenBucket(options.chatPerSecond ?? 1.8, options.chatBurst ?? 4, this.now);
    // Game messages have their own limit (TickcastOptions: 20 a second, bursts of 40).
    this.messageBucket = new TokenBucket(options.messagesPerSecond ?? 18, options.messageBurst ?? 36, this.now);
    this.stats = new NetStats();
    this.status = 'idle';
    this.ws = null;
    this.seat = null;
    this.welcome = null;
    this.schemas = null;
    this.mirror = null;
    this.seq = 0;
    this.reconnectToken = null;
    this.droppedAtMs = 0;
    this.matchmakeNext = false;
    this.attempts = 0;
    this.pingTimer = null;
    this.retryTimer = null;
    this.closedByUser = false;
    this.everJoined = false;
    this.rejectOpen = () => {};
  }

  /** The latest decoded state, or null before the first snapshot. */
  get state() {
    return this.mirror && this.mirror.snapshots > 0 ? this.mirror.current : null;
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

  setStatus(status) {
    this.status = status;
    this.onStatus(status);
  }

  /** Matchmakes and opens the WebSocket; resolves with WELCOME. */
  async connect() {
    this.closedByUser = false;
    this.setStatus('matchmaking');
    return this.openSocket(await this.matchmake());
  }

  async matchmake() {
    const res = await this.fetchImpl(new URL(`/matchmake/${encodeURIComponent(this.game)}`, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: this.name }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      throw new Error(`matchmake ${this.game}: HTTP ${res.status} ${body.error ?? ''}`.trim());
    }
    if (typeof body.token !== 'string' || typeof body.roomId !== 'string') {
      throw new Error('matchmake: answer without roomId and token');
    }
    return body;
  }

  /**
   * Watches a room as a spectator with a spectator token from the admin API
   * (POST /admin/api/rooms/:id/watch: {roomId, token}); resolves with WELCOME (no entity). The
   * client then gets every snapshot but has no seat: its inputs and messages are ignored (its PINGs
   * are answered, so rtt works), and it does not reconnect (a token is single use).
   */
  spectate(seat) {
    this.closedByUser = false;
    this.reconnect = false;
    return this.openSocket({ roomId: seat.roomId, token: seat.token });
  }

  /**
   * Opens the WebSocket and claims the seat (or, when resume, reclaims it with the reconnection
   * token); resolves with WELCOME, rejects if the socket closes before.
   */
  openSocket(seat, resume = false) {
    return new Promise((resolve, reject) => {
      if (this.closedByUser) {
        reject(new Error('closed'));
        return;
      }
      if (!resume) {
        this.seq = 0; // a new seat numbers its inputs from 1; a resumed one continues
        this.reconnectToken = typeof seat.reconnectToken === 'string' ? seat.reconnectToken : null;
      }
      const token = resume ? this.reconnectToken : seat.token;
      this.seat = seat;
      this.setStatus('connecting');
      const ws = new this.WebSocketImpl(seatUrl(seat, this.baseUrl), P.SUBPROTOCOL);
      ws.binaryType = 'arraybuffer';
      this.ws = ws;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        this.send(M.encodeJoin(token));
      };
      ws.onmessage = (event) => {
        if (ws === this.ws) {
          this.onFrame(event.data);
          if (this.welcome !== null) {
            resolve(this.welcome);
          }
        }
      };
      ws.onclose = (event) => {
        // a resumption whose socket never opened: the room's node is gone (or unreachable), so the
        // next attempt matchmakes again, and if that fails too, the one after tries to resume again
        this.matchmakeNext = resume && !opened;
        reject(new Error(`WebSocket closed before WELCOME: ${event.code} ${event.reason}`));
        if (ws === this.ws) {
          this.onSocketClosed(event.code, event.reason);
        }
      };
      this.rejectOpen = reject;
    });
  }

  onFrame(data) {
    if (typeof data === 'string') {
      this.fail(new Error('text frame from the server'));
      return;
    }
    const bytes = new Uint8Array(data);
    const arrivalMs = this.now();
    this.stats.bytesDown += bytes.length;
    this.stats.messagesDown++;
    const msg = M.decodeMessage(bytes);
    if (msg === null || msg.value === null) {
      this.fail(new Error(`malformed ${msg ? msg.name : 'unknown'} message (${bytes.length} bytes)`));
      return;
    }
    switch (msg.id) {
      case P.WELCOME:
        this.onWelcomeMessage(msg.value);
        break;
      case P.SCHEMA:
        this.schemas = msg.value.schemas;
        this.mirror = new SnapshotMirror(this.schemas);
        this.onSchema(this.schemas);
        break;
      case P.SNAPSHOT:
        this.onSnapshot(bytes, arrivalMs);
        break;
      case P.PONG:
        this.onPongMessage(msg.value);
        break;
      case P.CHAT:
        this.onChatMessage(msg.value);
        break;
      case P.GAME_MESSAGE:
        this.onMessage(msg.value);
        break;
      default:
        this.fail(new Error(`unexpected ${msg.name} from the server`));
    }
  }

  onWelcomeMessage(welcome) {
    if (welcome.version !== P.VERSION) {
      this.fail(new Error(`server speaks protocol version ${welcome.version}`));
      return;
    }
    this.welcome = welcome;
    this.attempts = 0;
    this.everJoined = true;
    this.setStatus('joined');
    this.startPing();
    this.onWelcome(welcome);
  }

  onSnapshot(bytes, arrivalMs) {
    if (this.mirror === null) {
      this.fail(new Error('SNAPSHOT before SCHEMA'));
      return;
    }
    const result = this.mirror.apply(bytes);
    if (result.code !== 0) {
      // The server now believes we hold a state we could not build: every later delta would be
      // on the wrong baseline. Rejoin, which starts again from a full snapshot.
      this.stats.decodeErrors++;
      this.fail(new Error(`snapshot rejected (${result.code}): ${result.reason}`));
      return;
    }
    this.stats.snapshots++;
    this.stats.lastSnapshotBytes = bytes.length;
    if (result.full) {
      this.stats.fullSnapshots++;
    }
    this.onState(result.state, { full: result.full, bytes: bytes.length, arrivalMs });
  }

  /**
   * A CHAT with an empty name is a line from the server itself (no player's name is empty; its
   * playerId means nothing): for example the notice that one of our lines was over the chat rate
   * and was not sent (docs/PROTOCOL.md 8.3).
   */
  onChatMessage(chat) {
    const system = chat.name === '';
    this.onChat({ playerId: system ? 0 : chat.playerId, name: chat.name, text: chat.text, system });
  }

  onPongMessage(pong) {
    const nowMs = Math.floor(this.now()) & INT_MASK;
    const rtt = (nowMs - pong.clientTime) & INT_MASK;
    this.stats.rttMs = rtt;
    this.stats.rttSmoothedMs = Number.isNaN(this.stats.rttSmoothedMs) ? rtt : this.stats.rttSmoothedMs * 0.8 + rtt * 0.2;
    this.onPong(rtt);
  }

  startPing() {
    this.stopPing();
    const ping = () => {
      this.send(M.encodePing(Math.floor(this.now()) & INT_MASK));
      this.pingTimer = this.setTimer(ping, this.pingIntervalMs);
    };
    ping();
  }

  stopPing() {
    if (this.pingTimer !== null) {
      this.clearTimer(this.pingTimer);
      this.pingTimer = null;
    }
  }

  send(bytes) {
    const ws = this.ws;
    if (ws === null || ws.readyState !== 1) {
      return false;
    }
    ws.send(bytes);
    this.stats.bytesUp += bytes.length;
    return true;
  }

  /** Sends one INPUT with the next sequence number (1, 2, ...); returns it, or 0 if not joined. */
  sendInput(payload) {
    if (this.status !== 'joined' || payload.length > P.MAX_INPUT_PAYLOAD_BYTES) {
      return 0;
    }
    const seq = this.seq + 1;
    if (!this.send(M.encodeInput(seq, payload))) {
      return 0;
    }
    this.seq = seq;
    return seq;
  }

  /**
   * Sends a chat line (trimmed to MAX_CHAT_BYTES of UTF-8). Returns 'sent', 'empty',
   * 'disabled' (the game has chat off), 'not-joined' or 'too-fast' (over the chat rate; the line
   * is dropped).
   */
  sendChat(text) {
    const line = truncateUtf8(String(text).trim(), P.MAX_CHAT_BYTES).trim();
    if (line.length === 0) {
      return 'empty';
    }
    if (!this.chatEnabled) {
      return 'disabled';
    }
    if (this.status !== 'joined') {
      return 'not-joined';
    }
    if (!this.chatBucket.take()) {
      return 'too-fast';
    }
    return this.send(M.encodeChatSend(line)) ? 'sent' : 'not-joined';
  }

  /**
   * Sends one game message (GAME_SEND): type 0..255 and 0..MAX_GAME_PAYLOAD_BYTES bytes of
   * payload, both the game's to define. Returns 'sent', 'not-joined' or 'too-fast' (over the
   * message rate; the message is dropped, so that the server never closes the connection for it).
   * A type or payload outside the limits is a bug of the caller: it throws a RangeError.
   */
  sendMessage(type, payload = new Uint8Array(0)) {
    if (!Number.isInteger(type) || type < 0 || type > P.MAX_GAME_MESSAGE_TYPE) {
      throw new RangeError(`sendMessage: type ${type} is not an integer in 0..${P.MAX_GAME_MESSAGE_TYPE}`);
    }
    if (payload.length > P.MAX_GAME_PAYLOAD_BYTES) {
      throw new RangeError(`sendMessage: ${payload.length} bytes of payload, over ${P.MAX_GAME_PAYLOAD_BYTES}`);
    }
    if (this.status !== 'joined') {
      return 'not-joined';
    }
    if (!this.messageBucket.take()) {
      return 'too-fast';
    }
    return this.send(M.encodeGameSend(type, payload)) ? 'sent' : 'not-joined';
  }

  /** Leaves the room for good (no reconnect). */
  close() {
    this.closedByUser = true;
    this.clearTimer(this.retryTimer);
    this.stopPing();
    if (this.ws !== null) {
      this.ws.close(CLIENT_CLOSE, 'bye');
    }
    this.ws = null;
    this.setStatus('closed');
  }

  fail(error) {
    this.onError(error);
    this.rejectOpen(error);
    if (this.ws !== null) {
      const ws = this.ws;
      ws.close(CLIENT_RESYNC, 'client error');
      this.onSocketClosed(-1, error.message);
    }
  }

  onSocketClosed(code, reason) {
    this.stopPing();
    if (this.welcome !== null) {
      this.droppedAtMs = this.now();
    }
    if (SEAT_REFUSALS.has(code)) {
      this.reconnectToken = null;
    }
    this.ws = null;
    this.welcome = null;
    this.mirror = null;
    this.schemas = null;
    const willReconnect = this.reconnect && this.everJoined && !this.closedByUser && !FATAL_CLOSE_CODES.has(code)
      && this.attempts < this.maxReconnectAttempts;
    this.onClose({ code, reason, willReconnect });
    if (willReconnect) {
      this.scheduleReconnect();
    } else if (!this.closedByUser) {
      this.setStatus('closed');
    }
  }

  scheduleReconnect() {
    const delay = Math.min(8000, 250 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts++;
    this.setStatus('reconnecting');
    this.retryTimer = this.setTimer(() => {
      if (this.closedByUser) {
        return;
      }
      this.stats.reconnects++;
      // a socket that fails reports through its onclose, which schedules the next attempt
      const resume = this.reconnectToken !== null && this.now() - this.droppedAtMs < this.resumeWindowMs
        && !this.matchmakeNext;
      this.matchmakeNext = false;
      if (resume) {
        this.openSocket(this.seat, true).catch(() => {});
        return;
      }
      this.setStatus('matchmaking');
      this.matchmake().then(
        (seat) => this.openSocket(seat).catch(() => {}),
        (e) => {
          this.onError(e);
          this.onSocketClosed(-1, e.message);
        });
    }, delay);
  }
}
