package dev.tickcast.server.internal.match;

import static dev.tickcast.game.Identity.guest;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.server.GameRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matchmaker's parts working together, on a millisecond clock the test advances by hand:
 * seat expiry, reconnection, the caps on rooms and unclaimed seats, spectator tokens, single use.
 * Rooms are real (two seats each) but nobody connects: the test plays the room's callbacks.
 */
@ExtendWith(VertxExtension.class)
class MatchmakerClockTest {
    private static final long SEAT_MS = 10_000;
    private static final long GRACE_MS = 15_000;
    private static final String ANN = "198.51.100.1";
    private static final String BOB = "198.51.100.2";
    private static final String CAROL = "198.51.100.3";
    private static final String DAN = "198.51.100.4";
    private final GameRegistry games = new GameRegistry().register(ArenaGame.SPEC.maxPlayers(2));
    private final List<String> changes = new ArrayList<>();
    private long now = 1_000;

    private Matchmaker matchmaker(Vertx vertx, MatchLimits limits) {
        Matchmaker mm = new Matchmaker(games, TestRooms.on(vertx), SEAT_MS, () -> now, limits);
        mm.watch(changes::add);
        return mm;
    }

    /** Claims {@code grant}'s seat and has its room seat the player as {@code playerId}. */
    private static Claim seated(Matchmaker mm, SeatGrant grant, int playerId) {
        Claim claim = mm.claim(grant.token());
        assertEquals(Claim.Status.OK, claim.status());
        mm.onJoined(claim.room(), playerId, claim.reconnectToken());
        return claim;
    }

