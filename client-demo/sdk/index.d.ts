// Type declarations of @tickcast/client's public API (index.js). Hand-written; the type check in
// client-demo's tests (src/test/types/usage.ts) compiles a program against them, and a unit test
// checks that the runtime exports and these declarations name the same values.

// ---- protocol constants (docs/PROTOCOL.md) ---------------------------------------------------

/** The WebSocket subprotocol a client offers. */
export const SUBPROTOCOL: 'tickcast.v1';
/** The protocol version carried by JOIN and WELCOME. */
export const VERSION: 2;
/** The largest frame a client may send, in bytes. */
export const MAX_CLIENT_MESSAGE_BYTES: 4096;
/** The longest string in any message, in UTF-8 bytes. */
export const MAX_STRING_BYTES: 1024;
/** The longest player name, in UTF-8 bytes. */
export const MAX_NAME_BYTES: 32;
/** The longest seat token, in UTF-8 bytes. */
export const MAX_TOKEN_BYTES: 128;
/** The longest chat line, in UTF-8 bytes. */
export const MAX_CHAT_BYTES: 200;
/** The largest input payload of one INPUT message, in bytes. */
export const MAX_INPUT_PAYLOAD_BYTES: 256;
/** The largest game message type (sendMessage, onMessage). */
export const MAX_GAME_MESSAGE_TYPE: 255;
/** The largest payload of one game message, in bytes. */
export const MAX_GAME_PAYLOAD_BYTES: 1024;

/** The client left, or the room closed because it was empty. */
export const CLOSE_NORMAL: 1000;
/** The server is shutting down: a drop, the client reconnects. */
export const CLOSE_GOING_AWAY: 1001;
/** A text frame, where only binary frames are allowed. */
export const CLOSE_UNSUPPORTED_DATA: 1003;
/** A message that does not parse. */
export const CLOSE_INVALID_PAYLOAD: 1007;
/** A message that parses but breaks a rule; also a game's refusal of a join. */
export const CLOSE_POLICY: 1008;
/** A frame larger than MAX_CLIENT_MESSAGE_BYTES. */
export const CLOSE_TOO_BIG: 1009;
/** The game code failed; the room is closed. */
export const CLOSE_INTERNAL_ERROR: 1011;
/** The first byte names no client message. */
export const CLOSE_UNKNOWN_TYPE: 4000;
/** A message other than JOIN before the join. */
export const CLOSE_NOT_JOINED: 4001;
/** The seat token is not valid. */
export const CLOSE_BAD_SEAT: 4002;
/** JOIN sent twice on one connection. */
export const CLOSE_ALREADY_JOINED: 4003;
/** JOIN named a protocol version the server does not speak. */
export const CLOSE_BAD_VERSION: 4004;
/** The room closed while the client was in it or joining. */
export const CLOSE_ROOM_CLOSED: 4005;
/** The client could take no snapshot for too long. */
export const CLOSE_SLOW_CONSUMER: 4006;
/** The seat token is genuine but expired. */
export const CLOSE_SEAT_EXPIRED: 4007;
/** The seat token is genuine but was used already. */
export const CLOSE_SEAT_USED: 4008;
/** Nothing was received from the client within the idle timeout. */
export const CLOSE_TIMEOUT: 4009;
/** Messages, chat lines or pings faster than the rate limit. */
export const CLOSE_RATE_LIMITED: 4010;
/** No valid JOIN within the join deadline (5 s) after the WebSocket opened: a drop, not fatal. */
export const CLOSE_JOIN_TIMEOUT: 4011;
/** An operator kicked the player (the admin page): final, the client does not reconnect. */
export const CLOSE_KICKED: 4012;
/** A newer login of the same identity took the seat over: final, the client does not reconnect. */
export const CLOSE_REPLACED: 4013;

// ---- schema ------------------------------------------------------------------------------------

/** Field type ordinals (SCHEMA's type byte). */
export const INT: 0;
export const BOOL: 1;
export const STRING: 2;
export const QFLOAT: 3;
export type FieldType = typeof INT | typeof BOOL | typeof STRING | typeof QFLOAT;
/** Type names by ordinal: ['INT', 'BOOL', 'STRING', 'QFLOAT']. */
export const TYPE_NAMES: readonly string[];

/** One field of a table, as SCHEMA declares it. */
export interface FieldSchema {
  readonly name: string;
  readonly type: FieldType;
  /** The field's position: its bit in change masks. */
  readonly index: number;
  /** Quanta per unit (QFLOAT; 1 for the other types). */
  readonly scale: number;
  /** Predicted linearly by the snapshot codec. */
  readonly linear: boolean;
}

/** One table of the game's state. */
export interface TableSchema {
  readonly name: string;
  readonly fields: readonly FieldSchema[];
}

/** The index of the field called name in schema, or -1. */
export function fieldIndex(schema: TableSchema, name: string): number;
/** Decodes a whole SCHEMA frame (type byte included); null if malformed. */
export function decodeSchema(bytes: Uint8Array): TableSchema[] | null;

