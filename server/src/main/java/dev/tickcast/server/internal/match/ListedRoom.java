package dev.tickcast.server.internal.match;

import dev.tickcast.server.internal.room.Room;

/**
 * A room as the matchmaker's parts see it: its seat counts and whether it has left the directory.
 * Reservations, reconnection rights and spectator tokens hold the entry, not the id, so a token
 * can tell that its room closed. Not thread-safe: see {@link Matchmaker}.
 */
final class ListedRoom {
    final String id;
    final Room room;
    final boolean isPrivate;
    /** Players holding a seat (connected or dropped within their grace). */
    int seated;
    /** Seats reserved and not claimed yet. */
    int reserved;
    /** Set once the room left the directory; never cleared. */
    boolean closed;

    ListedRoom(String id, Room room, boolean isPrivate) {
        this.id = id;
        this.room = room;
        this.isPrivate = isPrivate;
        if (room != null && room.broadcast() != null) { // a private room's broadcast needs signed links
            room.broadcast().listed(!isPrivate);
        }
    }

    int taken() {
        return seated + reserved;
    }

    RoomSummary summary() {
        return new RoomSummary(id, room.spec().name(), seated, reserved, room.spec().maxPlayers(), isPrivate);
    }
}
