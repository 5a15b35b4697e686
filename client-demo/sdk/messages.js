// The control messages, mirroring wire/Messages.java. Every frame starts with the type byte
// (Kryo's class-id varint, id + 2). Bodies:
//
//   JOIN       varint version, string token                         client -> server
//   INPUT      varint seq, varint view, payload bytes (the rest)    client -> server
//   PING       varint clientTime, varint viewDelay                  client -> server
//   CHAT_SEND  string text                                          client -> server
//   WELCOME    varint version, string roomId, string game, varint playerId,
//              varint entityId + 1, varint tickHz, varint snapshotEveryTicks
//   PONG       varint clientTime, varint serverTick
//   CHAT       varint playerId, string name, string text
//   GAME_SEND     varint type (0..255), varint view, payload bytes (the rest, 0..1024)  client -> server
//   GAME_MESSAGE  varint type (0..255), payload bytes (the rest, 0..1024)  server -> client
//
// view is the view stamp (view.js viewStamp: 0 = no view, else 1 + (tick mod 512) * 32 + q, at
// most VIEW_STAMP_MAX); viewDelay the interpolation delay in ms the client draws with (0 = none).
// SCHEMA is schema.js, SNAPSHOT is snapshot.js. Decoders return null on malformed input.

import * as P from './protocol.js';
import { Reader } from './reader.js';
import { readSchemaBody } from './schema.js';
import { VIEW_STAMP_MAX } from './view.js';
import { Writer } from './writer.js';

function frame(id) {
  const w = new Writer();
  w.writeVarUInt(P.typeByte(id));
  return w;
}

/** JOIN {version, token}. */
export function encodeJoin(token, version = P.VERSION) {
  const w = frame(P.JOIN);
  w.writeVarUInt(version);
  w.writeString(token);
  return w.toBytes();
}

/** INPUT {seq, view, payload}: view a view stamp (0: none); payload a Uint8Array or an array of byte ints. */
export function encodeInput(seq, view, payload) {
  const w = frame(P.INPUT);
  w.writeVarUInt(seq);
  w.writeVarUInt(view);
  w.writeBytes(payload);
  return w.toBytes();
}

/**
 * PING {clientTime, viewDelay}: clientTime a non-negative int, typically milliseconds mod 2^31;
 * viewDelay the interpolation delay in whole ms (0: none or unknown).
 */
export function encodePing(clientTime, viewDelay = 0) {
  const w = frame(P.PING);
  w.writeVarUInt(clientTime);
  w.writeVarUInt(viewDelay);
  return w.toBytes();
}

/** CHAT_SEND {text}. */
export function encodeChatSend(text) {
  const w = frame(P.CHAT_SEND);
  w.writeString(text);
  return w.toBytes();
}

/**
 * GAME_SEND {type, view, payload}: a game message for the room's game; view a view stamp (0: none);
 * payload a Uint8Array or byte ints.
 */
export function encodeGameSend(type, view, payload = []) {
  const w = frame(P.GAME_SEND);
  w.writeVarUInt(type);
  w.writeVarUInt(view);
  w.writeBytes(payload);
  return w.toBytes();
}

/** GAME_MESSAGE (server side; for tests and tools). */
export function encodeGameMessage(type, payload = []) {
  const w = frame(P.GAME_MESSAGE);
  w.writeVarUInt(type);
  w.writeBytes(payload);
  return w.toBytes();
}

/** WELCOME (server side; for tests and tools). */
export function encodeWelcome(m) {
  const w = frame(P.WELCOME);
  w.writeVarUInt(m.version);
  w.writeString(m.roomId);
  w.writeString(m.game);
  w.writeVarUInt(m.playerId);
  w.writeVarUInt(m.entityId + 1);
  w.writeVarUInt(m.tickHz);
  w.writeVarUInt(m.snapshotEveryTicks);
  return w.toBytes();
}

/** PONG (server side; for tests and tools). */
export function encodePong(m) {
  const w = frame(P.PONG);
  w.writeVarUInt(m.clientTime);
  w.writeVarUInt(m.serverTick);
  return w.toBytes();
}

/** CHAT (server side; for tests and tools). */
export function encodeChat(m) {
  const w = frame(P.CHAT);
  w.writeVarUInt(m.playerId);
  w.writeString(m.name);
  w.writeString(m.text);
  return w.toBytes();
}

function done(r, value) {
  return r.fullyRead() && !r.failed ? value : null;
}

function readGameMessage(r) {
  const type = r.readVarUInt();
  if (type < 0 || type > P.MAX_GAME_MESSAGE_TYPE || r.remaining() > P.MAX_GAME_PAYLOAD_BYTES) {
    return null;
  }
  return { type, payload: r.readBytes(r.remaining()) };
}

