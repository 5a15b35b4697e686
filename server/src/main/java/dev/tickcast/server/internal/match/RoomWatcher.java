package dev.tickcast.server.internal.match;

/**
 * Told the id of a room whose seats, existence or listing changed; the cluster directory uses it
 * to republish that room. Called from any thread, sometimes under the matchmaker's lock: an
 * implementation only records the id and does its work later.
 */
@FunctionalInterface
public interface RoomWatcher {
    /** Watches nothing (single-process mode). */
    RoomWatcher NONE = roomId -> { };

    /** The room {@code roomId} changed; {@link Matchmaker#summary} tells how it is now. */
    void changed(String roomId);
}
