// One session with a room: the socket to the seat's node (a WebSocket, or the HTTP carrier with the
// same surface), JOIN with the seat's token, then every server frame decoded (WELCOME, SCHEMA,
// SNAPSHOT or SNAPSHOT_CELLS into the room state, PONG, CHAT, GAME_MESSAGE) and reported to the client, and a PING
// every pingIntervalMs for the round trip (carrying the declared view delay, sender.js).
// A session is used once: a reconnection opens a new one. Once detached (the client dropped it or
// left), its socket's late events are ignored.

import * as P from './protocol.js';
import * as M from './messages.js';
import { SnapshotMirror } from './mirror.js';

const INT_MASK = 0x7fffffff;
/** The close code of a client that leaves: the server removes its player at once. */
const CLIENT_CLOSE = 1000;
/**
 * The close code of a client that drops a connection it cannot use (a snapshot it could not
 * decode): anything but 1000 is a drop, so the seat is kept and the resume brings a full snapshot.
 * Browsers allow 1000 and 3000-4999 from scripts; 4999 is not one of the server's codes.
 */
const CLIENT_RESYNC = 4999;

export class Session {
  #ws;
  #sender;
  #stats;
  #clock;
  #hooks;
  #live = true;
  #pingTimer = null;
  #welcome = null;
  #schemas = null;
  #mirror = null;
  #reject = () => {};

  /**
   * Opens the socket at url and joins with token. clock: {now, setTimer, clearTimer,
   * pingIntervalMs}. hooks: joined() on WELCOME, emit(event, ...args) for the client's events,
   * closed(code, reason) when the live session ends (code -1: it gave up, see #fail), and
   * gone(opened) whenever its socket closes. `joined` resolves with WELCOME and rejects if the
   * socket closes before.
   */
  constructor({ url, token, WebSocket, sender, stats, clock, hooks }) {
    this.#sender = sender;
    this.#stats = stats;
    this.#clock = clock;
    this.#hooks = hooks;
    this.joined = new Promise((resolve, reject) => {
      this.#reject = reject;
      let ws;
      try {
        ws = new WebSocket(url, P.SUBPROTOCOL);
      } catch (e) {
        this.#live = false;
        throw e; // rejects joined
      }
      ws.binaryType = 'arraybuffer';
      this.#ws = ws;
      sender.attach(ws);
      let opened = false;
      ws.onopen = () => {
        opened = true;
        if (this.#live) {
          sender.control(M.encodeJoin(token));
        }
      };
      ws.onmessage = (event) => {
        if (this.#live) {
          this.#frame(event.data);
          if (this.#welcome !== null) {
            resolve(this.#welcome);
          }
        }
      };
      ws.onclose = (event) => {
        hooks.gone(opened && ws.reached !== false); // (the HTTP carrier opens at once, reaches its node later)
        reject(new Error(`WebSocket closed before WELCOME: ${event.code} ${event.reason}`));
        if (this.#live) {
          hooks.closed(event.code, event.reason);
        }
      };
    });
  }

  /** The socket while the session is live, else null. */
  get socket() {
    return this.#live ? this.#ws : null;
  }

  get welcome() {
    return this.#welcome;
  }

  get schemas() {
    return this.#schemas;
  }

  /** The latest decoded state, or null before the first snapshot. */
  get state() {
    return this.#mirror !== null && this.#mirror.snapshots > 0 ? this.#mirror.current : null;
  }

  /** The keys of the cells held now (a room that sends SNAPSHOT_CELLS); else empty. */
  get heldCells() {
    return this.#mirror === null ? [] : this.#mirror.heldCells;
  }

  /** Sends a PING at once, between the regular ones (the view delay to declare has changed). */
  pingNow() {
    if (this.#live && this.#welcome !== null) {
      this.#sender.ping(Math.floor(this.#clock.now()) & INT_MASK);
    }
  }

  /** Stops the session: no more pings, frames or close reports; its socket is left as it is. */
  detach() {
    if (!this.#live) {
      return;
    }
    this.#live = false;
    this.#stopPing();
    if (this.#sender.writesTo(this.#ws)) {
      this.#sender.attach(null);
    }
  }

  /** Leaves the room: detaches and closes the socket (the server removes the player at once). */
  leave() {
    if (this.#live) {
      this.#close(CLIENT_CLOSE, 'bye');
    }
  }

  #close(code, reason) {
    const ws = this.#ws;
    this.detach();
    ws?.close(code, reason);
  }

