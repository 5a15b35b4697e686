package dev.tickcast.server.internal.match;

import static dev.tickcast.game.Identity.guest;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomSettings;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 16 item 17, as docs/PROTOCOL.md 4.1 and 4.2 now state it: a reconnection token whose seat
 * ended for good (a clean leave, a violation or a kick all free the seat) is expired (4007), as is
 * one whose room was disposed; a spectator token presented twice is used (4008).
 */
@ExtendWith(VertxExtension.class)
class TokenAfterSeatTest {
    private final GameRegistry games = new GameRegistry().register(ArenaGame.SPEC);
    private long now = 1_000;

    private Matchmaker matchmaker(Vertx vertx) {
        RoomFactory rooms = (id, spec, mm) -> new Room(id, spec, vertx.getOrCreateContext(), 1,
                new RoomSettings(System::nanoTime, 10_000, 15_000), mm);
        return new Matchmaker(games, rooms, 10_000, () -> now, MatchLimits.NONE);
    }

    /** A seat claimed and joined: the claim, as the room saw it. */
    private static Claim seated(Matchmaker mm, SeatGrant grant, int playerId) {
        Claim claim = mm.claim(grant.token());
        assertEquals(Claim.Status.OK, claim.status());
        mm.onJoined(claim.room(), playerId, claim.reconnectToken());
        return claim;
    }

    @Test
    void shouldExpireAReconnectionTokenOnceItsSeatIsFreed(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx);
        SeatGrant a = mm.create("arena", guest("a"), false, "198.51.100.1");
        SeatGrant b = mm.joinById(a.roomId(), guest("b"), "198.51.100.2");
        Claim ann = seated(mm, a, 0);
        Claim bob = seated(mm, b, 1);
        assertEquals(Claim.Status.USED, mm.claim(a.reconnectToken()).status(), "still connected: 4008");
        mm.onSeatFreed(ann.room(), ann.reconnectToken()); // a clean leave, a violation or a kick
        assertEquals(Claim.Status.EXPIRED, mm.claim(a.reconnectToken()).status(), "the seat is gone: 4007");
        mm.onDropped(bob.room(), bob.reconnectToken(), 15_000);
        assertEquals(Claim.Status.OK, mm.claim(b.reconnectToken()).status(), "a drop keeps it");
        mm.dispose(a.roomId(), "operator");
        assertEquals(Claim.Status.EXPIRED, mm.claim(b.reconnectToken()).status(), "the room is gone: 4007");
    }

    @Test
    void shouldCallASpectatorTokenUsedTheSecondTime(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx);
        SeatGrant a = mm.create("arena", guest("a"), false, "198.51.100.1");
        String watch = mm.watchToken(a.roomId());
        assertEquals(Claim.Status.OK, mm.claim(watch).status());
        assertEquals(Claim.Status.USED, mm.claim(watch).status(), "4008");
        String late = mm.watchToken(a.roomId());
        now += 10_000;
        assertEquals(Claim.Status.EXPIRED, mm.claim(late).status(), "4007 after its 10 s");
    }
}
