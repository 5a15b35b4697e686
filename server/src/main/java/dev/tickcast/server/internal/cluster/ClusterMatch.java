package dev.tickcast.server.internal.cluster;

import dev.tickcast.game.Identity;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.internal.match.MatchService;
import dev.tickcast.server.internal.match.SeatGrant;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Matchmaking over the whole cluster. Join-or-create reads the {@link RoomDirectory} for a public
 * room of the game with a free seat on a live node (fullest first, so rooms fill up) and asks its
 * node for the seat; with none, it asks every node for its load (seats taken) and has the
 * least-loaded one join-or-create locally. Join by id asks the room's node. The hosting node
 * always reserves the seat itself ({@link NodeEndpoint}), so its counts and limits stay
 * authoritative; a node that does not answer within {@value #REQUEST_TIMEOUT_MS} ms is skipped.
 */
public final class ClusterMatch implements MatchService {
    private static final long REQUEST_TIMEOUT_MS = 2_000;
    private static final int MAX_ROOM_TRIES = 3;

    private final Vertx vertx;
    private final ClusterManager cluster;
    private final RoomDirectory directory;
    private final GameRegistry games;
    private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS);

    /** Matchmaking for the node of {@code cluster} over {@code directory}; {@code games} are hosted on every node. */
    public ClusterMatch(Vertx vertx, ClusterManager cluster, RoomDirectory directory, GameRegistry games) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.directory = directory;
        this.games = games;
    }

    @Override
    public Future<Placed> joinOrCreate(String game, Identity player, String address) {
        if (games.find(game) == null) {
            return refused(SeatGrant.Status.NO_GAME);
        }
        JsonObject seat = request("joinById", player, address);
        return directory.list(cluster.getNodes()).compose(entries -> {
            List<JsonObject> open = new ArrayList<>();
            for (JsonObject e : entries) {
                if (game.equals(e.getString("game")) && !e.getBoolean("private", false)
                        && e.getInteger("taken", 0) < e.getInteger("maxPlayers", 0)) {
                    open.add(e);
                }
            }
            open.sort(Comparator.<JsonObject>comparingInt(e -> -e.getInteger("taken", 0))
                    .thenComparing(e -> e.getString("id")));
            return tryRooms(open.subList(0, Math.min(MAX_ROOM_TRIES, open.size())), 0, seat);
        }).compose(placed -> placed != null ? Future.succeededFuture(placed)
                : onLeastLoaded(request("joinOrCreate", player, address).put("game", game)));
    }

    @Override
    public Future<Placed> create(String game, Identity player, boolean isPrivate, String address) {
        if (games.find(game) == null) {
            return refused(SeatGrant.Status.NO_GAME);
        }
        return onLeastLoaded(request("create", player, address).put("game", game).put("private", isPrivate));
    }

    @Override
    public Future<Placed> joinById(String roomId, Identity player, String address) {
        return directory.get(roomId).compose(entry -> {
            if (entry == null || !cluster.getNodes().contains(entry.getString("nodeId"))) {
                return refused(SeatGrant.Status.NO_ROOM);
            }
            return ask(entry.getString("nodeId"), request("joinById", player, address).put("roomId", roomId));
        });
    }

    /** The directory's listed rooms, each with its node's live fields (tick, droppedTicks) when the node answers. */
    @Override
    public Future<List<JsonObject>> rooms() {
        List<String> nodes = cluster.getNodes();
        List<Future<Object>> lives = new ArrayList<>();
        for (String node : nodes) {
            lives.add(vertx.eventBus().request(NodeEndpoint.address(node), new JsonObject().put("op", "live"), delivery)
                    .map(m -> m.body()));
        }
        Future<List<JsonObject>> all = directory.list(nodes);
        return Future.join(Future.join(lives), all).transform(done -> {
            if (all.failed()) {
                return Future.failedFuture(all.cause());
            }
            Map<String, JsonObject> live = new HashMap<>();
            for (Future<Object> f : lives) {
                if (f.succeeded() && f.result() instanceof JsonObject j) {
                    j.getJsonArray("rooms", new JsonArray()).forEach(r -> live.put(((JsonObject) r).getString("id"), (JsonObject) r));
                }
            }
            List<JsonObject> list = new ArrayList<>();
            for (JsonObject e : all.result()) {
                if (!e.getBoolean("private", false)) {
                    JsonObject room = new JsonObject().put("id", e.getString("id")).put("game", e.getString("game"))
                            .put("players", e.getInteger("players")).put("maxPlayers", e.getInteger("maxPlayers"));
                    JsonObject info = live.get(e.getString("id"));
                    list.add((info != null ? room.mergeIn(info) : room).put("node", e.getString("node")));
                }
            }
            list.sort(Comparator.comparing(r -> r.getString("id")));
            return Future.succeededFuture(list);
        });
    }

    @Override
    public int nodes() {
        return cluster.getNodes().size();
    }

    /** Tries the rooms in order; null once none gave a seat. */
    private Future<Placed> tryRooms(List<JsonObject> rooms, int i, JsonObject seat) {
        if (i >= rooms.size()) {
            return Future.succeededFuture(null);
        }
        JsonObject room = rooms.get(i);
        return ask(room.getString("nodeId"), seat.copy().put("roomId", room.getString("id")))
                .recover(e -> Future.succeededFuture(null))
                .compose(placed -> placed != null && placed.grant().status() == SeatGrant.Status.OK
                        ? Future.succeededFuture(placed) : tryRooms(rooms, i + 1, seat));
    }

    /** Sends {@code request} to the nodes by increasing load until one grants it or refuses for the client's sake. */
    private Future<Placed> onLeastLoaded(JsonObject request) {
        List<String> nodes = cluster.getNodes();
        List<Future<Object>> loads = new ArrayList<>();
        for (String node : nodes) {
            loads.add(vertx.eventBus().request(NodeEndpoint.address(node), new JsonObject().put("op", "load"), delivery)
                    .map(m -> m.body()));
        }
        return Future.join(loads).transform(done -> {
            List<String> order = new ArrayList<>();
            Map<String, Integer> load = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (loads.get(i).succeeded() && loads.get(i).result() instanceof JsonObject j) {
                    order.add(nodes.get(i));
                    load.put(nodes.get(i), j.getInteger("load", 0));
                }
            }
            order.sort(Comparator.<String>comparingInt(load::get).thenComparing(Function.identity()));
            return tryNodes(order, 0, request);
        });
    }

    private Future<Placed> tryNodes(List<String> order, int i, JsonObject request) {
        if (i >= order.size()) {
            return refused(SeatGrant.Status.NO_CAPACITY);
        }
        return ask(order.get(i), request).recover(e -> Future.succeededFuture(null)).compose(placed ->
                placed == null || placed.grant().status() == SeatGrant.Status.NO_CAPACITY
                        ? tryNodes(order, i + 1, request) : Future.succeededFuture(placed));
    }

    private Future<Placed> ask(String nodeId, JsonObject request) {
        return vertx.eventBus().request(NodeEndpoint.address(nodeId), request, delivery).map(m -> {
            JsonObject reply = (JsonObject) m.body();
            return new Placed(grant(reply), reply.getString("url"));
        });
    }

    private static JsonObject request(String op, Identity player, String address) {
        return IdentityJson.put(new JsonObject().put("op", op).put("address", address), player);
    }

    private static Future<Placed> refused(SeatGrant.Status status) {
        return Future.succeededFuture(new Placed(new SeatGrant(status, null, null, null, 0, null), null));
    }

    /** A grant as JSON on the event bus. */
    static JsonObject grantJson(SeatGrant g) {
        return new JsonObject().put("status", g.status().name()).put("roomId", g.roomId()).put("token", g.token())
                .put("game", g.game()).put("expiresInMs", g.expiresInMs()).put("reconnectToken", g.reconnectToken());
    }

    private static SeatGrant grant(JsonObject j) {
        return new SeatGrant(SeatGrant.Status.valueOf(j.getString("status")), j.getString("roomId"),
                j.getString("token"), j.getString("game"), j.getLong("expiresInMs", 0L), j.getString("reconnectToken"));
    }
}
