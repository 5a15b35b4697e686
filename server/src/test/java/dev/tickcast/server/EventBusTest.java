package dev.tickcast.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A game author's verticle deployed beside {@link TickcastVerticle} in the same Vert.x: it
 * registers a game, adds a route, follows a room's life on the event bus and talks to the room.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class EventBusTest {
    /** What a game author writes: only Tickcast's public API and the event bus. */
    static final class AuthorVerticle extends VerticleBase {
        final List<JsonObject> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> disposed = new CompletableFuture<>();
        final CompletableFuture<JsonObject> announced = new CompletableFuture<>();

        @Override
        public Future<?> start() {
            Tickcast tickcast = Tickcast.of(vertx);
            tickcast.games().register(EchoGame.SPEC);
            tickcast.router().get("/echo/hello").handler(ctx -> ctx.json(new JsonObject().put("hello", "echo")));
            return vertx.eventBus().<JsonObject>consumer(RoomEvents.game("echo"), m -> {
                events.add(m.body());
                if (RoomEvents.ROOM_DISPOSED.equals(m.body().getString("type"))) {
                    disposed.complete(null);
                }
                if ("announced".equals(m.body().getString("event"))) {
                    announced.complete(m.body());
                }
            }).completion();
        }
    }

    @Test
    void shouldShowARoomsLifeAndCarryMessagesToItsGame(Vertx vertx) throws Exception {
        AuthorVerticle author = new AuthorVerticle();
        Bot.get(vertx.deployVerticle(author).toCompletionStage().toCompletableFuture());
        TickcastVerticle tickcast = new TickcastVerticle(TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(2).withGames(List.of("echo")));
        Bot.get(vertx.deployVerticle(tickcast).toCompletionStage().toCompletableFuture());
        int port = tickcast.server().port();

        HttpResponse<String> hello = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/echo/hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"hello\":\"echo\"}", hello.body(), "the author's route on Tickcast's port");
        HttpResponse<String> games = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/games")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(games.body().contains("\"name\":\"echo\"") && !games.body().contains("arena"), games.body());

        Bot ann = new Bot(vertx, port).joinGame("echo", "ann");
        ann.await(s -> true);
        String roomId = ann.client.welcome().roomId();
        ann.onContext(() -> ann.client.sendGameMessage(EchoGame.ANNOUNCE, new byte[0]));
        JsonObject announced = Bot.get(author.announced);
        assertEquals(ann.client.welcome().playerId(), announced.getJsonObject("data").getInteger("by"));

        JsonObject reply = request(vertx, roomId, new JsonObject().put("action", "bump"));
        assertTrue(reply.getBoolean("accepted"));
        assertEquals(roomId, reply.getString("roomId"));
        assertSame(EchoGame.stepThread, EchoGame.serverMessageThread, "on the room's thread");
        assertTrue(EchoGame.serverMessageThread.getName().startsWith("vert.x-eventloop-thread-"));
        assertFalse(request(vertx, roomId, new JsonObject().put("action", "other")).getBoolean("accepted"),
                "a message the game does not take");
        ReplyException unknown = requestFailure(vertx, "no-such-room");
        assertEquals(ReplyFailure.NO_HANDLERS, unknown.failureType(), "a room that does not exist");

        Bot.get(ann.client.close().toCompletionStage().toCompletableFuture());
        Bot.get(author.disposed);
        List<String> life = author.events.stream().filter(e -> roomId.equals(e.getString("roomId")))
                .map(e -> e.getString("type") + (e.containsKey("event") ? ":" + e.getString("event") : "")).toList();
        assertEquals(List.of(RoomEvents.ROOM_CREATED, RoomEvents.PLAYER_JOINED, "game.event:announced",
                "game.event:bumped", RoomEvents.PLAYER_LEFT, RoomEvents.ROOM_DISPOSED), life);
        JsonObject joined = author.events.stream().filter(e -> RoomEvents.PLAYER_JOINED.equals(e.getString("type")))
                .findFirst().orElseThrow();
        assertEquals("ann", joined.getString("name"));
        assertEquals("echo", joined.getString("game"));
        assertEquals(ReplyFailure.NO_HANDLERS, requestFailure(vertx, roomId).failureType(), "a disposed room");
    }

    private static JsonObject request(Vertx vertx, String roomId, JsonObject body) {
        return Bot.get(vertx.eventBus().<JsonObject>request(RoomEvents.room(roomId), body)
                .map(m -> m.body()).toCompletionStage().toCompletableFuture());
    }

    private static ReplyException requestFailure(Vertx vertx, String roomId) {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        vertx.eventBus().request(RoomEvents.room(roomId), new JsonObject().put("action", "bump"))
                .onComplete(r -> failure.complete(r.cause()));
        Throwable cause = Bot.get(failure);
        assertTrue(cause instanceof ReplyException, String.valueOf(cause));
        return (ReplyException) cause;
    }
}
