package dev.tickcast.bench.codec;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomListener;
import dev.tickcast.server.internal.room.RoomSettings;
import dev.tickcast.server.internal.room.Session;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;

/** A started room without a timer, seated with N in-memory {@link CountingLink}s: what room benchmarks drive (optionally on another loop). */
final class MemoryRoom {
    final Room room;
    final CountingLink first;

    MemoryRoom(GameSpec spec, Vertx vertx, int sessions, boolean closeIsABug) {
        this(spec, vertx, sessions, closeIsABug, null);
    }

    /** A room whose links say they live on {@code linkLoop} (null: on any thread). */
    MemoryRoom(GameSpec spec, Vertx vertx, int sessions, boolean closeIsABug, EventExecutor linkLoop) {
        room = new Room("bench", spec.maxPlayers(sessions), vertx.getOrCreateContext(), 7,
                new RoomSettings(System::nanoTime, 10_000, 15_000), new RoomListener() {
                    @Override
                    public void onSeatFreed(Room r, String token) {
                    }

                    @Override
                    public void onDisposed(Room r) {
                    }
                });
        room.start(false);
        CountingLink link = null;
        for (int i = 0; i < sessions; i++) {
            CountingLink l = new CountingLink(closeIsABug, linkLoop);
            link = link == null ? l : link;
            room.join(new Session(l, "p" + i));
        }
        first = link;
    }
}
