// The client's way out: every frame to the server goes through one Sender, which writes it to the
// current socket, counts its bytes, numbers the inputs and keeps chat lines and game messages at
// the pace of limits.js. Inputs, pings and JOIN always go (the game's cadence is the game's), but
// they count toward the limit of all messages, so that the optional messages give way to them.
// With an interpolator (useInterpolator), inputs and game messages carry the view stamp of what it
// draws now, and pings the delay it draws with (lag compensation); without one, view 0 and delay 0.

import * as P from './protocol.js';
import * as M from './messages.js';
import { DEFAULT_LIMITS, paceUnder, TokenBucket } from './limits.js';
import { VIEW_STAMP_MAX } from './view.js';
import { truncateUtf8 } from './writer.js';

const OPEN = 1;

export class Sender {
  #socket = null;
  #stats;
  #now;
  #overrides;
  #seq = 0;
  #view = null;
  #all;
  #chat;
  #game;

  /**
   * Counts into stats, on the clock now; options may fix the chat and game-message pace
   * (TickcastClient's chatPerSecond, chatBurst, messagesPerSecond, messageBurst).
   */
  constructor(stats, now, { chatPerSecond, chatBurst, messagesPerSecond, messageBurst } = {}) {
    this.#stats = stats;
    this.#now = now;
    this.#overrides = { chatPerSecond, chatBurst, messagesPerSecond, messageBurst };
    this.pace(DEFAULT_LIMITS);
  }

  /** Paces the optional messages under these server limits (fresh buckets: a new connection's). */
  pace(limits) {
    const p = paceUnder(limits, this.#overrides);
    this.#all = new TokenBucket(p.messagesPerSecond, p.messageBurst, this.#now);
    this.#chat = new TokenBucket(p.chatPerSecond, p.chatBurst, this.#now);
    this.#game = new TokenBucket(p.gameMessagesPerSecond, p.gameMessageBurst, this.#now);
  }

  /** Writes to socket from now on (null: nowhere). */
  attach(socket) {
    this.#socket = socket;
  }

  /** True if socket is the one written to. */
  writesTo(socket) {
    return socket !== null && this.#socket === socket;
  }

  /** Stamps inputs and game messages with view.stamp(now) and pings with view.delayMs (null: none). */
  useInterpolator(view) {
    this.#view = view ?? null;
  }

  /** The view stamp to send now: the interpolator's, or 0 without one (or if it is not a stamp). */
  #stamp() {
    const view = this.#view === null ? 0 : this.#view.stamp(this.#now());
    return Number.isInteger(view) && view >= 0 && view <= VIEW_STAMP_MAX ? view : 0;
  }

  /** The interpolation delay to declare, in whole ms: the interpolator's, or 0 without one (or if not a number). */
  #viewDelay() {
    const ms = this.#view === null ? 0 : Math.round(this.#view.delayMs);
    return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 0x7fffffff) : 0;
  }

  /** Sends a PING with clientTime and the declared view delay; false if there is no open socket. */
  ping(clientTime) {
    return this.control(M.encodePing(clientTime, this.#viewDelay()));
  }

  /** A new seat numbers its inputs from 1 again; a resumed one continues. */
  restartNumbering() {
    this.#seq = 0;
  }

  /** Sends a control frame (JOIN, PING); false if there is no open socket. */
  control(bytes) {
    if (!this.#write(bytes)) {
      return false;
    }
    this.#all.charge();
    return true;
  }

  /** Sends one INPUT with the next sequence number; returns it, or 0 if not sent. */
  input(payload, joined) {
    if (!joined || payload.length > P.MAX_INPUT_PAYLOAD_BYTES) {
      return 0;
    }
    const seq = this.#seq + 1;
    if (!this.control(M.encodeInput(seq, this.#stamp(), payload))) {
      return 0;
    }
    this.#seq = seq;
    return seq;
  }

  /** Sends a chat line (TickcastClient.sendChat). */
  chat(text, enabled, joined) {
    const line = truncateUtf8(String(text).trim(), P.MAX_CHAT_BYTES).trim();
    if (line.length === 0) {
      return 'empty';
    }
    if (!enabled) {
      return 'disabled';
    }
    return joined ? this.#paced(this.#chat, () => M.encodeChatSend(line)) : 'not-joined';
  }

  /** Sends a game message (TickcastClient.sendMessage); a type or payload out of bounds is a RangeError. */
  message(type, payload, joined) {
    if (!Number.isInteger(type) || type < 0 || type > P.MAX_GAME_MESSAGE_TYPE) {
      throw new RangeError(`sendMessage: type ${type} is not an integer in 0..${P.MAX_GAME_MESSAGE_TYPE}`);
    }
    if (payload.length > P.MAX_GAME_PAYLOAD_BYTES) {
      throw new RangeError(`sendMessage: ${payload.length} bytes of payload, over ${P.MAX_GAME_PAYLOAD_BYTES}`);
    }
    return joined ? this.#paced(this.#game, () => M.encodeGameSend(type, this.#stamp(), payload)) : 'not-joined';
  }

  #paced(bucket, encode) {
    if (!this.#all.ready() || !bucket.take()) {
      return 'too-fast';
    }
    return this.control(encode()) ? 'sent' : 'not-joined';
  }

  #write(bytes) {
    const socket = this.#socket;
    if (socket === null || socket.readyState !== OPEN) {
      return false;
    }
    socket.send(bytes);
    this.#stats.bytesUp += bytes.length;
    return true;
  }
}
