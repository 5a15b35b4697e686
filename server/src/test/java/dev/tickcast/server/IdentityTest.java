package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.room.RoomJson;
import dev.tickcast.server.internal.room.RoomStats;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A player's identity, handed to the matchmaker, reaches the game ({@code onJoinRequest},
 * {@code onJoin}, {@code RoomContext.identity}), the events on the bus, the admin view, and stays
 * the same over a reconnection; a guest has no subject and no claims.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class IdentityTest {
    private static final Identity ANN = new Identity("user-1", "Ann", Map.of("rank", 7, "roles", List.of("mod", "vip")));
    private static final Identity GUEST = Identity.guest("guest");

    @Test
    void shouldHandTheIdentityToTheGameTheEventsAndTheAdminView(Vertx vertx) {
        IdentityRooms rooms = new IdentityRooms(vertx);
        Bot ann = rooms.login(ANN);
        rooms.login(GUEST);
        assertEquals(List.of(ANN, GUEST), WhoGame.REQUESTS, "onJoinRequest sees the identity");
        assertEquals(List.of(ANN, GUEST), WhoGame.JOINS, "onJoin sees it (and the context knows it)");

        JsonObject joined = rooms.playerEvent(RoomEvents.PLAYER_JOINED, "Ann");
        assertEquals("user-1", joined.getString("subject"));
        assertEquals(7, joined.getJsonObject("claims").getInteger("rank"));
        assertEquals(new JsonArray(List.of("mod", "vip")), joined.getJsonObject("claims").getJsonArray("roles"));
        JsonObject guest = rooms.playerEvent(RoomEvents.PLAYER_JOINED, "guest");
        assertTrue(guest.containsKey("subject"), "a guest's subject is there, as JSON null");
        assertNull(guest.getValue("subject"));
        assertEquals(new JsonObject(), guest.getJsonObject("claims"));

        String roomId = ann.client.welcome().roomId();
        RoomStats stats = Bot.get(rooms.fixture.server.room(roomId).stats().toCompletionStage().toCompletableFuture());
        JsonArray seats = RoomJson.admin(stats).getJsonArray("seats");
        assertEquals(2, seats.size());
        JsonObject annSeat = seats.getJsonObject(0).getString("name").equals("Ann") ? seats.getJsonObject(0) : seats.getJsonObject(1);
        JsonObject guestSeat = annSeat == seats.getJsonObject(0) ? seats.getJsonObject(1) : seats.getJsonObject(0);
        assertEquals("user-1", annSeat.getString("subject"));
        assertEquals(ann.client.welcome().playerId(), annSeat.getInteger("playerId"));
        assertTrue(guestSeat.containsKey("subject"));
        assertNull(guestSeat.getValue("subject"));
    }

    @Test
    void shouldKeepTheIdentityOverAReconnection(Vertx vertx) {
        IdentityRooms rooms = new IdentityRooms(vertx);
        Bot ann = rooms.login(ANN);
        String roomId = ann.client.welcome().roomId();
        int seat = ann.client.welcome().playerId();
        int entity = ann.client.welcome().entityId();
        ann.onContext(() -> ann.client.dropConnection());
        Bot.get(ann.closed);
        rooms.playerEvent(RoomEvents.PLAYER_DROPPED, "Ann");

        Bot.get(ann.client.reconnect().toCompletionStage().toCompletableFuture());
        JsonObject resumed = rooms.playerEvent(RoomEvents.PLAYER_RESUMED, "Ann");
        assertEquals("user-1", resumed.getString("subject"));
        assertEquals(7, resumed.getJsonObject("claims").getInteger("rank"));
        ann.await(s -> ann.client.welcome() != null);
        assertEquals(entity, ann.client.welcome().entityId());
        assertEquals(ANN, rooms.fixture.onRoom(roomId, r -> r.session(seat).identity()), "the room's session");
        assertEquals(List.of(ANN), WhoGame.JOINS, "the game is not called again");
    }
}