// ---- decoded state -----------------------------------------------------------------------------

/** A value as the game means it: QFLOAT as a number (q / scale), BOOL as a boolean. */
export type FieldValue = number | boolean | string;
/** An entity as an object: its id and one property per field. */
export type Entity = { id: number } & Record<string, FieldValue>;

/** The entities of one table at one tick, in increasing id order. Never modified once built. */
export class TableState {
  readonly schema: TableSchema;
  readonly ids: readonly number[];
  readonly name: string;
  readonly count: number;
  /** The largest id, or -1 if empty. */
  maxId(): number;
  /** The row of entity id, or -1. */
  rowOf(id: number): number;
  /** The wire value of field f at row: a quantized int, 0/1 for BOOL, a string for STRING. */
  raw(row: number, f: number): number | string;
  /** The value as the game means it: QFLOAT as q / scale, BOOL as a boolean. */
  value(row: number, f: number): FieldValue;
  /** The entity at row as an object: wire values, or game values when numbers is true. */
  entity(row: number, numbers?: boolean): Entity;
}

/** The state of a room at one tick: one TableState per table, in schema order. */
export class State {
  readonly schemas: readonly TableSchema[];
  /** The tick, or NO_TICK for the empty state. */
  readonly tick: number;
  readonly tables: readonly TableState[];
  /** The table called name, or undefined. */
  table(name: string): TableState | undefined;
  /** The golden-vector form: {tick, tables: [{name, entities}]}. */
  toJSON(): { tick: number; tables: { name: string; entities: Entity[] }[] };
}

/** SnapshotMirror.apply result codes. */
export const OK: 0;
export const MALFORMED: -1;
export const WRONG_BASE: -2;
/** The tick of the empty state. */
export const NO_TICK: -1;

export type ApplyResult =
  | { code: typeof OK; full: boolean; state: State }
  | { code: typeof MALFORMED | typeof WRONG_BASE; reason: string };

/**
 * An owned entry of a SNAPSHOT_CELLS (docs/PROTOCOL.md 10.13): fields only the entity's owner
 * receives, shown for that tick only. values[f] is set for each field f in mask (wire values).
 */
export interface OwnedEntry {
  /** The table's index in the schema. */
  readonly table: number;
  readonly id: number;
  readonly mask: number;
  readonly values: readonly (number | string | undefined)[];
}

/** A client's state of a cells room as SNAPSHOT_CELLS defines it: global tables and held cells. */
export interface CellState {
  /** The tick, or NO_TICK for the empty state. */
  readonly tick: number;
  /** The held cell keys, increasing. */
  readonly keys: readonly number[];
  /** Per table, true for a global table; null in the empty state. */
  readonly globalMask: readonly boolean[] | null;
  /** Per held cell key, its cell tables (null at global tables). */
  readonly cells: ReadonlyMap<number, readonly (TableState | null)[]>;
  /** The held cell whose cell tables hold id, or -1. */
  cellOf(id: number): number;
}

/**
 * A client's copy of the room state: the current state and the one before it. It takes SNAPSHOT
 * (the whole world) or SNAPSHOT_CELLS (a big world by cells), whichever its room sends; for a
 * cells room, current is the union of the global tables and the held cells, owned values applied.
 */
export class SnapshotMirror {
  /** body: the client's own entity, WELCOME's entityId (default -1, none). */
  constructor(schemas: readonly TableSchema[], options?: { body?: number });
  readonly schemas: readonly TableSchema[];
  /**
   * The client's own entity (WELCOME's entityId, -1 for none): SNAPSHOT_CELLS codes owned entries'
   * ids against it, so set it before the first cells snapshot.
   */
  body: number;
  readonly current: State;
  readonly previous: State;
  /** Snapshots applied. */
  readonly snapshots: number;
  readonly fullSnapshots: number;
  /** The kind of snapshot the room sends, once one was applied. */
  readonly kind: 'snapshot' | 'cells' | null;
  /** The keys of the cells held now, increasing (empty unless a cells room): for a minimap. */
  readonly heldCells: readonly number[];
  /** The decoder's state of a cells room now (the baseline: owned values not applied). */
  readonly cells: CellState;
  /** The owned entries of the last SNAPSHOT_CELLS. */
  readonly owned: readonly OwnedEntry[];
  /** The held cell the entity id is in, or -1 (not held, global, or not a cells room). */
  cellOf(id: number): number;
  /** Applies one SNAPSHOT or SNAPSHOT_CELLS frame (type byte included); on failure nothing changes. */
  apply(bytes: Uint8Array, offset?: number, length?: number): ApplyResult;
}

// ---- interpolation -----------------------------------------------------------------------------

export interface InterpolatorOptions {
  /** WELCOME's tickHz (default 60). */
  tickHz?: number;
  /** WELCOME's snapshotEveryTicks (default 3). */
  snapshotEveryTicks?: number;
  /** States kept (default 32). */
  maxStates?: number;
  /** Per table, the QFLOAT fields holding angles in radians, blended along the shorter arc. */
  angular?: Record<string, readonly string[]>;
}