/** A view stamp, or -1 if the varint is bad or the stamp above VIEW_STAMP_MAX. */
function readView(r) {
  const view = r.readVarUInt();
  return view > VIEW_STAMP_MAX ? -1 : view;
}

function readGameSend(r) {
  const type = r.readVarUInt();
  const view = type < 0 ? -1 : readView(r);
  if (type > P.MAX_GAME_MESSAGE_TYPE || view < 0 || r.remaining() > P.MAX_GAME_PAYLOAD_BYTES) {
    return null;
  }
  return { type, view, payload: r.readBytes(r.remaining()) };
}

const BODY_READERS = {
  [P.JOIN]: (r) => {
    const version = r.readVarUInt();
    const token = r.readString(P.MAX_TOKEN_BYTES);
    return version < 0 || token === null ? null : done(r, { version, token });
  },
  [P.INPUT]: (r) => {
    const seq = r.readVarUInt();
    const view = seq < 0 ? -1 : readView(r);
    if (view < 0 || r.remaining() > P.MAX_INPUT_PAYLOAD_BYTES) {
      return null;
    }
    return { seq, view, payload: r.readBytes(r.remaining()) };
  },
  [P.PING]: (r) => {
    const clientTime = r.readVarUInt();
    const viewDelay = clientTime < 0 ? -1 : r.readVarUInt();
    return viewDelay < 0 ? null : done(r, { clientTime, viewDelay });
  },
  [P.CHAT_SEND]: (r) => {
    const text = r.readString(P.MAX_CHAT_BYTES);
    return text === null ? null : done(r, { text });
  },
  [P.WELCOME]: (r) => {
    const version = r.readVarUInt();
    const roomId = r.readString(P.MAX_STRING_BYTES);
    const game = r.readString(P.MAX_STRING_BYTES);
    const playerId = r.readVarUInt();
    const entityId = r.readVarUInt() - 1;
    const tickHz = r.readVarUInt();
    const snapshotEveryTicks = r.readVarUInt();
    if (version < 0 || roomId === null || game === null || playerId < 0 || entityId < -1 || tickHz < 1
        || snapshotEveryTicks < 1) {
      return null;
    }
    return done(r, { version, roomId, game, playerId, entityId, tickHz, snapshotEveryTicks });
  },
  [P.SCHEMA]: (r) => {
    const schemas = readSchemaBody(r);
    return schemas === null ? null : { schemas };
  },
  [P.PONG]: (r) => {
    const clientTime = r.readVarUInt();
    const serverTick = r.readVarUInt();
    return clientTime < 0 || serverTick < 0 ? null : done(r, { clientTime, serverTick });
  },
  [P.GAME_SEND]: readGameSend,
  [P.GAME_MESSAGE]: readGameMessage,
  [P.CHAT]: (r) => {
    const playerId = r.readVarUInt();
    const name = r.readString(P.MAX_NAME_BYTES);
    const text = r.readString(P.MAX_CHAT_BYTES);
    return playerId < 0 || name === null || text === null ? null : done(r, { playerId, name, text });
  },
};

/** Message names by id, for logs and tests. */
export const MESSAGE_NAMES = {
  [P.JOIN]: 'JOIN', [P.INPUT]: 'INPUT', [P.PING]: 'PING', [P.CHAT_SEND]: 'CHAT_SEND',
  [P.GAME_SEND]: 'GAME_SEND', [P.WELCOME]: 'WELCOME', [P.SCHEMA]: 'SCHEMA', [P.SNAPSHOT]: 'SNAPSHOT',
  [P.PONG]: 'PONG', [P.CHAT]: 'CHAT', [P.GAME_MESSAGE]: 'GAME_MESSAGE', [P.SNAPSHOT_CELLS]: 'SNAPSHOT_CELLS',
};

/** The message id of a frame (its type byte - 2), or -1 if the frame is empty or the varint bad. */
export function messageId(bytes) {
  const id = new Reader(bytes).readVarUInt();
  return id < 2 ? -1 : id - 2;
}

/**
 * Decodes a whole frame: {id, name, value}, where value is null if the body is malformed.
 * A SNAPSHOT's or SNAPSHOT_CELLS's value is the frame itself (mirror.js decodes it against the
 * client's states);
 * an unknown id gives null.
 */
export function decodeMessage(bytes) {
  const r = new Reader(bytes);
  const type = r.readVarUInt();
  const id = type - 2;
  if (type < 2 || !(id in MESSAGE_NAMES)) {
    return null;
  }
  const value = id === P.SNAPSHOT || id === P.SNAPSHOT_CELLS ? bytes : BODY_READERS[id](r);
  return { id, name: MESSAGE_NAMES[id], value };
}
