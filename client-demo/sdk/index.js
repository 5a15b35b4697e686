// The public API of the Tickcast JavaScript client (package @tickcast/client; index.d.ts declares
// it). Everything else in this folder (the byte and bit codecs, the message and snapshot
// decoders' internals) is private to the package: it is not in package.json's exports, and it may
// change in any release. A server serves this folder at /sdk/, so a page may import it as
// `/sdk/index.js` with no bundler.

export { listGames, TickcastClient } from './client.js';
export { MatchmakeError } from './matchmaking.js';
export { NetStats, RateMeter } from './stats.js';
export { MALFORMED, NO_TICK, OK, State, TableState, WRONG_BASE } from './snapshot.js';
export { SnapshotMirror } from './mirror.js';
export { BOOL, decodeSchema, fieldIndex, INT, QFLOAT, STRING, TYPE_NAMES } from './schema.js';
export { Interpolator, viewStamp } from './interpolation.js';
export { Predictor } from './prediction.js';
export { crc32c, readRecording, RecordingPlayer } from './recording.js';
export { BroadcastClient } from './broadcast.js';
export { DEFAULT_CACHE_BYTES, MAX_SPEED, MIN_SPEED, openRecording, recordingFromBytes, ReplayClock } from './replay.js';
export {
  SUBPROTOCOL, VERSION,
  MAX_CLIENT_MESSAGE_BYTES, MAX_STRING_BYTES, MAX_NAME_BYTES, MAX_TOKEN_BYTES, MAX_CHAT_BYTES,
  MAX_INPUT_PAYLOAD_BYTES, MAX_GAME_MESSAGE_TYPE, MAX_GAME_PAYLOAD_BYTES,
  CLOSE_NORMAL, CLOSE_GOING_AWAY, CLOSE_UNSUPPORTED_DATA, CLOSE_INVALID_PAYLOAD, CLOSE_POLICY, CLOSE_TOO_BIG,
  CLOSE_INTERNAL_ERROR, CLOSE_UNKNOWN_TYPE, CLOSE_NOT_JOINED, CLOSE_BAD_SEAT, CLOSE_ALREADY_JOINED,
  CLOSE_BAD_VERSION, CLOSE_ROOM_CLOSED, CLOSE_SLOW_CONSUMER, CLOSE_SEAT_EXPIRED, CLOSE_SEAT_USED, CLOSE_TIMEOUT,
  CLOSE_RATE_LIMITED, CLOSE_JOIN_TIMEOUT, CLOSE_KICKED, CLOSE_REPLACED,
} from './protocol.js';
