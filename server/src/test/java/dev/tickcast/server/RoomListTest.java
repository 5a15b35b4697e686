package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 16 item 9c over loopback: GET /rooms lists at most --rooms-list-limit rooms and says how many there are. */
@ExtendWith(VertxExtension.class)
class RoomListTest {
    private HttpClient http;
    private TickcastServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            Bot.get(server.shutdown().toCompletionStage().toCompletableFuture());
        }
    }

    @Test
    void shouldListAtMostTheLimitAndCountEveryRoom(Vertx vertx) {
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        server = Bot.get(TickcastServer.start(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                        .withEventLoops(1).withRoomsListing(3, 1_000), new GameRegistry().register(ArenaGame.SPEC))
                .toCompletionStage().toCompletableFuture());
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(new JsonObject(send(HttpMethod.POST, "/matchmake/create/arena")[1]).getString("roomId"));
        }
        String[] answer = send(HttpMethod.GET, "/rooms");
        JsonArray rooms = new JsonArray(answer[1]);
        assertEquals(3, rooms.size(), "the list is cut at the limit");
        assertEquals("5", answer[2], "X-Rooms-Total says how many there are");
        for (int i = 0; i < rooms.size(); i++) {
            assertEquals(true, created.contains(rooms.getJsonObject(i).getString("id")));
        }
        JsonObject arena = new JsonArray(send(HttpMethod.GET, "/games")[1]).getJsonObject(0);
        assertEquals(5, arena.getInteger("rooms"), "GET /games counts every room");
    }

    /** {status, body, X-Rooms-Total}. */
    private String[] send(HttpMethod method, String path) {
        RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(server.port()).setURI(path);
        return Bot.get(http.request(o).compose(req -> req.send() // see TickcastClient
                .compose(resp -> resp.body().map(b -> new String[] {Integer.toString(resp.statusCode()), b.toString(),
                        resp.getHeader("X-Rooms-Total")})))
                .toCompletionStage().toCompletableFuture());
    }
}
