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
 * Issue 16 item 15: a seat stops counting as unclaimed the moment its token stops working (JOIN
 * answers 4007), not at the next sweep. The matchmaker's clock is a field here; nothing sleeps and
 * {@link Matchmaker#sweep()} is never called.
 */
@ExtendWith(VertxExtension.class)
class SeatExpiryTest {
    private static final long SEAT_MS = 10_000;
    private final GameRegistry games = new GameRegistry().register(ArenaGame.SPEC);
    private long now = 1_000;

    private Matchmaker matchmaker(Vertx vertx, MatchLimits limits) {
        RoomFactory rooms = (id, spec, mm) -> new Room(id, spec, vertx.getOrCreateContext(), 1,
                new RoomSettings(System::nanoTime, 10_000, 15_000), mm);
        return new Matchmaker(games, rooms, SEAT_MS, () -> now, limits);
    }

    @Test
    void shouldStopCountingASeatPerAddressWhenItExpires(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(100, 2, 100));
        SeatGrant first = mm.create("arena", guest("a"), false, "198.51.100.1");
        mm.create("arena", guest("a"), false, "198.51.100.1");
        assertEquals(SeatGrant.Status.TOO_MANY_SEATS, mm.create("arena", guest("a"), false, "198.51.100.1").status());
        now += SEAT_MS - 1;
        assertEquals(SeatGrant.Status.TOO_MANY_SEATS, mm.joinOrCreate("arena", guest("a"), "198.51.100.1").status(),
                "one ms before expiry both seats still count");
        now += 1;
        assertEquals(Claim.Status.EXPIRED, mm.claim(first.token()).status(), "JOIN with the token gets 4007 now");
        assertEquals(SeatGrant.Status.OK, mm.joinOrCreate("arena", guest("a"), "198.51.100.1").status(),
                "so the expired seats count no more");
        SeatGrant again = mm.create("arena", guest("a"), true, "198.51.100.1");
        assertEquals(SeatGrant.Status.OK, again.status());
        assertEquals(SeatGrant.Status.TOO_MANY_SEATS, mm.joinById(again.roomId(), guest("a"), "198.51.100.1").status());
        assertEquals(null, mm.room(first.roomId()), "the room its expired seat left empty is gone");
    }

    @Test
    void shouldStopCountingASeatServerWideWhenItExpires(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(100, 10, 2));
        SeatGrant seat = mm.create("arena", guest("a"), false, "198.51.100.1");
        mm.create("arena", guest("b"), false, "198.51.100.2");
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.joinOrCreate("arena", guest("c"), "198.51.100.3").status());
        now += SEAT_MS;
        assertEquals(Claim.Status.EXPIRED, mm.claim(seat.token()).status());
        assertEquals(SeatGrant.Status.OK, mm.joinOrCreate("arena", guest("c"), "198.51.100.3").status());
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("d"), false, "198.51.100.4").status());
    }

    @Test
    void shouldFreeARoomLeftEmptyByAnExpiredSeatForTheRoomCap(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, new MatchLimits(1, 10, 100));
        SeatGrant seat = mm.create("arena", guest("a"), false, "198.51.100.1");
        assertEquals(SeatGrant.Status.NO_CAPACITY, mm.create("arena", guest("b"), false, "198.51.100.2").status());
        now += SEAT_MS;
        assertEquals(SeatGrant.Status.OK, mm.create("arena", guest("b"), false, "198.51.100.2").status());
        assertEquals(1, mm.roomCount(), "the expired room was disposed, the new one took its place");
        assertEquals(null, mm.room(seat.roomId()));
    }

    @Test
    void shouldNotCallAnExpiredSeatTakenInAFullRoom(Vertx vertx) {
        Matchmaker mm = matchmaker(vertx, MatchLimits.NONE);
        SeatGrant first = mm.create("arena", guest("a"), true, "198.51.100.1");
        now += 1;
        for (int i = 1; i < ArenaGame.SPEC.maxPlayers(); i++) {
            assertEquals(SeatGrant.Status.OK, mm.joinById(first.roomId(), guest("p" + i), "198.51.100.2").status());
        }
        assertEquals(SeatGrant.Status.FULL, mm.joinById(first.roomId(), guest("late"), "198.51.100.3").status());
        now += SEAT_MS - 1;
        assertEquals(SeatGrant.Status.OK, mm.joinById(first.roomId(), guest("late"), "198.51.100.3").status(),
                "the first seat expired: its place is free");
    }
}
