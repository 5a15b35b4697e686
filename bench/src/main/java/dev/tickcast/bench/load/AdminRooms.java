package dev.tickcast.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;

/**
 * The server's admin API as the bench uses it (docs/OPERATIONS.md, {@code AdminApi}): a spectator
 * token for a room ({@code POST /admin/api/rooms/:id/watch}) and a room's admin row
 * ({@code GET /admin/api/rooms}), authorized by {@code Authorization: Bearer <admin token>}.
 * Blocking; never on an event loop.
 */
final class AdminRooms implements AutoCloseable {
    private static final long TIMEOUT_S = 30;

    private final HttpClient http;
    private final String host;
    private final int port;
    private final String token;

    AdminRooms(Vertx vertx, String host, int port, String token) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        this.host = host;
        this.port = port;
        this.token = token;
    }

    /** A single-use spectator token for room {@code roomId}. */
    String watch(String roomId) throws Exception {
        JsonObject body = new JsonObject(call(HttpMethod.POST, "/admin/api/rooms/" + roomId + "/watch"));
        return body.getString("token");
    }

    /** The admin row of room {@code roomId} (of the answer's {@code rooms}), or null if the server does not list it. */
    JsonObject room(String roomId) throws Exception {
        JsonArray rooms = new JsonObject(call(HttpMethod.GET, "/admin/api/rooms")).getJsonArray("rooms", new JsonArray());
        for (Object o : rooms) {
            if (o instanceof JsonObject room && roomId.equals(room.getString("id"))) {
                return room;
            }
        }
        return null;
    }

    /**
     * The room's {@code snapshotBuildMs} as the server reports it ({@code p50} and {@code p99}, and
     * {@code max} and {@code samples} when given: the time one snapshot broadcast of the room takes
     * to build, over its last broadcasts), or null when its row has no such key or no p50 and p99.
     */
    static JsonObject snapshotBuildMs(JsonObject room) {
        JsonObject build = room == null ? null : room.getJsonObject("snapshotBuildMs");
        if (build == null || build.getValue("p50") == null || build.getValue("p99") == null) {
            return null;
        }
        JsonObject out = new JsonObject().put("p50", build.getValue("p50")).put("p99", build.getValue("p99"));
        for (String key : new String[] {"max", "samples"}) {
            if (build.getValue(key) != null) {
                out.put(key, build.getValue(key));
            }
        }
        return out;
    }

    private String call(HttpMethod method, String path) throws Exception {
        Future<String> answer = http.request(method, port, host, path)
                .compose(req -> req.putHeader("Authorization", "Bearer " + token)
                        .putHeader("X-Tickcast-Admin", "1")
                        .send()
                        .compose(resp -> resp.body().map(b -> { // nested: see TickcastClient.matchmake
                            if (resp.statusCode() != 200) {
                                throw new IllegalStateException(method + " " + path + ": HTTP " + resp.statusCode());
                            }
                            return b.toString();
                        })));
        return answer.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        http.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
