package dev.tickcast.server.internal.room;

/** What a room tells the matchmaker about its seats and its end; called on the room's thread. */
public interface RoomListener {
    /** A player took its seat; {@code reconnectToken} will let it resume the seat after a drop. */
    default void onJoined(Room room, int playerId, String reconnectToken) {
    }

    /** A player's connection dropped; its seat is kept for {@code graceMs} for a reconnection. */
    default void onDropped(Room room, String reconnectToken, long graceMs) {
    }

    /** A seat is free again: its player left, its grace period ended, or its join failed. */
    void onSeatFreed(Room room, String reconnectToken);

    /** The room disposed itself (its game failed) and must leave the directory. */
    void onDisposed(Room room);
}
