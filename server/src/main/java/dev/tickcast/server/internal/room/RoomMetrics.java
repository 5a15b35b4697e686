package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;

/**
 * What a room tells the server's metrics, from the room's thread: once per tick and once at its
 * end. The room keeps its own counters ({@link RoomCounters}, {@link Broadcaster}, the tick
 * driver's); an implementation reads them here and publishes the difference, so that the hot
 * path only increments plain fields. {@link #NONE} when metrics are off.
 */
public interface RoomMetrics {
    /** Publishes nothing. */
    RoomMetrics NONE = new RoomMetrics() {
        @Override
        public void onTick(Room room, long durationNs) {
        }

        @Override
        public void onDisposed(Room room) {
        }
    };

    /** Makes the metrics of one room. */
    @FunctionalInterface
    interface Factory {
        /** No metrics. */
        Factory NONE = spec -> RoomMetrics.NONE;

        /** The metrics of a new room of {@code spec} (called once, where the room is built). */
        RoomMetrics forRoom(GameSpec spec);
    }

    /** A tick of {@code room} ran for {@code durationNs} (step, broadcast and all). */
    void onTick(Room room, long durationNs);

    /** The room is disposed: its last counts are published and its gauges drop to zero. */
    void onDisposed(Room room);
}
