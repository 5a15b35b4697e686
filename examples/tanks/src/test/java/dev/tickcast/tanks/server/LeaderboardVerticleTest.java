package dev.tickcast.tanks.server;

import dev.tickcast.server.RoomEvents;
import dev.tickcast.server.Tickcast;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verticle in one Vert.x, over its own HTTP server on the shared router: events in, JSON and the page out. */
class LeaderboardVerticleTest {
    private Vertx vertx;
    private HttpClient http;
    private HttpServer server; // held: Vert.x 5 may close an unreachable server or client
    private int port;

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        await(vertx.deployVerticle(new LeaderboardVerticle()));
        server = await(vertx.createHttpServer().requestHandler(Tickcast.of(vertx).router())
                .listen(0, "127.0.0.1"));
        port = server.actualPort();
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)); // see TickcastClient
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer get(String path) throws Exception {
        return await(http.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(req -> req.send() // body() inside send()'s callback (vert.x#6038, #5904)
                        .compose((HttpClientResponse resp) -> resp.body().map((Buffer b) ->
                                new Answer(resp.statusCode(), resp.getHeader("content-type"), b.toString())))));
    }

    @Test
    void countsRoundOverEventsOfTanksRooms() throws Exception {
        assertEquals(new JsonObject().put("rounds", 0L).put("players", new JsonArray()),
                new JsonObject(get(LeaderboardVerticle.PATH).body()));
        JsonObject data = new JsonObject().put("round", 1).put("winner", "ann")
                .put("scores", new JsonArray().add(new JsonObject().put("name", "ann").put("kills", 5).put("deaths", 0)));
        JsonObject event = new JsonObject().put("type", RoomEvents.GAME_EVENT).put("roomId", "r1").put("game", "tanks")
                .put("tick", 1800).put("time", 0L).put("event", "round.over").put("data", data);
        vertx.eventBus().publish(RoomEvents.game("tanks"), event.copy().put("event", "other"));
        vertx.eventBus().publish(RoomEvents.game("tanks"), new JsonObject().put("type", RoomEvents.PLAYER_JOINED));
        vertx.eventBus().publish(RoomEvents.game("tanks"), event);
        // The query goes through the verticle's context after the events published before it.
        Answer answer = get(LeaderboardVerticle.PATH);
        assertEquals(200, answer.status());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        JsonObject board = new JsonObject(answer.body());
        assertEquals(1L, board.getLong("rounds"));
        assertEquals("ann", board.getJsonArray("players").getJsonObject(0).getString("name"));
        assertEquals(1L, board.getJsonArray("players").getJsonObject(0).getLong("wins"));
    }

    @Test
    void servesThePageFromTheJar() throws Exception {
        Answer page = get("/tanks/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<canvas id=\"field\""), page.body());
        Answer script = get("/tanks/tanks.js");
        assertEquals(200, script.status());
        assertTrue(script.body().contains("from '/sdk/index.js'"));
        assertEquals(302, get("/tanks").status());
    }
}
