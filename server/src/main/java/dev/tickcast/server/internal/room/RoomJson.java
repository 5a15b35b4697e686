package dev.tickcast.server.internal.room;

import dev.tickcast.game.rewind.ViewReason;
import dev.tickcast.server.internal.broadcast.Broadcast;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON views of a room's figures ({@link RoomStats}): the public summary of {@code GET /rooms}
 * and the admin page's row (docs/OPERATIONS.md). Their keys are a public contract: "tick" and
 * "tickMs" keep their names although the latter is the last step's duration.
 */
public final class RoomJson {
    private RoomJson() {
    }

    /** The public summary: id, game, players, maxPlayers, tick, droppedTicks, ticking. */
    public static JsonObject summary(RoomStats s) {
        return new JsonObject().put("id", s.roomId()).put("game", s.spec().name()).put("players", s.players())
                .put("maxPlayers", s.spec().maxPlayers()).put("tick", s.tick()).put("droppedTicks", s.droppedTicks())
                .put("ticking", s.ticking());
    }

    /** The public summary, with {@code "broadcast"}: the sync path of {@code cast} when it is a listed room's. */
    public static JsonObject summary(RoomStats s, Broadcast cast) {
        JsonObject json = summary(s);
        return cast != null && cast.listed() ? json.put("broadcast", cast.syncPath()) : json;
    }

    /** The admin page's row, with {@code "broadcast"}: the sync path of {@code cast}, signed if the room is private. */
    public static JsonObject admin(RoomStats s, Broadcast cast) {
        JsonObject json = admin(s);
        return cast != null ? json.put("broadcast", cast.link()) : json;
    }

    /**
     * The admin page's row: players (connected), dropped players, spectators, tick, the last step's
     * time, bytes sent so far, age and the taken seats (player id, name, subject: null for a guest,
     * dropped, rttMs: the measured round trip or -1, viewDelayMs: the declared view delay).
     */
    public static JsonObject admin(RoomStats s) {
        JsonArray seats = new JsonArray();
        for (RoomStats.Seat seat : s.seats()) {
            seats.add(new JsonObject().put("playerId", seat.playerId()).put("name", seat.name())
                    .put("subject", seat.subject()).put("dropped", seat.dropped())
                    .put("rttMs", seat.rttMs()).put("viewDelayMs", seat.viewDelayMs()));
        }
        return new JsonObject().put("id", s.roomId()).put("game", s.spec().name())
                .put("players", s.players() - s.droppedPlayers()).put("dropped", s.droppedPlayers())
                .put("spectators", s.spectators()).put("maxPlayers", s.spec().maxPlayers()).put("tick", s.tick())
                .put("tickHz", s.spec().tickHz()).put("tickMs", s.stepNs() / 1e6)
                .put("bytesSent", s.bytesSent()).put("droppedTicks", s.droppedTicks())
                .put("ageMs", s.ageNs() / 1_000_000).put("disposed", s.disposed())
                .put("snapshotBuildMs", snapshotBuild(s)).put("rewinds", rewinds(s)).put("seats", seats);
    }

    /** The game's rewinds by how their stamps were judged: {EXACT, NO_VIEW, REFUSED, TOO_OLD, DISAGREES}. */
    private static JsonObject rewinds(RoomStats s) {
        JsonObject counts = new JsonObject();
        for (ViewReason r : ViewReason.values()) {
            counts.put(r.name(), s.rewinds(r));
        }
        return counts;
    }

    /** {p50, p99, max, samples} of the room's snapshot build, in milliseconds; null before its first broadcast. */
    private static JsonObject snapshotBuild(RoomStats s) {
        long[] ns = s.snapshotBuildNs();
        if (ns == null) {
            return null;
        }
        return new JsonObject().put("p50", ns[0] / 1e6).put("p99", ns[1] / 1e6).put("max", ns[2] / 1e6)
                .put("samples", s.snapshotBuildSamples());
    }
}