  #frame(data) {
    if (typeof data === 'string') {
      this.#fail(new Error('text frame from the server'));
      return;
    }
    const bytes = new Uint8Array(data);
    const arrivalMs = this.#clock.now();
    this.#stats.bytesDown += bytes.length;
    this.#stats.messagesDown++;
    const msg = M.decodeMessage(bytes);
    if (msg === null || msg.value === null) {
      this.#fail(new Error(`malformed ${msg ? msg.name : 'unknown'} message (${bytes.length} bytes)`));
      return;
    }
    switch (msg.id) {
      case P.WELCOME:
        this.#onWelcome(msg.value);
        break;
      case P.SCHEMA:
        this.#schemas = msg.value.schemas;
        // WELCOME's entity: owned entries of SNAPSHOT_CELLS are coded against it (PROTOCOL.md 10.13)
        this.#mirror = new SnapshotMirror(this.#schemas, { body: this.#welcome?.entityId ?? -1 });
        this.#hooks.emit('schema', this.#schemas);
        break;
      case P.SNAPSHOT:
      case P.SNAPSHOT_CELLS:
        this.#onSnapshot(bytes, arrivalMs);
        break;
      case P.PONG:
        this.#onPong(msg.value);
        break;
      case P.CHAT:
        this.#onChat(msg.value);
        break;
      case P.GAME_MESSAGE:
        this.#hooks.emit('message', msg.value);
        break;
      default:
        this.#fail(new Error(`unexpected ${msg.name} from the server`));
    }
  }

  #onWelcome(welcome) {
    if (welcome.version !== P.VERSION) {
      this.#fail(new Error(`server speaks protocol version ${welcome.version}`));
      return;
    }
    this.#welcome = welcome;
    if (this.#mirror !== null) {
      this.#mirror.body = welcome.entityId;
    }
    this.#hooks.joined();
    this.#startPing();
    this.#hooks.emit('welcome', welcome);
  }

  #onSnapshot(bytes, arrivalMs) {
    if (this.#mirror === null) {
      this.#fail(new Error('SNAPSHOT before SCHEMA'));
      return;
    }
    const result = this.#mirror.apply(bytes);
    if (result.code !== 0) {
      // The server now believes we hold a state we could not build: every later delta would be
      // on the wrong baseline. Rejoin, which starts again from a full snapshot.
      this.#stats.decodeErrors++;
      this.#fail(new Error(`snapshot rejected (${result.code}): ${result.reason}`));
      return;
    }
    this.#stats.snapshots++;
    this.#stats.lastSnapshotBytes = bytes.length;
    if (result.full) {
      this.#stats.fullSnapshots++;
    }
    this.#hooks.emit('state', result.state, { full: result.full, bytes: bytes.length, arrivalMs });
  }

  /**
   * A CHAT with an empty name is a line from the server itself (no player's name is empty; its
   * playerId means nothing): for example the notice that one of our lines was over the chat rate
   * and was not sent (docs/PROTOCOL.md 8.3).
   */
  #onChat(chat) {
    const system = chat.name === '';
    this.#hooks.emit('chat', { playerId: system ? 0 : chat.playerId, name: chat.name, text: chat.text, system });
  }

  #onPong(pong) {
    const nowMs = Math.floor(this.#clock.now()) & INT_MASK;
    const rtt = (nowMs - pong.clientTime) & INT_MASK;
    const stats = this.#stats;
    stats.rttMs = rtt;
    stats.rttSmoothedMs = Number.isNaN(stats.rttSmoothedMs) ? rtt : stats.rttSmoothedMs * 0.8 + rtt * 0.2;
    this.#hooks.emit('pong', rtt);
  }

  #startPing() {
    this.#stopPing();
    const ping = () => {
      this.#sender.ping(Math.floor(this.#clock.now()) & INT_MASK);
      this.#pingTimer = this.#clock.setTimer(ping, this.#clock.pingIntervalMs);
    };
    ping();
  }

  #stopPing() {
    if (this.#pingTimer !== null) {
      this.#clock.clearTimer(this.#pingTimer);
      this.#pingTimer = null;
    }
  }

  /** The session cannot go on (a frame it cannot use): it drops the connection, keeping the seat. */
  #fail(error) {
    this.#hooks.emit('error', error);
    this.#reject(error);
    if (this.#live) {
      this.#close(CLIENT_RESYNC, 'client error');
      this.#hooks.closed(-1, error.message);
    }
  }
}