/** Interpolates remote entities between snapshots, drawn an adaptive delay behind. */
export class Interpolator {
  constructor(options?: InterpolatorOptions);
  /** The current render delay, in ms. */
  readonly delayMs: number;
  /** The smoothed jitter of snapshot arrivals, in ms. */
  readonly jitterMs: number;
  /** The nominal time between snapshots, in ms. */
  readonly periodMs: number;
  /** Forgets every state (a new room or a rejoin). */
  reset(): void;
  /** Adds a decoded state that arrived at arrivalMs (the clock of nowMs below). */
  push(state: State, arrivalMs: number): void;
  /** The server time, in ms, drawn at local time nowMs. */
  renderServerMs(nowMs: number): number;
  /** The states around the render time and the blend factor t in [0, 1], or null. */
  bracket(nowMs: number): { a: State; b: State; t: number } | null;
  /** The entities of one table at nowMs, QFLOAT fields blended. */
  entities(tableName: string, nowMs: number): Entity[];
  /**
   * The view stamp of what is drawn at nowMs (see viewStamp): 0 before the first state; the newest
   * state past it, the oldest before it; else the earlier state of the bracket and t in 32nds.
   */
  stamp(nowMs: number): number;
}

/**
 * The view stamp of a picture drawn from snapshot tick (an int >= 0), q/32 of the way to the next
 * (q an int in 0..31): 1 + (tick mod 512) * 32 + q. Throws a RangeError otherwise.
 */
export function viewStamp(tick: number, q: number): number;

/** What TickcastClient.useInterpolator reads: an Interpolator, or anything that stamps views the same way. */
export interface ViewSource {
  /** The view stamp at nowMs (the client's clock), 0 for none. */
  stamp(nowMs: number): number;
  /** The interpolation delay in ms that other entities are drawn with. */
  readonly delayMs: number;
}

// ---- prediction --------------------------------------------------------------------------------

/**
 * A predicted body: a plain object, for example {x, y}. Its numeric fields are the ones a
 * correction is smoothed on; other fields are carried along.
 */
export type Body = object;

export interface PredictorOptions<B extends Body> {
  /** One fixed step of the game's rules; must not modify body. */
  step(body: B, input: Uint8Array, dtSeconds: number): B;
  /** Fixed steps per second (default 60). */
  tickHz?: number;
  /** The input before the first setInput (default empty). */
  idleInput?: Uint8Array;
  /** Unacknowledged steps remembered (default 4 s worth). */
  maxHistory?: number;
  /** A larger correction is shown at once, not smoothed (default 150). */
  snapDistance?: number;
  /** The time constant of a correction's decay, in ms (default 100). */
  smoothingMs?: number;
}

/** Client-side prediction of the local player, reconciled with the server's last applied input. */
export class Predictor<B extends Body = Record<string, number>> {
  constructor(options: PredictorOptions<B>);
  /** The predicted body, or null before the first reconcile. */
  readonly body: B | null;
  /** Corrections larger than half a unit seen so far. */
  readonly corrections: number;
  /** Steps taken with inputs the server has not acknowledged yet. */
  readonly history: readonly { seq: number; input: Uint8Array }[];
  /** True once a server body is known. */
  ready(): boolean;
  /** The input sent with sequence number seq (TickcastClient.sendInput's result). */
  setInput(input: Uint8Array, seq: number): void;
  /** Advances one fixed step. */
  step(): void;
  /** Restarts from the server's body and replays the inputs newer than lastInputSeq. */
  reconcile(serverBody: B, lastInputSeq: number): void;
  /** The body to draw, the last correction decaying over frames; null before the first reconcile. */
  displayed(frameMs?: number): B | null;
}

// ---- recordings (docs/PROTOCOL.md, "Recordings") ----------------------------------------------

/** CRC-32C (Castagnoli, as java.util.zip.CRC32C) of bytes[from, to), unsigned. */
export function crc32c(bytes: Uint8Array, from?: number, to?: number): number;

/** The head of a recording: who, when, at what rates, and the game's schema. */
export interface RecordingHead {
  formatVersion: number;
  protocolVersion: number;
  game: string;
  roomId: string;
  /** When the recording started, in ms since the epoch. */
  startedAtMs: number;
  tickHz: number;
  snapshotEveryTicks: number;
  /** The ticks a fragment covers. */
  fragmentTicks: number;
  /** Null if the SCHEMA bytes do not decode (nothing can be played then). */
  schema: TableSchema[] | null;
  /** The SCHEMA message as sent, type byte included. */
  schemaBytes: Uint8Array;
}

/**
 * One entry of a fragment, in tick order; bytes are the message exactly as sent. A chat line's and a
 * game message's fields are there when its bytes decode (the archive does not check them).
 */
export type RecordingEntry =
  | { tick: number; type: 'snapshot'; bytes: Uint8Array }
  | { tick: number; type: 'chat'; bytes: Uint8Array; playerId?: number; name?: string; text?: string }
  | { tick: number; type: 'gameMessage'; bytes: Uint8Array; messageType?: number; payload?: Uint8Array }
  | { tick: number; type: 'join'; playerId: number; name: string }
  | { tick: number; type: 'leave'; playerId: number }
  | { tick: number; type: 'mark'; text: string };

