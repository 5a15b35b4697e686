package dev.tickcast.server.internal.http;

import dev.tickcast.game.Identity;

import dev.tickcast.server.internal.match.MatchService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 9c: however many requests ask, the room list is built at most once per cache
 * period (a burst that arrives during a build shares it), its encoded answer is shared, and it
 * lists at most the limit while counting every room. The clock is a field; nothing sleeps.
 */
class RoomListingTest {
    private long nowNs = 1_000_000_000L;
    private final FakeMatch match = new FakeMatch(25);

    /** A match service whose room list answers when the test says so. */
    private static final class FakeMatch implements MatchService {
        final List<Promise<List<JsonObject>>> asked = new ArrayList<>();
        final List<JsonObject> rooms = new ArrayList<>();

        FakeMatch(int n) {
            for (int i = 0; i < n; i++) {
                rooms.add(new JsonObject().put("id", "r" + i).put("game", i % 5 == 0 ? "tanks" : "arena")
                        .put("players", 2).put("maxPlayers", 16));
            }
        }

        void answer() {
            asked.get(asked.size() - 1).complete(List.copyOf(rooms));
        }

        @Override
        public Future<List<JsonObject>> rooms() {
            Promise<List<JsonObject>> p = Promise.promise();
            asked.add(p);
            return p.future();
        }

        @Override
        public Future<Placed> joinOrCreate(String game, Identity player, String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Placed> create(String game, Identity player, boolean isPrivate, String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Placed> joinById(String roomId, Identity player, String address) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void shouldBuildOnceForABurstAndOncePerCachePeriod() {
        RoomListing listing = new RoomListing(match, () -> nowNs, 500, 200);
        List<Future<RoomListing.Listing>> burst = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            burst.add(listing.get());
        }
        assertEquals(1, listing.builds(), "a thousand requests during one build share it");
        match.answer();
        assertTrue(burst.stream().allMatch(f -> f.succeeded() && f.result() == burst.get(0).result()));
        nowNs += 499_000_000L;
        for (int i = 0; i < 1_000; i++) {
            assertSame(burst.get(0).result(), listing.get().result());
        }
        assertEquals(1, listing.builds(), "and every request within the cache period");
        nowNs += 1_000_000L;
        Future<RoomListing.Listing> next = listing.get();
        assertEquals(2, listing.builds(), "built again once the period is over");
        assertEquals(2, match.asked.size(), "each build asks the rooms once");
        match.answer();
        assertTrue(next.succeeded());
    }

    @Test
    void shouldListAtMostTheLimitAndCountThemAll() {
        RoomListing listing = new RoomListing(match, () -> nowNs, 500, 10);
        Future<RoomListing.Listing> f = listing.get();
        match.answer();
        RoomListing.Listing l = f.result();
        assertEquals(25, l.total);
        JsonArray body = new JsonArray(l.encoded("http://a:1"));
        assertEquals(10, body.size());
        assertEquals("r0", body.getJsonObject(0).getString("id"), "the first rooms in the directory's order");
        assertEquals("http://a:1", body.getJsonObject(9).getString("node"));
        assertEquals(5, l.perGame.get("tanks")[0], "the games' counts cover every room, not only the listed ones");
        assertEquals(40, l.perGame.get("arena")[1]);
    }

    @Test
    void shouldShareTheEncodedAnswerForTheSameBaseUrl() {
        RoomListing listing = new RoomListing(match, () -> nowNs, 500, 200);
        Future<RoomListing.Listing> f = listing.get();
        match.answer();
        Buffer a = f.result().encoded("http://a:1");
        assertSame(a, listing.get().result().encoded("http://a:1"));
        assertEquals("http://b:2", new JsonArray(f.result().encoded("http://b:2")).getJsonObject(0).getString("node"));
    }

    @Test
    void shouldNotServeAFailedBuildAgain() {
        RoomListing listing = new RoomListing(match, () -> nowNs, 500, 200);
        Future<RoomListing.Listing> failed = listing.get();
        match.asked.get(0).fail("the directory did not answer");
        assertTrue(failed.failed());
        listing.get();
        assertEquals(2, listing.builds());
    }
}
