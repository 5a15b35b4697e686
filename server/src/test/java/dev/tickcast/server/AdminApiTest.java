package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API: off without a token, 401 without it, rooms, spectator view, kick (4012) and dispose (4005). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AdminApiTest {
    private static final String TOKEN = "s3cret-admin-token";
    private static final String BEARER = "Bearer " + TOKEN;

    @Test
    void shouldBeOffWithoutAToken(Vertx vertx) {
        ServerFixture fixture = ServerFixture.arena(vertx);
        assertEquals(404, HttpGet.status(vertx, fixture.port(), "/admin", BEARER));
        assertEquals(404, HttpGet.status(vertx, fixture.port(), "/admin/api/rooms", BEARER));
    }

    @Test
    void shouldAnswer401WithoutTheTokenAndLeakNothing(Vertx vertx) {
        ServerFixture fixture = admin(vertx);
        Bot alice = Bot.join(vertx, fixture.port(), "alice");
        String roomId = alice.welcome().roomId();
        String[] auths = {null, "Bearer wrong", "Bearer " + TOKEN + "x", basic("admin", "nope"), "Basic !!", TOKEN};
        for (int i = 0; i < auths.length; i++) {
            String from = "127.0.0." + (20 + i); // each its own address: 7 wrong tokens stay under the limit of 10
            Map<String, String> headers = auths[i] == null ? Map.of() : Map.of("Authorization", auths[i]);
            for (String path : new String[] {"/admin", "/admin/", "/admin/api/rooms", "/admin/api/history",
                    "/admin/index.html", "/admin/api/rooms/" + roomId + "/kick/0"}) {
                RawHttp.Answer a = RawHttp.request(from, fixture.port(), "GET", path, headers, null);
                assertEquals(401, a.status(), path + " with " + auths[i]);
                assertFalse(a.body().contains(roomId), "nothing about rooms leaks");
            }
            Map<String, String> change = new HashMap<>(headers);
            change.put("X-Tickcast-Admin", "1");
            assertEquals(401, RawHttp.request(from, fixture.port(), "DELETE", "/admin/api/rooms/" + roomId, change, null)
                    .status());
        }
        assertEquals(1, (int) fixture.<Integer>onRoom(roomId, r -> r.players()), "the room is untouched");
        assertEquals(200, HttpGet.status(vertx, fixture.port(), "/admin/", basic("anyone", TOKEN)), "Basic works");
        assertEquals(200, HttpGet.status(vertx, fixture.port(), "/admin/api/history", BEARER));
    }

    @Test
    void shouldListWatchKickAndDispose(Vertx vertx) {
        ServerFixture fixture = admin(vertx);
        Bot alice = Bot.join(vertx, fixture.port(), "alice");
        Bot bob = Bot.join(vertx, fixture.port(), "bob");
        String roomId = alice.welcome().roomId();
        bob.welcome();
        JsonObject rooms = HttpGet.request(vertx, HttpMethod.GET, fixture.port(), "/admin/api/rooms", BEARER, null).json();
        JsonObject room = rooms.getJsonArray("rooms").getJsonObject(0);
        assertEquals(roomId, room.getString("id"));
        assertEquals("arena", room.getString("game"));
        assertEquals(2, room.getInteger("players"));

        JsonObject watch = change(HttpMethod.POST, fixture.port(), "/admin/api/rooms/" + roomId + "/watch",
                BEARER, null).json();
        Bot spectator = new Bot(vertx, fixture.port());
        spectator.client.join(new Seat(roomId, watch.getString("token"), "arena", 10_000, null));
        assertEquals(-1, spectator.welcome().entityId(), "a spectator controls no entity");
        spectator.await(s -> spectator.snapshotTicks.size() >= 3);
        assertTrue(spectator.snapshotFull.get(0), "it starts from a full snapshot");
        assertEquals(2, (int) fixture.<Integer>onRoom(roomId, r -> r.players()), "a spectator takes no seat");
        assertEquals(1, (int) fixture.<Integer>onRoom(roomId, r -> r.spectators()));
        assertEquals(200, change(HttpMethod.POST, fixture.port(),
                "/admin/api/rooms/" + roomId + "/kick/" + bob.welcome().playerId(), BEARER, null).status());
        assertEquals(Protocol.CLOSE_KICKED, bob.closeCode());
        fixture.awaitRoom(roomId, r -> r.players() == 1);
        assertEquals(404, change(HttpMethod.POST, fixture.port(), "/admin/api/rooms/" + roomId + "/kick/9",
                BEARER, null).status());

        assertEquals(200, change(HttpMethod.DELETE, fixture.port(), "/admin/api/rooms/" + roomId, BEARER,
                null).status());
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, alice.closeCode());
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, spectator.closeCode());
        assertEquals(0, HttpGet.request(vertx, HttpMethod.GET, fixture.port(), "/admin/api/rooms", BEARER, null).json()
                .getJsonArray("rooms").size());
        assertEquals(404, change(HttpMethod.DELETE, fixture.port(), "/admin/api/rooms/" + roomId, BEARER,
                null).status());
    }

    @Test
    void shouldAnswerASpectatorsPingAndIgnoreTheRest(Vertx vertx) {
        ServerFixture fixture = admin(vertx);
        Bot alice = new Bot(vertx, fixture.port());
        List<ChatMessage> heard = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatMessage> marker = new CompletableFuture<>();
        alice.client.onChat(c -> {
            heard.add(c);
            if (c.text().equals("after")) {
                marker.complete(c);
            }
        });
        alice.joinGame("arena", "alice");
        Bot bob = Bot.join(vertx, fixture.port(), "bob");
        String roomId = alice.welcome().roomId();
        bob.welcome();
        JsonObject watch = change(HttpMethod.POST, fixture.port(), "/admin/api/rooms/" + roomId + "/watch",
                BEARER, null).json();
        Bot spectator = new Bot(vertx, fixture.port());
        spectator.client.join(new Seat(roomId, watch.getString("token"), "arena", 10_000, null));
        spectator.welcome();
        CompletableFuture<Integer> pong = new CompletableFuture<>();
        spectator.client.onPong(p -> pong.complete(p.clientTime()));
        spectator.onContext(() -> spectator.client.sendPing(4242));
        assertEquals(4242, Bot.get(pong), "a spectator's PING is answered");
        // a chat line, an input and a game message, then a chat flood: the lines count toward the
        // limits (the flood closes it with 4010) but none of them reaches the room
        spectator.onContext(() -> {
            spectator.client.sendChat("spy");
            spectator.client.sendInput(new byte[] {1, 2, 3});
            spectator.client.sendGameMessage(1, new byte[] {1});
            for (int i = 0; i < 40; i++) {
                spectator.client.sendChat("flood " + i);
            }
        });
        assertEquals(Protocol.CLOSE_RATE_LIMITED, spectator.closeCode(), "a spectator obeys the rate limits");
        bob.onContext(() -> bob.client.sendChat("after"));
        Bot.get(marker);
        assertTrue(heard.stream().noneMatch(c -> c.text().equals("spy") || c.text().startsWith("flood")),
                "no spectator line reached the room: " + heard);
        assertEquals(2, (int) fixture.<Integer>onRoom(roomId, r -> r.players()));
        assertFalse(alice.closed.isDone() || bob.closed.isDone(), "the players noticed nothing");
    }

    /** A change as the page or a script makes it: the token and X-Tickcast-Admin. */
    private static HttpGet.Answer change(HttpMethod method, int port, String path, String authorization, String body) {
        RawHttp.Answer a = RawHttp.request("127.0.0.1", port, method.name(), path,
                Map.of("Authorization", authorization, "X-Tickcast-Admin", "1"), body);
        return new HttpGet.Answer(a.status(), a.body());
    }

    private static ServerFixture admin(Vertx vertx) {
        return new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2)
                .withAdminToken(TOKEN), new GameRegistry().register(ArenaGame.SPEC));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
