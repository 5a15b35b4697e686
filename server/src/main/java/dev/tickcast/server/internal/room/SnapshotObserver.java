package dev.tickcast.server.internal.room;

import dev.tickcast.state.Snapshot;

/**
 * Sees every snapshot a room captures, on the room's thread, before it is broadcast (tests and
 * tools). The snapshot is recycled afterwards: copy what you keep.
 */
@FunctionalInterface
public interface SnapshotObserver {
    /** Observes nothing. */
    SnapshotObserver NONE = (room, snapshot) -> { };

    /** A snapshot of {@code room} was captured. */
    void onSnapshot(Room room, Snapshot snapshot);
}
