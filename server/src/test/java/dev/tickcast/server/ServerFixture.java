package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.server.internal.room.Room;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** An embedded server on a loopback port, recording every broadcast state by room and tick. */
final class ServerFixture {
    final TickcastServer server;
    final Map<String, String> states = new ConcurrentHashMap<>();
    private final java.util.List<RoomWaiter> roomWaiters = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record RoomWaiter(String roomId, java.util.function.Predicate<Room> condition,
                              CompletableFuture<Integer> done) {
    }

    ServerFixture(Vertx vertx, TickcastOptions config, GameRegistry games) {
        server = Bot.get(TickcastServer.start(vertx, config, games).toCompletionStage().toCompletableFuture());
        server.addSnapshotObserver((room, snapshot) -> {
            states.put(key(room.id(), snapshot.tick()), snapshot.describe());
            for (RoomWaiter w : roomWaiters) {
                if (w.roomId.equals(room.id()) && w.condition.test(room)) {
                    roomWaiters.remove(w);
                    w.done.complete(room.tick());
                }
            }
        });
    }

    static ServerFixture arena(Vertx vertx) {
        return new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2),
                new GameRegistry().register(ArenaGame.SPEC));
    }

    int port() {
        return server.port();
    }

    String state(String roomId, int tick) {
        return states.get(key(roomId, tick));
    }

    /** Runs {@code query} on the room's thread and returns its answer. */
    <T> T onRoom(String roomId, java.util.function.Function<Room, T> query) {
        Room room = server.room(roomId);
        CompletableFuture<T> answer = new CompletableFuture<>();
        room.execute(() -> answer.complete(query.apply(room)));
        return Bot.get(answer);
    }

    /** Waits until, at some snapshot of the room, {@code condition} holds on the room's thread; returns the tick. */
    int awaitRoom(String roomId, java.util.function.Predicate<Room> condition) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        roomWaiters.add(new RoomWaiter(roomId, condition, done));
        return Bot.get(done);
    }

    private static String key(String roomId, int tick) {
        return roomId + "@" + tick;
    }
}