/** A few seconds of a recording, decodable from its own keyframe when hasFull. */
export interface RecordingFragment {
  /** The fragment block's byte offset in the file. */
  offset: number;
  number: number;
  startTick: number;
  /** The tick of its last entry (startTick if none). */
  endTick: number;
  hasFull: boolean;
  /** A full SNAPSHOT of startTick (the keyframe), or null when thinned away. */
  full: Uint8Array | null;
  entries: RecordingEntry[];
}

export interface RecordingMarker {
  tick: number;
  text: string;
}

/** What readRecording read: everything before the first damaged block. */
export interface Recording {
  /** Null when even the head is unreadable. */
  head: RecordingHead | null;
  fragments: RecordingFragment[];
  markers: RecordingMarker[];
  /** The most players seated at once. */
  players: number;
  /** The last entry's tick (0 with no fragment). */
  endTick: number;
  /** (endTick - the first startTick) * 1000 / tickHz, rounded down. */
  durationMs: number;
  /** A finished file's index (it agrees with the fragments read), else null. */
  index: {
    fragments: { offset: number; startTick: number; hasFull: boolean }[];
    markers: RecordingMarker[];
    endTick: number;
    players: number;
    durationMs: number;
  } | null;
  /** True for a whole finished file: head, fragments, a good index, the trailer, nothing after. */
  finished: boolean;
  /** Null, or "damaged at byte N: reason". */
  damage: string | null;
  /** N of damage, or -1. */
  damageAt: number;
  /** The bytes before the damage. */
  readableBytes: number;
  /** The archive read (not copied). */
  bytes: Uint8Array;
}

/** Reads a recording archive (.tcrec) block by block, checking lengths and CRCs; never throws on bad bytes. */
export function readRecording(bytes: Uint8Array | ArrayBuffer): Recording;

/** The states of a recording by tick, decoded forward from the last keyframe at or before the tick asked. */
export class RecordingPlayer {
  /** Throws if the recording has no head. */
  constructor(recording: Recording);
  readonly recording: Recording;
  readonly schemas: TableSchema[] | null;
  /** Null, or why playing stopped (a snapshot that did not decode, or no readable schema). */
  readonly error: string | null;
  /** The decoder's own words on that snapshot. */
  readonly errorDetail: string | null;
  /** The first tick with a state, or -1. */
  readonly firstTick: number;
  readonly endTick: number;
  /** The state reached last (null before any). */
  readonly current: State | null;
  /** The state of the last snapshot at or before tick; null before the first, or on an error. */
  stateAt(tick: number): State | null;
  /** Steps to the next snapshot (after a stateAt); false at the end or on an error. */
  next(): boolean;
  /** The tick next() would reach, or -1. */
  nextTick(): number;
  /** Every snapshot state in tick order. */
  states(): Generator<State, void, unknown>;
  /** The chat, gameMessage, join, leave and mark entries with from < tick <= to. */
  eventsBetween(from: number, to: number): Exclude<RecordingEntry, { type: 'snapshot' }>[];
}

// ---- delayed broadcast (docs/PROTOCOL.md, "Delayed broadcast") ---------------------------------

/** The JSON of GET /broadcasts/{bid}/sync. */
export interface BroadcastSync {
  protocolVersion: number;
  formatVersion: number;
  game: string;
  room: string;
  tickHz: number;
  snapshotEveryTicks: number;
  fragmentTicks: number;
  /** The broadcast's delay D, in ms. */
  delayMs: number;
  /** The newest published fragment. */
  fragment: number;
  startTick: number;
  /** The tick where the next fragment starts (or, once ended, just past the last entry). */
  endTick: number;
  /** Ms since the fragment was finished (at least delayMs). */
  endAgeMs: number;
  /** The oldest fragment still held. */
  oldest: number;
  ended: boolean;
}

export interface BroadcastClientOptions {
  /** Default: globalThis.fetch. */
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
  /** The client clock in ms. Default: Date.now. */
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: any) => void;
  /** Extra ms behind live beyond D + F. Default 500. */
  marginMs?: number;
  /**
   * Fragments ending more than this many ms behind the tick shown are dropped (at least 4 stay);
   * the player still plays from the oldest held. Default 120000.
   */
  keepMs?: number;
  /**
   * After each sync, ask it this many more times, 250 ms apart, and keep the answer that implies
   * the earliest publication (a cache serves sync up to its max-age late). Default 8; 0: none.
   */
  syncSamples?: number;
}

export interface BroadcastStats {
  requests: number;
  bytes: number;
  /** 404s for a fragment not published yet. */
  notYet: number;
  stalls: number;
  fragments: number;
  errors: number;
  /** Fragments dropped for being more than keepMs behind the tick shown. */
  dropped: number;
}

/** A fragment received: its number and ticks. */
export interface BroadcastFragmentEvent {
  number: number;
  startTick: number;
  endTick: number;
}

