package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP matchmaker: join-or-create, create, private rooms, join by id, errors, health and listing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MatchmakingTest {
    private ServerFixture fixture;
    private HttpClient http;

    private record Answer(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    @BeforeEach
    void start(Vertx vertx) {
        fixture = new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2),
                new GameRegistry().register(ArenaGame.SPEC.maxPlayers(2)));
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)); // see TickcastClient
    }

    @Test
    void shouldHidePrivateRoomsAndJoinThemById() {
        Answer created = post("/matchmake/create/arena", "{\"name\":\"host\",\"private\":true}");
        assertEquals(200, created.status());
        String privateRoom = created.json().getString("roomId");
        assertTrue(created.json().getString("token").length() <= 128);
        assertTrue(created.json().getString("reconnectToken").length() <= 128);

        Answer joined = post("/matchmake/arena", "{\"name\":\"guest\"}");
        assertNotEquals(privateRoom, joined.json().getString("roomId"), "join-or-create skips private rooms");
        JsonArray listed = new JsonArray(get("/rooms").body());
        assertFalse(listed.encode().contains(privateRoom), "private rooms are not listed");
        assertEquals(1, listed.size());

        Answer byId = post("/matchmake/joinById/" + privateRoom, "{\"name\":\"friend\"}");
        assertEquals(200, byId.status());
        assertEquals(privateRoom, byId.json().getString("roomId"));
        assertEquals(409, post("/matchmake/joinById/" + privateRoom, "").status(), "two seats taken of two");
        assertEquals(404, post("/matchmake/joinById/nope", "").status());
        assertEquals(2, get("/health").json().getInteger("rooms"));
    }

    @Test
    void shouldAnswerBadRequestsClearly() {
        assertEquals(404, post("/matchmake/chess", "").status());
        assertEquals(400, post("/matchmake/arena", "not json").status());
        assertEquals(400, post("/matchmake/arena", "{\"name\":42}").status());
        assertEquals(400, post("/matchmake/arena", "{\"name\":\"" + "x".repeat(33) + "\"}").status());
        assertEquals(400, post("/matchmake/create/arena", "{\"private\":\"yes\"}").status());
        assertEquals(413, post("/matchmake/arena", "{\"name\":\"" + "x".repeat(5000) + "\"}").status());
        Answer ok = post("/matchmake/arena", "");
        assertEquals(200, ok.status());
        assertEquals("arena", ok.json().getString("game"));
        assertEquals(10_000L, ok.json().getLong("expiresInMs"));
    }

    private Answer post(String path, String body) {
        return Bot.get(http.request(HttpMethod.POST, fixture.port(), "127.0.0.1", path)
                .compose(req -> req.putHeader("content-type", "application/json").send(body) // nested: see TickcastClient.matchmake
                        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString()))))
                .toCompletionStage().toCompletableFuture());
    }

    private Answer get(String path) {
        return Bot.get(http.request(HttpMethod.GET, fixture.port(), "127.0.0.1", path)
                .compose(req -> req.send()
                        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString()))))
                .toCompletionStage().toCompletableFuture());
    }
}