    @Test
    void shouldReleaseASeatNotClaimedWithinTheSeatTimeout(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(100, 1, 2));
        SeatGrant ann = mm.create("arena", guest("ann"), false, ANN);
        SeatGrant bob = mm.create("arena", guest("bob"), false, BOB);
        assertEquals(SEAT_MS, ann.expiresInMs());
        assertEquals(1, mm.summary(ann.roomId()).reserved());
        assertEquals(2, mm.load());
        now += SEAT_MS - 1;
        mm.sweep();
        assertEquals(1, mm.summary(ann.roomId()).reserved(), "one ms before the timeout the seat holds");
        now += 1;
        assertEquals(Claim.Status.EXPIRED, mm.claim(ann.token()).status(), "JOIN gets 4007");
        changes.clear();
        mm.sweep();
        assertEquals(List.of(ann.roomId(), bob.roomId()), changes, "the directory hears of both rooms");
        assertNull(mm.summary(ann.roomId()), "the room the expired seat left empty is gone");
        assertEquals(0, mm.load());
        assertEquals(0, mm.roomCount());
        assertEquals(Claim.Status.EXPIRED, mm.claim(bob.token()).status());
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("ann"), false, ANN).status(), "per address: back to 0");
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("bob"), false, BOB).status(), "in total: back to 0");
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.create("arena", guest("carol"), false, CAROL).status());
    }

    @Test
    void shouldResumeASeatOnlyWhileDroppedWithinTheGrace(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, MatchLimits.NONE);
        SeatGrant seat = mm.create("arena", guest("ann"), false, ANN);
        Claim ann = seated(mm, seat, 0);
        assertEquals(seat.reconnectToken(), ann.reconnectToken());
        assertEquals(Claim.Status.USED, mm.claim(seat.reconnectToken()).status(), "connected: 4008");
        mm.onDropped(ann.room(), seat.reconnectToken(), GRACE_MS);
        now += GRACE_MS - 1;
        Claim back = mm.claim(seat.reconnectToken());
        assertEquals(Claim.Status.OK, back.status());
        assertEquals(0, back.playerId(), "the same seat");
        assertEquals("ann", back.name());
        assertSame(ann.room(), back.room());
        assertEquals(Claim.Status.USED, mm.claim(seat.reconnectToken()).status(), "used: the player is back");
        mm.onDropped(ann.room(), seat.reconnectToken(), GRACE_MS);
        now += GRACE_MS;
        assertEquals(Claim.Status.EXPIRED, mm.claim(seat.reconnectToken()).status(), "past the grace: 4007");
        assertEquals(1, mm.summary(seat.roomId()).seated(), "the room, not the clock, frees the seat");
        mm.onSeatFreed(ann.room(), seat.reconnectToken());
        assertNull(mm.room(seat.roomId()), "the room it left empty is gone");
    }

    @Test
    void shouldCapRoomsCountingOnlyRoomsThatHoldASeat(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(2, 10, 100));
        SeatGrant open = mm.create("arena", guest("ann"), false, ANN);
        SeatGrant closed = mm.create("arena", guest("bob"), true, BOB);
        Claim ann = seated(mm, open, 0);
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.create("arena", guest("carol"), false, CAROL).status());
        SeatGrant carol = mm.joinOrCreate("arena", guest("carol"), CAROL);
        assertEquals(open.roomId(), carol.roomId(), "a free seat in an open room needs no new room");
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.joinOrCreate("arena", guest("dan"), DAN).status(),
                "the public room is full, the other is private: a third room would pass the cap");
        now += SEAT_MS;
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("dan"), false, DAN).status(),
                "bob's seat expired, its room left and freed its place");
        assertNull(mm.room(closed.roomId()));
        assertEquals(2, mm.roomCount());
        assertEquals(1, mm.summary(open.roomId()).taken(), "carol's seat expired too");
        mm.onSeatFreed(ann.room(), ann.reconnectToken());
        assertNull(mm.room(open.roomId()), "a room whose last player left leaves");
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("eve"), false, ANN).status());
    }

    @Test
    void shouldCapUnclaimedSeatsPerAddressAndInTotal(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(100, 2, 3));
        SeatGrant first = mm.create("arena", guest("a1"), false, ANN);
        assertEquals(SeatGrant.Status.OK, mm.joinById(first.roomId(), guest("a2"), ANN).status());
        assertEquals(SeatGrant.Status.TOO_MANY_SEATS, mm.create("arena", guest("a3"), false, ANN).status());
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("b"), false, BOB).status());
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.create("arena", guest("c"), false, CAROL).status(),
                "three unclaimed seats in all");
        assertEquals(Claim.Status.OK, mm.claim(first.token()).status());
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("a3"), false, ANN).status(),
                "a claimed seat counts no more, for its address nor in total");
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.joinOrCreate("arena", guest("c"), CAROL).status());
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.joinOrCreate("arena", guest("a4"), ANN).status(),
                "the server-wide cap is checked before the address's");
    }

    @Test
    void shouldHonourASeatTokenOnce(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(100, 1, 100));
        SeatGrant ann = mm.create("arena", guest("ann"), false, ANN);
        SeatGrant bob = mm.joinById(ann.roomId(), guest("bob"), BOB);
        assertEquals(Claim.Status.INVALID, mm.claim(ann.token() + "A").status(), "altered: 4002");
        assertEquals(Claim.Status.INVALID, mm.claim(null).status());
        assertEquals(Claim.Status.OK, mm.claim(ann.token()).status());
        assertEquals(Claim.Status.USED, mm.claim(ann.token()).status(), "4008");
        assertEquals(1, mm.summary(ann.roomId()).seated());
        assertEquals(1, mm.summary(ann.roomId()).reserved());
        mm.dispose(ann.roomId(), "operator");
        assertEquals(Claim.Status.ROOM_CLOSED, mm.claim(bob.token()).status(), "4005");
        assertEquals(Claim.Status.USED, mm.claim(bob.token()).status());
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("bob"), false, BOB).status(),
                "the refused seat no longer counts against its address");
        assertEquals(SeatGrant.Status.NO_ROOM, mm.joinById(ann.roomId(), guest("carol"), CAROL).status());
    }

    @Test
    void shouldLetASpectatorWatchOnceWithoutASeat(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, MatchLimits.NONE);
        assertNull(mm.watchToken("no-such-room"));
        SeatGrant ann = mm.create("arena", guest("ann"), false, ANN);
        String watch = mm.watchToken(ann.roomId());
        Claim spectator = mm.claim(watch);
        assertEquals(Claim.Status.OK, spectator.status());
        assertEquals(Claim.SPECTATOR, spectator.playerId());
        assertSame(mm.room(ann.roomId()), spectator.room());
        assertEquals(1, mm.summary(ann.roomId()).taken(), "no seat taken");
        assertEquals(Claim.Status.USED, mm.claim(watch).status(), "4008");
        String late = mm.watchToken(ann.roomId());
        String gone = mm.watchToken(ann.roomId());
        mm.dispose(ann.roomId(), "operator");
        assertEquals(Claim.Status.ROOM_CLOSED, mm.claim(gone).status(), "4005");
        now += SEAT_MS;
        assertEquals(Claim.Status.EXPIRED, mm.claim(late).status(), "4007 after the seat timeout");
    }

    @Test
    void shouldPlaceInTheFirstOpenPublicRoomWithAFreeSeat(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, MatchLimits.NONE);
        SeatGrant hidden = mm.create("arena", guest("host"), true, ANN);
        SeatGrant first = mm.joinOrCreate("arena", guest("a"), BOB);
        assertNotEquals(hidden.roomId(), first.roomId(), "private rooms are joined by id only");
        assertEquals(first.roomId(), mm.joinOrCreate("arena", guest("b"), CAROL).roomId());
        SeatGrant second = mm.joinOrCreate("arena", guest("c"), DAN);
        assertNotEquals(first.roomId(), second.roomId(), "the first room is full");
        assertEquals(SeatGrant.Status.FULL, mm.joinById(first.roomId(), guest("d"), DAN).status());
        assertEquals(SeatGrant.Status.NO_GAME, mm.joinOrCreate("chess", guest("e"), DAN).status());
        assertEquals(List.of(mm.room(first.roomId()), mm.room(second.roomId())), mm.rooms());
        assertEquals(List.of(mm.room(hidden.roomId()), mm.room(first.roomId()), mm.room(second.roomId())),
                mm.allRooms());
        assertEquals(4, mm.load());
    }

    @Test
    void shouldTellTheWatcherOfARoomAnOperatorDisposes(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, MatchLimits.NONE);
        SeatGrant ann = mm.create("arena", guest("ann"), false, ANN);
        changes.clear();
        assertTrue(mm.dispose(ann.roomId(), "closed by an operator"));
        assertEquals(List.of(ann.roomId()), changes, "the cluster directory hears that the room left");
        assertEquals(null, mm.summary(ann.roomId()));
    }

    @Test
    void shouldForgetEverythingOnShutdown(Vertx vertx) throws Exception {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(100, 1, 100));
        SeatGrant ann = mm.create("arena", guest("ann"), false, ANN);
        SeatGrant bob = mm.joinById(ann.roomId(), guest("bob"), BOB);
        Claim seated = seated(mm, ann, 0);
        mm.onDropped(seated.room(), ann.reconnectToken(), GRACE_MS);
        String watch = mm.watchToken(ann.roomId());
        mm.closeAll().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(seated.room().stats().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).disposed());
        assertEquals(0, mm.roomCount());
        assertEquals(Claim.Status.EXPIRED, mm.claim(ann.reconnectToken()).status());
        assertEquals(Claim.Status.USED, mm.claim(bob.token()).status());
        assertEquals(Claim.Status.USED, mm.claim(watch).status());
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("bob"), false, BOB).status(), "no seat counts any more");
    }
}
