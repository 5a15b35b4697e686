package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.match.Claim;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.match.RoomSummary;
import dev.tickcast.server.internal.match.SeatGrant;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The game kicks a player ({@code RoomContext.kick}) from inside a game call, in a real room: a
 * connected player is closed with 4012 and the game's reason, cut to what a close frame carries
 * on a code point boundary; a dropped player's seat is freed once the game call has returned.
 * Either way the game hears {@code onLeave} once and the matchmaker's counts follow.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GameKickTest {
    @Test
    void shouldCloseAKickedPlayerWithTheGamesReasonCutToACloseFrame(Vertx vertx) {
        IdentityRooms rooms = new IdentityRooms(vertx);
        Bot ann = rooms.login(IdentityRooms.verified("user-1", "Ann"));
        CompletableFuture<String> close = new CompletableFuture<>();
        ann.client.onClose((code, reason) -> close.complete(code + " " + reason));
        Bot bob = rooms.login(Identity.guest("bob"));
        String roomId = ann.client.welcome().roomId();
        int seat = ann.client.welcome().playerId();

        String reason = "x" + "\uD83D\uDE00".repeat(40); // 1 + 160 UTF-8 bytes
        assertTrue(kick(rooms, roomId, seat, reason));
        String cut = "x" + "\uD83D\uDE00".repeat(30);
        assertEquals(121, cut.getBytes(StandardCharsets.UTF_8).length, "one more emoji would pass 123 bytes");
        assertEquals(Protocol.CLOSE_KICKED + " " + cut, Bot.get(close, "the kicked player's close"));
        rooms.playerEvent(RoomEvents.PLAYER_LEFT, "Ann");
        assertEquals(List.of(seat), WhoGame.LEAVES);
        assertEquals(Integer.valueOf(1), rooms.fixture.<Integer>onRoom(roomId, Room::players)); // after the leave's task
        assertEquals(new RoomSummary(roomId, "who", 1, 0, 2, false), rooms.summary(roomId));
        assertFalse(bob.closed.isDone(), "the others play on");
    }

    @Test
    void shouldFreeAKickedDroppedSeatAfterTheGameCall(Vertx vertx) {
        IdentityRooms rooms = new IdentityRooms(vertx);
        Matchmaker mm = rooms.fixture.server.matchmaker();
        SeatGrant grant = IdentityRooms.grant(mm.joinOrCreate("who", Identity.guest("ann"), IdentityRooms.ADDRESS));
        Bot ann = rooms.join(grant);
        rooms.login(Identity.guest("bob"));
        int seat = ann.client.welcome().playerId();
        ann.onContext(() -> ann.client.dropConnection());
        Bot.get(ann.closed);
        rooms.playerEvent(RoomEvents.PLAYER_DROPPED, "ann");

        assertTrue(kick(rooms, grant.roomId(), seat, "cheating"));
        rooms.playerEvent(RoomEvents.PLAYER_LEFT, "ann");
        assertEquals(Integer.valueOf(1), rooms.fixture.<Integer>onRoom(grant.roomId(), Room::players)); // after the leave's task
        assertEquals(List.of(seat), WhoGame.LEAVES, "onLeave once, after the game call that kicked");
        assertEquals(new RoomSummary(grant.roomId(), "who", 1, 0, 2, false), rooms.summary(grant.roomId()));
        assertEquals(Claim.Status.EXPIRED, mm.claim(grant.reconnectToken()).status(), "no coming back");
        assertFalse(kick(rooms, grant.roomId(), seat, "again"), "the seat is free: nothing to kick");
    }

    /** Asks the game, through the room's address, to kick {@code seat}; true if the game did. */
    private static boolean kick(IdentityRooms rooms, String roomId, int seat, String reason) {
        Message<Object> reply = Bot.get(rooms.vertx.eventBus().request(RoomEvents.room(roomId),
                new JsonObject().put("kick", seat).put("reason", reason)).toCompletionStage().toCompletableFuture());
        return ((JsonObject) reply.body()).getBoolean("accepted");
    }
}
