package dev.tickcast.server.internal.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The admin page's chart data: players online and snapshot bytes per second over the last five
 * minutes, one sample every {@link #PERIOD_MS}. Bandwidth is the growth of the rooms' byte counts
 * between samples (a room disposed in between is left out of that sample's growth). Synchronized:
 * samples come from a timer, reads from any event loop.
 */
final class AdminHistory {
    static final long PERIOD_MS = 2_000;
    private static final int SAMPLES = 150;

    private final long[] times = new long[SAMPLES];
    private final long[] players = new long[SAMPLES];
    private final long[] bytesPerSecond = new long[SAMPLES];
    private final java.util.Map<String, Long> lastBytes = new java.util.HashMap<>();
    private long lastTimeMs;
    private int next;
    private int size;

    synchronized void sample(List<JsonObject> rooms) {
        long now = System.currentTimeMillis();
        long online = 0;
        long grown = 0;
        java.util.Map<String, Long> bytes = new java.util.HashMap<>();
        for (JsonObject room : rooms) {
            online += room.getInteger("players", 0);
            long b = room.getLong("bytesSent", 0L);
            bytes.put(room.getString("id"), b);
            grown += b - lastBytes.getOrDefault(room.getString("id"), 0L);
        }
        long elapsed = lastTimeMs == 0 ? PERIOD_MS : Math.max(1, now - lastTimeMs);
        lastBytes.clear();
        lastBytes.putAll(bytes);
        lastTimeMs = now;
        times[next] = now;
        players[next] = online;
        bytesPerSecond[next] = grown * 1000 / elapsed;
        next = (next + 1) % SAMPLES;
        size = Math.min(SAMPLES, size + 1);
    }

    /** {"periodMs": ..., "samples": [{"time": ms, "players": n, "bytesPerSecond": n}, ...]} oldest first. */
    synchronized JsonObject json() {
        JsonArray samples = new JsonArray();
        for (int i = 0; i < size; i++) {
            int k = (next - size + i + SAMPLES) % SAMPLES;
            samples.add(new JsonObject().put("time", times[k]).put("players", players[k])
                    .put("bytesPerSecond", bytesPerSecond[k]));
        }
        return new JsonObject().put("periodMs", PERIOD_MS).put("samples", samples);
    }
}
