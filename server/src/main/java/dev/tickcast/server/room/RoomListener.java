package dev.tickcast.server.room;

import dev.tickcast.state.Snapshot;

/** What a room tells the rest of the server; called on the room's thread. */
public interface RoomListener {
    /** A player left (or its join failed after the seat was claimed): its seat is free again. */
    void onSeatFreed(Room room);

    /** The room disposed itself (its game failed) and must leave the directory. */
    void onDisposed(Room room);

    /** A snapshot was captured, before it is broadcast. Tests and tools observe state here. */
    default void onSnapshot(Room room, Snapshot snapshot) {
    }
}
