package dev.tickcast.server.internal.match;

import dev.tickcast.server.internal.room.Room;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Every call the matchmaker makes into a room's own thread: start, dispose. The {@link Matchmaker}
 * makes them only after releasing its monitor, so no room code runs under its lock.
 */
final class RoomCalls {
    /** The matchmaker's logger, as before the split, so log configurations keep working. */
    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);

    private RoomCalls() {
    }

    /** Starts a room just created, if any. */
    static void start(Room created) {
        if (created != null) {
            LOG.debug("created room {} ({})", created.id(), created.spec().name());
            created.execute(() -> created.start(true));
        }
    }

    /** Disposes the rooms that emptied (players get 1000). */
    static void closeEmpty(List<Room> emptied) {
        for (Room room : emptied) {
            LOG.debug("disposing empty room {}", room.id());
            room.execute(() -> room.dispose(Protocol.CLOSE_NORMAL, "room empty"));
        }
    }

    /** Disposes a room on an operator's decision (players get 4005). */
    static void close(Room room, String reason) {
        room.execute(() -> room.dispose(Protocol.CLOSE_ROOM_CLOSED, reason));
    }

    /** Disposes every room at shutdown (players get 1001); completes once all are disposed. */
    static Future<Void> shutDown(List<Room> all) {
        List<Future<Void>> disposed = new ArrayList<>();
        for (Room room : all) {
            Promise<Void> done = Promise.promise();
            room.execute(() -> {
                room.dispose(Protocol.CLOSE_GOING_AWAY, "server shutting down");
                done.complete();
            });
            disposed.add(done.future());
        }
        return Future.all(disposed).mapEmpty();
    }
}
