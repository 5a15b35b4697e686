package dev.tickcast.server.internal.room;

import dev.tickcast.state.Snapshot;
import dev.tickcast.state.SnapshotRing;

/**
 * The stage of a room's step that sends a captured snapshot to its clients: the room calls it once
 * per snapshot and knows nothing of how the bytes are made. {@link Broadcaster} is the stage of
 * today (one encode per distinct baseline pair, shared by players and spectators alike); another
 * may encode per interest cell, or feed a recorder as one more watcher, without a change to the
 * step. The room's thread only.
 */
interface BroadcastStage {
    /**
     * Sends {@code now} (the newest snapshot of {@code ring}) to every seated player and every
     * spectator; null entries (free seats) are skipped. {@code nowNs} is the room's clock.
     */
    void broadcast(Snapshot now, SnapshotRing ring, Session[] players, Session[] spectators, long nowNs);

    /** Writes the stage's running totals into {@code stats}. */
    void report(RoomStats stats);
}
