package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.match.Claim;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.match.RoomSummary;
import dev.tickcast.server.internal.match.SeatGrant;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.Vertx;
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
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One seat per identity per room: a second login of a verified subject takes the first one's seat
 * over (same player and entity, the first connection closed with 4013, the game not called again,
 * the matchmaker's counts right); different subjects, and guests whatever their names, get a seat each.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TakeOverTest {
    private static final Identity ANN = IdentityRooms.verified("user-1", "Ann");
    private static final Identity ANN_AGAIN = new Identity("user-1", "Ann on her phone", Map.of("device", "phone"));

    @Test
    void shouldGiveASecondLoginTheFirstOnesSeat(Vertx vertx) {
        IdentityRooms rooms = new IdentityRooms(vertx);
        Matchmaker mm = rooms.fixture.server.matchmaker();
        SeatGrant first = IdentityRooms.grant(mm.joinOrCreate("who", ANN, IdentityRooms.ADDRESS));
        Bot ann = rooms.join(first);
        WelcomeMessage before = ann.client.welcome();
        for (int i = 0; i < 3; i++) {
            ann.onContext(() -> ann.client.sendInput(new byte[] {1}));
        }
        input(rooms, 3);

        SeatGrant second = IdentityRooms.grant(mm.joinOrCreate("who", ANN_AGAIN, IdentityRooms.ADDRESS));
        assertEquals(first.roomId(), second.roomId(), "placed where its subject holds a seat");
        Bot phone = rooms.join(second);
        assertEquals(Protocol.CLOSE_REPLACED, ann.closeCode(), "the first connection is replaced");
        WelcomeMessage after = phone.client.welcome();
        assertEquals(before.playerId(), after.playerId(), "same seat");
        assertEquals(before.entityId(), after.entityId(), "same entity");

        assertEquals(Integer.valueOf(1), rooms.fixture.<Integer>onRoom(first.roomId(), Room::players));
        assertEquals(new RoomSummary(first.roomId(), "who", 1, 0, 2, false), rooms.summary(first.roomId()));
        assertEquals(1, mm.load());
        assertEquals(List.of(ANN), WhoGame.JOINS, "the game is not called again");
        assertEquals(List.of(), WhoGame.LEAVES);
        assertEquals("user-1", rooms.playerEvent(RoomEvents.PLAYER_RESUMED, "Ann").getString("subject"),
                "a take-over is a resumption, with the seat's identity");
        assertEquals(Claim.Status.EXPIRED, mm.claim(first.reconnectToken()).status(), "the old right has ended");
        phone.onContext(() -> phone.client.sendInput(new byte[] {1}));
        assertEquals(before.playerId(), input(rooms, 1).getInteger("seat"), "the new client numbers its inputs from 1");
        assertFalse(phone.closed.isDone());

        phone.onContext(() -> phone.client.close());
        rooms.event(e -> RoomEvents.ROOM_DISPOSED.equals(e.getString("type")));
        assertEquals(List.of(before.playerId()), WhoGame.LEAVES);
        assertNull(rooms.summary(first.roomId()), "the room emptied and left the directory");
        assertEquals(0, mm.load());
    }

    @Test
    void shouldLandInTheFullRoomWhereItsSubjectSitsAndTakeADroppedSeat(Vertx vertx) {
        IdentityRooms rooms = new IdentityRooms(vertx);
        Bot ann = rooms.login(ANN);
        String roomId = ann.client.welcome().roomId();
        rooms.login(Identity.guest("bob"));
        ann.onContext(() -> ann.client.dropConnection());
        Bot.get(ann.closed);
        rooms.playerEvent(RoomEvents.PLAYER_DROPPED, "Ann");

        Bot phone = rooms.login(ANN_AGAIN);
        assertEquals(roomId, phone.client.welcome().roomId(), "the full room where its subject holds a seat");
        assertEquals(ann.client.welcome().entityId(), phone.client.welcome().entityId());
        assertEquals(Integer.valueOf(2), rooms.fixture.<Integer>onRoom(roomId, Room::players));
        assertEquals(0, Bot.get(rooms.fixture.server.room(roomId).stats().toCompletionStage().toCompletableFuture())
                .droppedPlayers(), "the dropped seat is connected again");
        assertEquals(new RoomSummary(roomId, "who", 2, 0, 2, false), rooms.summary(roomId));
        assertEquals(2, WhoGame.JOINS.size());

        Matchmaker mm = rooms.fixture.server.matchmaker();
        assertEquals(SeatGrant.Status.FULL, mm.joinById(roomId, Identity.guest("dave"), IdentityRooms.ADDRESS).status());
        assertEquals(SeatGrant.Status.OK, mm.joinById(roomId, ANN, IdentityRooms.ADDRESS).status(),
                "by id too, a subject with a seat in the full room may take it over");
        Bot carol = rooms.login(Identity.guest("carol"));
        assertNotEquals(roomId, carol.client.welcome().roomId(), "anyone else finds the room full");
    }

    /** The data of the game's first "input" event of sequence {@code seq}. */
    private static io.vertx.core.json.JsonObject input(IdentityRooms rooms, int seq) {
        return rooms.event(e -> "input".equals(e.getString("event"))
                && e.getJsonObject("data").getInteger("seq") == seq).getJsonObject("data");
    }

    @Test
    void shouldSeatTwoSubjectsAndTwoGuestsOfOneNameApart(Vertx vertx) {
        IdentityRooms rooms = new IdentityRooms(vertx);
        Bot ann = rooms.login(ANN);
        Bot other = rooms.login(IdentityRooms.verified("user-2", "Ann"));
        assertEquals(ann.client.welcome().roomId(), other.client.welcome().roomId());
        assertNotEquals(ann.client.welcome().playerId(), other.client.welcome().playerId());

        Bot sam = rooms.login(Identity.guest("sam"));
        Bot sam2 = rooms.login(Identity.guest("sam"));
        assertEquals(sam.client.welcome().roomId(), sam2.client.welcome().roomId());
        assertNotEquals(sam.client.welcome().playerId(), sam2.client.welcome().playerId());
        assertEquals(4, WhoGame.JOINS.size());
        for (Bot b : List.of(ann, other, sam, sam2)) {
            assertFalse(b.closed.isDone(), "nobody was replaced");
        }
    }
}
