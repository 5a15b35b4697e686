// Every constant of the wire contract, mirrored line for line from
// game-logic/src/main/java/dev/tickcast/wire/Protocol.java (docs/PROTOCOL.md defines them).
// Message ids are Kryo registration ids; Kryo writes a registered class as the varint id + 2,
// so the first byte of every frame is typeByte(id).

/** The WebSocket subprotocol a client must offer. */
export const SUBPROTOCOL = 'tickcast.v1';
/** The protocol version carried by JOIN and WELCOME. */
export const VERSION = 2;

// Client to server (Kryo registration ids).
/** JOIN: claim a reserved seat with its token. */
export const JOIN = 14;
/** INPUT: a sequence number and the game's input payload. */
export const INPUT = 15;
/** PING: the client's clock, echoed in PONG. */
export const PING = 16;
/** CHAT_SEND: a chat line for the room. */
export const CHAT_SEND = 17;
/** GAME_SEND: a game-defined message (a type and a payload) for the room's game. */
export const GAME_SEND = 18;

// Server to client.
/** WELCOME: the room, the player's ids and the tick rates. */
export const WELCOME = 30;
/** SCHEMA: the tables and fields of the game's state. */
export const SCHEMA = 31;
/** SNAPSHOT: a delta from a baseline the client holds (or a full state). */
export const SNAPSHOT = 32;
/** PONG: the PING's value and the server tick. */
export const PONG = 33;
/** CHAT: a chat line from a player of the room. */
export const CHAT = 34;
/** GAME_MESSAGE: a game-defined message (a type and a payload) from the room's game. */
export const GAME_MESSAGE = 35;
/** SNAPSHOT_CELLS: a big world by cells, a delta from the client's held cells (or a keyframe). */
export const SNAPSHOT_CELLS = 36;

// Limits.
/** The largest frame a client may send, in bytes. */
export const MAX_CLIENT_MESSAGE_BYTES = 4096;
/** The longest string in any message, in UTF-8 bytes. */
export const MAX_STRING_BYTES = 1024;
/** The longest player name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 32;
/** The longest seat token, in UTF-8 bytes. */
export const MAX_TOKEN_BYTES = 128;
/** The longest chat line, in UTF-8 bytes. */
export const MAX_CHAT_BYTES = 200;
/** The largest game input payload of one INPUT message, in bytes. */
export const MAX_INPUT_PAYLOAD_BYTES = 256;
/** The largest game message type (GAME_SEND and GAME_MESSAGE). */
export const MAX_GAME_MESSAGE_TYPE = 255;
/** The largest payload of one game message, in bytes (GAME_SEND and GAME_MESSAGE). */
export const MAX_GAME_PAYLOAD_BYTES = 1024;
/** The most game messages the server sends one player in one tick; more are not sent. */
export const MAX_GAME_MESSAGES_PER_TICK = 32;

// WebSocket close codes (RFC 6455 and the application range).
/** The client left or the server shut down. */
export const CLOSE_NORMAL = 1000;
/** The server is shutting down (a drop: reconnect). */
export const CLOSE_GOING_AWAY = 1001;
/** A text frame, where only binary frames are allowed. */
export const CLOSE_UNSUPPORTED_DATA = 1003;
/** A message that does not parse: truncated, bad varint, bad field, bad sequence. */
export const CLOSE_INVALID_PAYLOAD = 1007;
/** A message that parses but breaks a rule (for example, too many inputs per tick). */
export const CLOSE_POLICY = 1008;
/** A frame larger than MAX_CLIENT_MESSAGE_BYTES. */
export const CLOSE_TOO_BIG = 1009;
/** The game code failed; the room is closed. */
export const CLOSE_INTERNAL_ERROR = 1011;
/** The first byte names no client message. */
export const CLOSE_UNKNOWN_TYPE = 4000;
/** A message other than JOIN before the join. */
export const CLOSE_NOT_JOINED = 4001;
/** The seat token is unknown, expired or already used. */
export const CLOSE_BAD_SEAT = 4002;
/** JOIN sent twice on one connection. */
export const CLOSE_ALREADY_JOINED = 4003;
/** JOIN named a protocol version this server does not speak. */
export const CLOSE_BAD_VERSION = 4004;
/** The room closed (disposed) while the client was in it. */
export const CLOSE_ROOM_CLOSED = 4005;
/** The client stayed too far behind the snapshots for too long. */
export const CLOSE_SLOW_CONSUMER = 4006;
/** The seat token was genuine but has expired. */
export const CLOSE_SEAT_EXPIRED = 4007;
/** The seat token was genuine but has been used already. */
export const CLOSE_SEAT_USED = 4008;
/** Nothing was received from the client within the idle timeout (pongs count). */
export const CLOSE_TIMEOUT = 4009;
/** The client sent messages, chat lines or pings faster than its rate limit. */
export const CLOSE_RATE_LIMITED = 4010;
/** No valid JOIN arrived within the join deadline after the WebSocket opened (a drop: matchmake again). */
export const CLOSE_JOIN_TIMEOUT = 4011;
/** An operator removed the player from its room (the admin page's kick); do not reconnect. */
export const CLOSE_KICKED = 4012;
/**
 * Replaced by a newer login of the same identity: another connection of the same verified subject
 * took this connection's seat over; final for this connection: do not reconnect.
 */
export const CLOSE_REPLACED = 4013;

/** The first byte of a frame carrying message id: Kryo's class-id varint. */
export function typeByte(id) {
  return id + 2;
}

// The client messages and the rules the server applies to each before the room reads it,
// mirrored entry for entry from game-logic/src/main/java/dev/tickcast/wire/ClientMessages.java:
// beforeJoin (JOIN only; another first message closes with 4001, an unknown type byte with 4000),
// spectators (a spectator's PING is answered, its other messages ignored) and bucket (every
// message counts against the message limit; 'chat' and 'game' name a second limit it also takes).
export const CLIENT_MESSAGES = Object.freeze([
  Object.freeze({ id: JOIN, name: 'JOIN', beforeJoin: true, spectators: false, bucket: 'message' }),
  Object.freeze({ id: INPUT, name: 'INPUT', beforeJoin: false, spectators: false, bucket: 'message' }),
  Object.freeze({ id: PING, name: 'PING', beforeJoin: false, spectators: true, bucket: 'message' }),
  Object.freeze({ id: CHAT_SEND, name: 'CHAT_SEND', beforeJoin: false, spectators: false, bucket: 'chat' }),
  Object.freeze({ id: GAME_SEND, name: 'GAME_SEND', beforeJoin: false, spectators: false, bucket: 'game' }),
]);
