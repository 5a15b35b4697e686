// The view stamp (docs/PROTOCOL.md, mirrored from game-logic's dev.tickcast.game.rewind.ViewStamp): which
// picture the client was showing when it sent an INPUT or a GAME_SEND, so that the server can judge the
// message against the world the player saw (lag compensation). One varuint: 0 for no view; otherwise
// 1 + (a mod 512) * 32 + q, where a is the tick of the snapshot drawn from (the earlier of the two
// interpolated between) and q (0..31) where the view was between a and the next snapshot, in 32nds.

/** The stamp of a message sent without a view. */
export const VIEW_NONE = 0;
/** The steps between two snapshots a stamp can name: q runs from 0 to VIEW_FRACTIONS - 1. */
export const VIEW_FRACTIONS = 32;
/** Ticks a stamp names modulo this. */
export const VIEW_TICK_MODULUS = 512;
/** The largest stamp (a view above it is malformed). */
export const VIEW_STAMP_MAX = VIEW_TICK_MODULUS * VIEW_FRACTIONS;

/** The stamp of a view drawn from snapshot tick (an int >= 0), q/32 (q an int in 0..31) of the way to the next. */
export function viewStamp(tick, q) {
  if (!Number.isInteger(tick) || tick < 0 || !Number.isInteger(q) || q < 0 || q >= VIEW_FRACTIONS) {
    throw new RangeError(`no view stamp for tick ${tick}, fraction ${q}/32`);
  }
  return 1 + (tick % VIEW_TICK_MODULUS) * VIEW_FRACTIONS + q;
}

/** The stamp of a view at t in [0, 1] between snapshots a and b (ticks), in 32nds: rounding to 32 names b. */
export function viewStampBetween(a, b, t) {
  const q = Math.round(Math.max(0, Math.min(1, t)) * VIEW_FRACTIONS);
  return q >= VIEW_FRACTIONS ? viewStamp(b, 0) : viewStamp(a, q);
}
