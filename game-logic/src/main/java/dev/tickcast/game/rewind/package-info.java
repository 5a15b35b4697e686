/**
 * Lag compensation: a player's view stamp ({@link dev.tickcast.game.rewind.ViewStamp}), the limits
 * the server holds it to ({@link dev.tickcast.game.rewind.LagCompensation}) and the world as the
 * player saw it ({@link dev.tickcast.game.rewind.RewoundWorld}), read from the snapshot ring.
 */
package dev.tickcast.game.rewind;