/**
 * A viewer of a delayed broadcast: sync, then start, full and delta of the newest fragment, then
 * each next delta when it is due; a growing recording played by `player`.
 */
export class BroadcastClient {
  /** Throws a TypeError when syncUrl's path does not end in /sync. */
  constructor(syncUrl: string, options?: BroadcastClientOptions);
  readonly syncUrl: string;
  marginMs: number;
  keepMs: number;
  syncSamples: number;
  /** Null before start. */
  readonly head: RecordingHead | null;
  /** The fragments received (offset -1: not from a file); null before start. */
  readonly recording: Recording | null;
  /** Plays `recording`; a new one when the client had to start over (410). Null before start. */
  readonly player: RecordingPlayer | null;
  /** The last sync answer. */
  readonly sync: BroadcastSync | null;
  /** True once the broadcast ended and its last fragment is held. */
  readonly ended: boolean;
  readonly stats: BroadcastStats;
  /** An object's URL, the sync URL's query appended. */
  objectUrl(n: number, object: 'start' | 'full' | 'delta'): string;
  /** Loads the newest fragment; rejects (after an 'error' event) if it cannot. */
  start(): Promise<void>;
  /** Stops fetching; what was received stays. */
  stop(): void;
  on(event: 'fragment', listener: (f: BroadcastFragmentEvent) => void): () => void;
  on(event: 'stall', listener: (s: { tick: number }) => void): () => void;
  on(event: 'ended', listener: () => void): () => void;
  on(event: 'error', listener: (error: Error & { status: number }) => void): () => void;
  /** The live tick at client time t (default now), fractional. */
  liveTick(t?: number): number;
  /** The tick to show at t: D + F + margin behind live, never past the last tick held; -1 before start. */
  playbackTick(t?: number): number;
  /** How far behind live the tick shown at t is, in ms. */
  delayMs(t?: number): number;
}

// ---- replays (sdk/replay.js) ----------------------------------------------------------------------

/** The fragment cache bound of openRecording by default, in bytes (16 MiB). */
export const DEFAULT_CACHE_BYTES: number;
/** ReplayClock's slowest speed (0.25). */
export const MIN_SPEED: number;
/** ReplayClock's fastest speed (8). */
export const MAX_SPEED: number;

/** Options of openRecording. */
export interface OpenRecordingOptions {
  /** The fetch to use (default globalThis.fetch). */
  fetch?: (url: string, init?: { headers?: Record<string, string> }) => Promise<Response>;
  /** The bound of the cache of loaded fragments, in bytes of their blocks (default DEFAULT_CACHE_BYTES). */
  cacheBytes?: number;
}

/** A recording to seek in: by HTTP Range (openRecording) or in memory (recordingFromBytes). */
export interface ReplayRecording {
  readonly head: RecordingHead;
  /** The markers, from the index (or, for a file without one, from its fragments). */
  readonly markers: RecordingMarker[];
  /** The first tick with a state, or -1 if none. */
  readonly firstTick: number;
  /** The last tick of the readable part. */
  readonly endTick: number;
  readonly durationMs: number;
  /** The most players seated at once. */
  readonly players: number;
  /** True for a finished archive (with its index). */
  readonly finished: boolean;
  /** Null, or "damaged at byte N: reason": nothing from byte N on is played (by range: found when a seek loads it). */
  readonly damage: string | null;
  /** Null, or why a snapshot did not decode (RecordingPlayer.error). */
  readonly error: string | null;
  /** Requests made and bytes received (recordingFromBytes: 0 requests and the file's bytes). */
  readonly stats: { requests: number; bytes: number };
  /** The state at tick (of the last snapshot at or before it), loading what it needs with at most one request. */
  stateAt(tick: number): Promise<State | null>;
  /** The chat, gameMessage, join, leave and mark entries with from < tick <= to, of the fragments loaded. */
  eventsBetween(from: number, to: number): Exclude<RecordingEntry, { type: 'snapshot' }>[];
}

/** Opens an archive for seeking by HTTP Range: the trailer, the index and the head, then fragments on demand. */
export function openRecording(url: string, options?: OpenRecordingOptions): Promise<ReplayRecording>;

/** The same interface over an archive's bytes in memory; throws if not even its head is readable. */
export function recordingFromBytes(bytes: Uint8Array | ArrayBuffer): ReplayRecording;

/** Wall time (any ms clock) to ticks of a replay: play, pause, speed, seek; calls without a time use the latest given. */
export class ReplayClock {
  constructor(options: { firstTick: number; endTick: number; tickHz: number });
  readonly firstTick: number;
  readonly endTick: number;
  readonly tickHz: number;
  /** True while playing; false once the end is reached. */
  readonly playing: boolean;
  /** True at the end tick. */
  readonly ended: boolean;
  /** A factor of real time, MIN_SPEED..MAX_SPEED. */
  readonly speed: number;
  setSpeed(speed: number, nowMs?: number): void;
  /** Plays from where the clock is (from the first tick when at the end). */
  play(nowMs?: number): void;
  pause(nowMs?: number): void;
  /** Goes to tick (clamped to firstTick..endTick). */
  seek(tick: number, nowMs?: number): void;
  /** The (integer) tick to show at nowMs. */
  tickAt(nowMs: number): number;
}

