package dev.tickcast.server.internal.match;

import dev.tickcast.game.Identity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Matchmaking as the HTTP API sees it: this process's {@link Matchmaker} alone, or the whole
 * cluster (a seat may be reserved on another node). Expected refusals are a {@link SeatGrant}
 * status, never a failed future; a failed future is a fault (a node that did not answer).
 */
public interface MatchService {
    /**
     * A seat for {@code player} in a public room of {@code game}: where its subject holds a seat
     * (this node's rooms), else one with a free seat anywhere, else a new room on the least-loaded node.
     */
    Future<Placed> joinOrCreate(String game, Identity player, String address);

    /** A new room of {@code game} (private rooms are unlisted) on the least-loaded node, with its first seat. */
    Future<Placed> create(String game, Identity player, boolean isPrivate, String address);

    /** A seat in the room {@code roomId}, wherever it is. */
    Future<Placed> joinById(String roomId, Identity player, String address);

    /**
     * Every listed room: {@code id}, {@code game}, {@code players}, {@code maxPlayers} and
     * {@code node} (null for this node's own rooms); this node's rooms add their live fields.
     */
    Future<List<JsonObject>> rooms();

    /** The nodes in the cluster (1 for a single process). */
    default int nodes() {
        return 1;
    }

    /**
     * A grant and the base URL of the node that hosts its room.
     *
     * @param grant   the seat, or why none
     * @param nodeUrl the hosting node's public base URL; null for this node (the caller knows its own)
     */
    record Placed(SeatGrant grant, String nodeUrl) {
    }
}
