package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;

/**
 * What a room tells the server's metrics, from the room's thread: once per step and once at its
 * end, with its {@link RoomStats} (refreshed just before, and the same object every time). An
 * implementation reads the figures there and publishes the difference, so that the hot path only
 * increments plain fields. {@link #NONE} when metrics are off.
 */
public interface RoomMetrics {
    /** Publishes nothing. */
    RoomMetrics NONE = new RoomMetrics() {
        @Override
        public void onStep(RoomStats stats) {
        }

        @Override
        public void onDisposed(RoomStats stats) {
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

    /** The room ran one step (drain, step and broadcast), which took {@link RoomStats#stepNs()}. */
    void onStep(RoomStats stats);

    /** The room is disposed: its last counts are published and its gauges drop to zero. */
    void onDisposed(RoomStats stats);
}