// ---- client ------------------------------------------------------------------------------------

/**
 * The session rate limits of a server (its TickcastOptions), as GET /games states them in every
 * game entry. The server closes a connection that goes faster (4010); the client paces itself a
 * little under them (90 % of each rate, bursts one less and at most 90 %).
 */
export interface SessionLimits {
  /** Every client message (inputs, pings, chat lines, game messages) per second. */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Chat lines per second (a line over it is dropped by the server, with a system notice). */
  readonly chatPerSecond: number;
  readonly chatBurst: number;
  /** Game messages (GAME_SEND) per second. */
  readonly gameMessagesPerSecond: number;
  readonly gameMessageBurst: number;
}

/** A hosted game, as GET /games lists it. */
export interface GameInfo {
  name: string;
  tickHz: number;
  snapshotHz: number;
  snapshotEveryTicks: number;
  maxPlayers: number;
  /** False when the game has chat switched off. */
  chat: boolean;
  /** The path of the game's browser page, for example "/arena/". */
  page: string;
  /** Listed rooms of the game, over every node of a cluster. */
  rooms?: number;
  /** Players seated in those rooms. */
  players?: number;
  /** The server's session limits (the same in every entry); missing from a server older than them. */
  limits?: SessionLimits;
}

export interface Welcome {
  version: number;
  roomId: string;
  game: string;
  playerId: number;
  /** The entity this player controls, or -1. */
  entityId: number;
  tickHz: number;
  snapshotEveryTicks: number;
}

/**
 * A chat line (CHAT). Text is data: show it as text, never as markup. A line with `system` true
 * comes from the server itself, not from a player (for example: one of your lines was over the
 * chat rate and was not sent); its `name` is "" and its `playerId` 0.
 */
export interface ChatLine {
  playerId: number;
  name: string;
  text: string;
  /** True for a line from the server itself (its name is empty). */
  system: boolean;
}

/** A game message (GAME_MESSAGE from the server, GAME_SEND to it). */
export interface GameMessage {
  /** 0..255, the game's to define. */
  type: number;
  payload: Uint8Array;
}

export interface StateInfo {
  /** True for a full snapshot (the first, or after a resync), false for a delta. */
  full: boolean;
  /** The SNAPSHOT frame's size in bytes. */
  bytes: number;
  /** When it arrived, on the client's clock (options.now, performance.now() by default). */
  arrivalMs: number;
}

export interface CloseInfo {
  /** The WebSocket close code (docs/PROTOCOL.md 12.2), or -1 when the client gave the connection up. */
  code: number;
  reason: string;
  /** True if the client reconnects by itself (status 'reconnecting'). */
  willReconnect: boolean;
}

export type ClientStatus = 'idle' | 'matchmaking' | 'connecting' | 'joined' | 'reconnecting' | 'closed';

/**
 * The events of a TickcastClient and the arguments their listeners get (client.on(event, listener)).
 */
export interface ClientEvents {
  /** The room accepted the seat (WELCOME): after every (re)connection. */
  welcome: [welcome: Welcome];
  /** The game's tables (SCHEMA), right after WELCOME. */
  schema: [schemas: TableSchema[]];
  /** A snapshot was applied: the room's state at its tick. */
  state: [state: State, info: StateInfo];
  /** A chat line of a player, or of the server itself (line.system). */
  chat: [line: ChatLine];
  /** A message of the room's game (GAME_MESSAGE). */
  message: [message: GameMessage];
  /** A PONG: the round-trip time in ms (also in stats.rttMs). */
  pong: [rttMs: number];
  /** The connection closed (info.willReconnect: the client comes back by itself). */
  close: [info: CloseInfo];
  /**
   * Something went wrong: a frame the client cannot use, a matchmaking that failed on
   * reconnection, or the server refusing the token (a MatchmakeError with status 401 and its
   * reason: final, the client does not try again by itself).
   */
  error: [error: Error];
  /** The status changed (client.status). */
  status: [status: ClientStatus];
}

/** The name of a TickcastClient event. */
export type ClientEventName = keyof ClientEvents;

/** A listener of event E; called with the client as `this`. */
export type ClientListener<E extends ClientEventName> = (...args: ClientEvents[E]) => void;

/**
 * The part of a WebSocket the client uses (the browser's, or another implementation). The HTTP
 * carrier (transports 'http-stream' and 'http-poll') has the same surface.
 */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  /** Bytes sent but not yet on their way (the HTTP carrier: not yet taken by the server). */
  readonly bufferedAmount?: number;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: any) => void) | null;
  /** Called with {data: ArrayBuffer} per binary frame. */
  onmessage: ((event: any) => void) | null;
  /** Called with {code, reason}. */
  onclose: ((event: any) => void) | null;
}

export interface WebSocketConstructor {
  new (url: string, protocol: string): WebSocketLike;
}

