package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.match.MatchService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The room list behind {@code GET /rooms} and {@code GET /games}, at a bounded cost whatever the
 * request rate: it is built (every room asked for its live fields) at most once per
 * {@code cacheMs}, and requests that arrive while a build runs wait for that build; its encoded
 * answer is shared by every request that carries the same base URL. {@code GET /rooms} lists at
 * most {@code limit} rooms, the first ones in the directory's order; the full count goes with it.
 * Shared by every event loop.
 */
final class RoomListing {
    /**
     * One build: the rooms to list, how many there are in all, and per game its rooms and players.
     */
    static final class Listing {
        final List<JsonObject> listed;
        final int total;
        final Map<String, int[]> perGame;
        private final AtomicReference<Object[]> encoded = new AtomicReference<>();

        Listing(List<JsonObject> all, int limit) {
            this.listed = all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
            this.total = all.size();
            this.perGame = new HashMap<>();
            for (JsonObject room : all) {
                int[] c = perGame.computeIfAbsent(room.getString("game"), g -> new int[2]);
                c[0]++;
                c[1] += room.getInteger("players", 0);
            }
        }

        /** The JSON array of the listed rooms, this node's rooms under {@code baseUrl}; reused while the URL is the same. */
        Buffer encoded(String baseUrl) {
            Object[] last = encoded.get();
            if (last != null && last[0].equals(baseUrl)) {
                return (Buffer) last[1];
            }
            JsonArray list = new JsonArray();
            for (JsonObject room : listed) {
                list.add(room.containsKey("node") ? room : room.copy().put("node", baseUrl));
            }
            Buffer body = Buffer.buffer(list.encode());
            encoded.set(new Object[] {baseUrl, body});
            return body;
        }
    }

    private final MatchService match;
    private final LongSupplier nanoClock;
    private final long cacheNs;
    private final int limit;
    private Future<Listing> current;
    private long builtAtNs;
    private long builds;

    /** A listing of {@code match}'s rooms, rebuilt at most every {@code cacheMs} of {@code nanoClock}, listing {@code limit}. */
    RoomListing(MatchService match, LongSupplier nanoClock, long cacheMs, int limit) {
        this.match = match;
        this.nanoClock = nanoClock;
        this.cacheNs = cacheMs * 1_000_000L;
        this.limit = limit;
    }

    /** The current listing: the last build if it is recent (or still running), else a new build. */
    synchronized Future<Listing> get() {
        long now = nanoClock.getAsLong();
        if (current != null && (!current.isComplete() || now - builtAtNs < cacheNs)) {
            return current;
        }
        builds++;
        builtAtNs = now;
        Future<Listing> build = match.rooms().map(all -> new Listing(all, limit));
        current = build;
        build.onFailure(e -> forget(build));
        return build;
    }

    /** A failed build is not served again. */
    private synchronized void forget(Future<Listing> failed) {
        if (current == failed) {
            current = null;
        }
    }

    /** How many times the list was built. */
    synchronized long builds() {
        return builds;
    }
}
