package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.match.SeatGrant;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The whole path with real signed tokens, as a client plays it: a bearer token on
 * {@code POST /matchmake}, the seat's token in JOIN over a real WebSocket. The game, the events and
 * the room see the token's subject, name and chosen claims, never the typed name; a reconnection
 * keeps them; a second login of the same subject takes the first one's seat (4013).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TokenLoginTest {
    private static final Identity ALICE = new Identity("user-1", "Alice", Map.of("rank", 7));
    private static final Identity BOB = new Identity("user-2", "Bob", Map.of("rank", 3));

    private static IdentityRooms server(Vertx vertx) {
        TickcastOptions options = TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2)
                .with(AuthSettings.ISSUER, TestTokens.ISSUER).with(AuthSettings.AUDIENCES, List.of(TestTokens.AUDIENCE))
                .with(AuthSettings.HS256_SECRET, TestTokens.SECRET).with(AuthSettings.CLAIMS, List.of("rank"));
        return new IdentityRooms(vertx, options.validate());
    }

    /** Matchmakes with a fresh token of {@code who} (typing {@code typed}), joins, and has the WELCOME. */
    private static Bot login(IdentityRooms rooms, AuthHttp http, Identity who, String typed) {
        JsonObject claims = TestTokens.claims(who.subject(), who.name()).put("rank", who.claims().get("rank"));
        AuthHttp.Answer answer = Bot.get(http.send("/matchmake/who", TestTokens.hs256(claims), typed)
                .toCompletionStage().toCompletableFuture());
        assertEquals(200, answer.status(), answer.body());
        JsonObject seat = answer.json();
        assertEquals(who.name(), seat.getString("name"), "the answer names the player as others see it");
        assertEquals(who.subject(), seat.getString("subject"));
        return rooms.join(new SeatGrant(SeatGrant.Status.OK, seat.getString("roomId"), seat.getString("token"),
                seat.getString("game"), seat.getLong("expiresInMs"), seat.getString("reconnectToken")));
    }

    @Test
    void shouldSeatTheTokensIdentityKeepItAndGiveOneSeatPerSubject(Vertx vertx) {
        IdentityRooms rooms = server(vertx);
        AuthHttp http = new AuthHttp(vertx, rooms.fixture.port());
        Bot alice = login(rooms, http, ALICE, "Mallory");
        Bot bob = login(rooms, http, BOB, "Alice");
        String roomId = alice.client.welcome().roomId();
        assertEquals(roomId, bob.client.welcome().roomId());
        assertEquals(List.of(ALICE, BOB), WhoGame.JOINS, "the game sees the tokens' identities, not the typed names");
        JsonObject joined = rooms.playerEvent(RoomEvents.PLAYER_JOINED, "Alice");
        assertEquals("user-1", joined.getString("subject"));
        assertEquals(7, joined.getJsonObject("claims").getInteger("rank"));

        Bot again = login(rooms, http, ALICE, "Alice's phone");
        assertEquals(roomId, again.client.welcome().roomId());
        assertEquals(Protocol.CLOSE_REPLACED, alice.closeCode(), "the older login is replaced");
        assertEquals(alice.client.welcome().entityId(), again.client.welcome().entityId(), "one seat, one entity");
        assertEquals(Integer.valueOf(2), rooms.fixture.<Integer>onRoom(roomId, Room::players));
        assertEquals(2, WhoGame.JOINS.size(), "the game was not asked again");
        assertFalse(bob.closed.isDone(), "another subject is not touched");

        bob.onContext(() -> bob.client.dropConnection());
        Bot.get(bob.closed);
        rooms.playerEvent(RoomEvents.PLAYER_DROPPED, "Bob");
        Bot.get(bob.client.reconnect().toCompletionStage().toCompletableFuture());
        assertEquals("user-2", rooms.playerEvent(RoomEvents.PLAYER_RESUMED, "Bob").getString("subject"));
        bob.await(s -> bob.client.welcome() != null);
        assertEquals(BOB, rooms.fixture.onRoom(roomId, r -> r.session(bob.client.welcome().playerId()).identity()),
                "a reconnection keeps the identity");
        assertNotEquals(again.client.welcome().playerId(), bob.client.welcome().playerId());
    }

    @Test
    void shouldLetTheJavaClientPlayWithAToken(Vertx vertx) {
        IdentityRooms rooms = server(vertx);
        Bot bot = new Bot(vertx, rooms.fixture.port());
        String token = TestTokens.hs256(TestTokens.claims("user-3", "Cleo").put("rank", 1));
        Bot.get(bot.client.joinOrCreate("who", "typed", token).toCompletionStage().toCompletableFuture());
        bot.welcome();
        assertEquals(List.of(new Identity("user-3", "Cleo", Map.of("rank", 1))), WhoGame.JOINS);
        Bot guest = new Bot(vertx, rooms.fixture.port());
        assertEquals(401, Bot.get(guest.client.matchmake("who", "typed").transform(done -> io.vertx.core.Future
                .succeededFuture(done.failed() && done.cause().getMessage().contains("HTTP 401") ? 401 : 0))
                .toCompletionStage().toCompletableFuture()), "without a token: 401");
    }
}