/**
 * The part of fetch the client uses: JSON for matchmaking and GET /games; binary bodies, response
 * headers, a streamed or whole response body and an abort signal for the HTTP carrier.
 */
export type FetchLike = (url: URL | string, init?: {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  signal?: AbortSignal;
}) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<any>;
  headers?: { get(name: string): string | null };
  body?: ReadableStream<Uint8Array> | null;
  arrayBuffer?(): Promise<ArrayBuffer>;
}>;

/**
 * The carriers of a session: a WebSocket, or the HTTP binding (docs/PROTOCOL.md 2.1) streaming
 * one long response or long-polling.
 */
export type TransportName = 'websocket' | 'http-stream' | 'http-poll';

/** Where the client remembers a fallback carrier that worked (the browser's localStorage fits). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The callbacks of the previous API, one per event: as options or assignable properties.
 * @deprecated Use client.on(event, listener), which returns its unsubscribe: for example
 * client.on('state', fn) for onState. These keep working for one more release.
 */
export interface ClientCallbacks {
  /** @deprecated client.on('welcome', fn) */
  onWelcome?: (welcome: Welcome) => void;
  /** @deprecated client.on('schema', fn) */
  onSchema?: (schemas: TableSchema[]) => void;
  /** @deprecated client.on('state', fn) */
  onState?: (state: State, info: StateInfo) => void;
  /** @deprecated client.on('chat', fn) */
  onChat?: (line: ChatLine) => void;
  /** @deprecated client.on('message', fn) */
  onMessage?: (message: GameMessage) => void;
  /** @deprecated client.on('pong', fn) */
  onPong?: (rttMs: number) => void;
  /** @deprecated client.on('close', fn) */
  onClose?: (info: CloseInfo) => void;
  /** @deprecated client.on('error', fn) */
  onError?: (error: Error) => void;
  /** @deprecated client.on('status', fn) */
  onStatus?: (status: ClientStatus) => void;
}

/** Where the bearer token comes from (ClientOptions.token). */
export type TokenSource = string | null | (() => string | null | Promise<string | null>);

/** Who the server seated (client.identity): from the matchmaking answer. */
export interface PlayerIdentity {
  /** The verified token's subject; null for a guest (or a server that does not say). */
  subject: string | null;
  /** The name the server chose (from the token with identity on), else the name the client gave. */
  name: string;
}

/** A refused matchmaking request (an `error` event with status 401 when the token was refused). */
export class MatchmakeError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The server's reason code (with 401: why the token was refused), if it gave one. */
  readonly reason: string | undefined;
  /** True for 401: the token was refused; the client does not try again by itself. */
  readonly auth: boolean;
}

export interface ClientOptions extends ClientCallbacks {
  /** The game to matchmake for (required), for example 'arena'. */
  game: string;
  /**
   * The game's GET /games entry, if known: its chat flag is honoured and its limits paced under.
   * Without it the client reads GET /games itself while it matchmakes.
   */
  gameInfo?: GameInfo | null;
  /** The server's origin (default: the page's origin). */
  baseUrl?: string;
  /**
   * The player's name (1..32 UTF-8 bytes after trimming; default 'player'). With identity on the
   * server names the player from its token instead (client.identity.name).
   */
  name?: string;
  /**
   * The player's token from the studio's account system, sent as `Authorization: Bearer` with
   * every matchmaking request: a string, or a function giving one or a Promise of one, called for
   * every matchmaking (reconnections that matchmake again included), so it can fetch a fresh
   * token. Nothing, null or '' sends no header (guest play).
   */
  token?: TokenSource;
  /** Reconnect after an unexpected drop (default true). */
  reconnect?: boolean;
  maxReconnectAttempts?: number;
  /** How long after a drop the seat is resumed rather than matchmade again (default 15000). */
  resumeWindowMs?: number;
  pingIntervalMs?: number;
  /**
   * Chat lines per second and burst kept client-side, overriding the pace derived from the
   * server's limits (1.8 and 4 under the server's defaults).
   */
  chatPerSecond?: number;
  chatBurst?: number;
  /**
   * Game messages per second and burst kept client-side, overriding the pace derived from the
   * server's limits (18 and 36 under the server's defaults).
   */
  messagesPerSecond?: number;
  messageBurst?: number;
  /**
   * The carriers to try, in order, until one delivers WELCOME (default all three:
   * ['websocket', 'http-stream', 'http-poll']). Each new one takes a new seat.
   */
  transports?: readonly TransportName[];
  /** How long a carrier (all but the last tried) has to deliver WELCOME before the next is tried (default 4000). */
  transportTimeoutMs?: number;
  /**
   * How long a fallback carrier that worked is remembered for the server's origin, so that the
   * next connection starts there (default 600000, 10 minutes; 0: never). WebSocket is tried again after.
   */
  transportMemoryMs?: number;
  /** Where that is remembered (default the browser's localStorage when there is one; null: nowhere). */
  storage?: StorageLike | null;
  /** The WebSocket constructor (default the global one; null: none, go to the HTTP carriers). */
  WebSocket?: WebSocketConstructor | null;
  fetch?: FetchLike;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
}

