package dev.tickcast.server.internal.match;

import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomSettings;
import io.vertx.core.Vertx;

/** The lightest real rooms for matchmaker tests: on one Vert.x context, no sessions, no metrics. */
final class TestRooms {
    private TestRooms() {
    }

    /** Makes each room on a context of {@code vertx}; the matchmaker starts and disposes them as it would. */
    static RoomFactory on(Vertx vertx) {
        return (id, spec, mm) -> new Room(id, spec, vertx.getOrCreateContext(), 1,
                new RoomSettings(System::nanoTime, 10_000, 15_000), mm);
    }
}
