package dev.tickcast.server.internal.cluster;

import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.match.RoomSummary;
import dev.tickcast.server.internal.match.RoomWatcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster-wide room directory: one entry per room of every node, in a cluster-wide
 * {@link AsyncMap} ({@value #MAP}), keyed by room id. Each node writes only its own rooms, when their
 * seats change (a join, a leave, a reservation; never per tick), and every survivor deletes the
 * entries of a node that left the cluster.
 *
 * <p>Entry: {@code {"id", "game", "players", "taken", "maxPlayers", "private", "node", "nodeId"}},
 * where {@code players} are seated, {@code taken} adds reserved seats, {@code node} is the hosting
 * node's public base URL and {@code nodeId} its cluster node id.
 *
 * <p>A node's writes are applied one after the other, and a room's pending write is coalesced: the
 * value written is the room's state when the write runs, so the entry never goes back in time.
 */
public final class RoomDirectory implements RoomWatcher {
    /** The name of the cluster-wide map. */
    public static final String MAP = "tickcast.rooms";
    private static final Logger LOG = LoggerFactory.getLogger(RoomDirectory.class);

    private final AsyncMap<String, JsonObject> map;
    private final Matchmaker matchmaker;
    private final Context context;
    private final String nodeId;
    private final String nodeUrl;
    private final Map<String, Future<Void>> pending = new HashMap<>();
    private Future<Void> last = Future.succeededFuture();

    private RoomDirectory(AsyncMap<String, JsonObject> map, Matchmaker matchmaker, Context context, String nodeId,
                          String nodeUrl) {
        this.map = map;
        this.context = context;
        this.matchmaker = matchmaker;
        this.nodeId = nodeId;
        this.nodeUrl = nodeUrl;
    }

    /** Opens the directory of {@code vertx}'s cluster for the node {@code nodeId} reachable at {@code nodeUrl}. */
    public static Future<RoomDirectory> open(Vertx vertx, Matchmaker matchmaker, String nodeId, String nodeUrl) {
        Context context = vertx.getOrCreateContext();
        return vertx.sharedData().<String, JsonObject>getClusterWideMap(MAP)
                .map(m -> new RoomDirectory(m, matchmaker, context, nodeId, nodeUrl));
    }

    @Override
    public void changed(String roomId) {
        publish(roomId);
    }

    /**
     * Writes the room's entry (or removes it) after every earlier write of this node; completes once
     * written. Called from any thread, also under the matchmaker's lock: the write itself runs later
     * on the directory's context, never under a lock (this one is never held while calling out).
     */
    public Future<Void> publish(String roomId) {
        Promise<Void> turn = Promise.promise();
        Future<Void> previous;
        Future<Void> write;
        synchronized (this) {
            Future<Void> queued = pending.get(roomId);
            if (queued != null) {
                return queued;
            }
            previous = last;
            write = turn.future().compose(v -> write(roomId));
            pending.put(roomId, write);
            last = write;
        }
        previous.onComplete(done -> context.runOnContext(v -> turn.complete()));
        return write;
    }

    /** Completes once every write queued so far is done (a clean shutdown). */
    public synchronized Future<Void> flushed() {
        return last;
    }

    private Future<Void> write(String roomId) {
        synchronized (this) {
            pending.remove(roomId); // a change from now on queues a new write
        }
        RoomSummary s = matchmaker.summary(roomId);
        Future<Void> done = s == null ? map.remove(roomId).mapEmpty() : map.put(roomId, entry(s));
        return done.recover(e -> {
            LOG.warn("room directory: could not write room {}: {}", roomId, e.toString());
            return Future.succeededFuture();
        });
    }

    private JsonObject entry(RoomSummary s) {
        return new JsonObject().put("id", s.id()).put("game", s.game()).put("players", s.seated())
                .put("taken", s.taken()).put("maxPlayers", s.maxPlayers()).put("private", s.isPrivate())
                .put("node", nodeUrl).put("nodeId", nodeId);
    }

    /** Every entry of every node whose id is in {@code alive} (a node that just died is left out at once). */
    public Future<List<JsonObject>> list(Collection<String> alive) {
        return map.values().map(values -> {
            List<JsonObject> list = new ArrayList<>(values.size());
            for (JsonObject e : values) {
                if (alive.contains(e.getString("nodeId"))) {
                    list.add(e);
                }
            }
            return list;
        });
    }

    /** The entry of {@code roomId}, or null. */
    public Future<JsonObject> get(String roomId) {
        return map.get(roomId);
    }

    /** Deletes every entry of the node {@code deadNodeId} (it left the cluster); any surviving node may do it. */
    public Future<Integer> removeNode(String deadNodeId) {
        return map.entries().compose(all -> {
            List<Future<JsonObject>> removed = new ArrayList<>();
            for (Map.Entry<String, JsonObject> e : all.entrySet()) {
                if (deadNodeId.equals(e.getValue().getString("nodeId"))) {
                    removed.add(map.remove(e.getKey()));
                }
            }
            return Future.join(removed).map(done -> removed.size());
        });
    }
}