/** Counts of what went over the wire. */
export class NetStats {
  bytesDown: number;
  bytesUp: number;
  messagesDown: number;
  snapshots: number;
  fullSnapshots: number;
  lastSnapshotBytes: number;
  rttMs: number;
  rttSmoothedMs: number;
  decodeErrors: number;
  reconnects: number;
}

/** A sliding-window rate of a monotonic counter. */
export class RateMeter {
  constructor(windowMs?: number);
  /** Records the counter's value at nowMs and returns the rate per second. */
  sample(value: number, nowMs: number): number;
}

export type ChatResult = 'sent' | 'empty' | 'disabled' | 'not-joined' | 'too-fast';
export type SendResult = 'sent' | 'not-joined' | 'too-fast';

/**
 * One player's connection to a room: matchmaking, the carrier (a WebSocket, or HTTP where that is
 * blocked), state, reconnection. Subscribe to its events with on(event, listener), which returns
 * the unsubscribe.
 */
export class TickcastClient implements Required<ClientCallbacks> {
  /** Throws if options.game is missing. */
  constructor(options: ClientOptions);
  readonly game: string;
  gameInfo: GameInfo | null;
  readonly name: string;
  readonly status: ClientStatus;
  readonly stats: NetStats;
  /** The limits the client paces itself under: the server's (GET /games), else the defaults. */
  readonly limits: SessionLimits;
  readonly welcome: Welcome | null;
  readonly schemas: TableSchema[] | null;
  /** The open WebSocket (or the HTTP carrier, same surface), or null. */
  readonly ws: WebSocketLike | null;
  /**
   * The carrier of the match once a WELCOME came through it, null before: kept for the whole
   * match, reconnections included.
   */
  readonly transport: TransportName | null;
  /** The latest decoded state, or null before the first snapshot. */
  readonly state: State | null;
  /** In a room that sends its world by cells, the keys of the cells held now (increasing); else empty. */
  readonly heldCells: readonly number[];
  readonly roomId: string | null;
  readonly entityId: number;
  /** Who the server seated ({subject, name} of the last matchmaking answer), or null before a seat. */
  readonly identity: PlayerIdentity | null;
  /** False when gameInfo says the game has chat off. */
  readonly chatEnabled: boolean;
  /**
   * Calls listener on every `event` (with the client as `this`, in the order of subscription)
   * until the returned function is called. A listener that throws does not stop the others: its
   * error is reported as uncaught. Throws a TypeError for an unknown event name.
   */
  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): () => void;
  /** Removes the earliest subscription of listener to event; true if there was one. */
  off<E extends ClientEventName>(event: E, listener: ClientListener<E>): boolean;
  /** @deprecated Use client.on('welcome', fn). Assigning replaces the previous callback. */
  onWelcome: (welcome: Welcome) => void;
  /** @deprecated Use client.on('schema', fn). */
  onSchema: (schemas: TableSchema[]) => void;
  /** @deprecated Use client.on('state', fn). */
  onState: (state: State, info: StateInfo) => void;
  /** @deprecated Use client.on('chat', fn). */
  onChat: (line: ChatLine) => void;
  /** @deprecated Use client.on('message', fn). */
  onMessage: (message: GameMessage) => void;
  /** @deprecated Use client.on('pong', fn). */
  onPong: (rttMs: number) => void;
  /** @deprecated Use client.on('close', fn). */
  onClose: (info: CloseInfo) => void;
  /** @deprecated Use client.on('error', fn). */
  onError: (error: Error) => void;
  /** @deprecated Use client.on('status', fn). */
  onStatus: (status: ClientStatus) => void;
  /**
   * Matchmakes and connects, trying the carriers of options.transports in turn until one
   * delivers WELCOME; resolves with it.
   */
  connect(): Promise<Welcome>;
  /**
   * Watches a room as a spectator with a token of the admin API (POST /admin/api/rooms/:id/watch);
   * resolves with WELCOME (entityId -1). No seat, no reconnection.
   */
  spectate(seat: { roomId: string; token: string }): Promise<Welcome>;
  /**
   * Stamps every INPUT and game message with what interpolator draws now, and every PING with its
   * delay (lag compensation: the server rewinds to what the player saw); null: view 0, delay 0.
   */
  useInterpolator(interpolator: ViewSource | null): void;
  /** Sends one INPUT; returns its sequence number, or 0 if not joined or the payload is too big. */
  sendInput(payload: Uint8Array): number;
  /** Sends a chat line, 'too-fast' (dropped) over the chat pace. */
  sendChat(text: string): ChatResult;
  /** Sends a game message (type 0..255); throws a RangeError for a bad type or payload size. */
  sendMessage(type: number, payload?: Uint8Array): SendResult;
  /** Leaves the room for good. */
  close(): void;
}

/** The games a server hosts (GET /games). */
export function listGames(options?: { baseUrl?: string; fetch?: FetchLike }): Promise<GameInfo[]>;
