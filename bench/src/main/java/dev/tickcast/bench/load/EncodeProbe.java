package dev.tickcast.bench.load;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The server's snapshot encodes over the measured window, read from its Prometheus text
 * ({@code GET /metrics}): the counters {@code tickcast_broadcasts_total} and
 * {@code tickcast_snapshot_encodes_total} and the timer {@code tickcast_snapshot_encode_seconds_sum},
 * each summed over its labels (every game), at the window's start and end. Encodes per broadcast is
 * the room's shared-encode figure: 1.0 when every client of a room is on the same baseline pair.
 * Blocking; the load's calling thread only.
 */
public final class EncodeProbe {
    private static final String BROADCASTS = "tickcast_broadcasts_total";
    private static final String ENCODES = "tickcast_snapshot_encodes_total";
    private static final String ENCODE_SECONDS = "tickcast_snapshot_encode_seconds_sum";

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private double[] start;
    private JsonObject result;

    /** A probe of the server whose metrics are at {@code metricsUrl} (e.g. http://127.0.0.1:8080/metrics). */
    public EncodeProbe(String metricsUrl) {
        this.url = URI.create(metricsUrl);
    }

    /** The window starts now. */
    void start() {
        start = read();
    }

    /** The window of {@code wall} seconds ends now. */
    void end(double wall) {
        double[] end = read();
        if (start == null || end == null) {
            result = new JsonObject().put("error", "no tickcast counters at " + url);
            return;
        }
        double broadcasts = end[0] - start[0];
        double encodes = end[1] - start[1];
        double encodeSeconds = end[2] - start[2];
        result = new JsonObject().put("broadcasts", (long) broadcasts).put("encodes", (long) encodes)
                .put("broadcastsPerSec", round(broadcasts / wall, 2))
                .put("encodesPerBroadcast", broadcasts == 0 ? null : round(encodes / broadcasts, 5))
                .put("encodeUsPerBroadcast", broadcasts == 0 ? null : round(encodeSeconds * 1e6 / broadcasts, 3));
    }

    /** The window's figures (broadcasts, encodes, broadcastsPerSec, encodesPerBroadcast, encodeUsPerBroadcast), or null. */
    public JsonObject result() {
        return result;
    }

    /** {broadcasts, encodes, encode seconds} now, or null when the server does not answer. */
    private double[] read() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            return new double[] {sum(r.body(), BROADCASTS), sum(r.body(), ENCODES), sum(r.body(), ENCODE_SECONDS)};
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The sum of every sample of metric {@code name} in Prometheus text {@code body}. */
    static double sum(String body, String name) {
        double total = 0;
        for (String line : body.split("\n")) {
            if (!line.startsWith(name)) {
                continue;
            }
            char next = line.length() > name.length() ? line.charAt(name.length()) : '\0';
            if (next != '{' && next != ' ') {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                total += Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                // a malformed sample is left out
            }
        }
        return total;
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
