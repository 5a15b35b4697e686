package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Prometheus (Debian's package, /usr/bin/prometheus, which .ci/run installs) scrapes a running
 * server every second while bots play; the test asks Prometheus' HTTP API for the players gauge and
 * the tick histogram. The binary's absence is a failure, not a skip. Prometheus gets its own config
 * and storage in a temporary folder and a free loopback port, and is killed at the end.
 */
class PrometheusScrapeTest {
    private static final Path PROMETHEUS = Path.of(System.getProperty("tickcast.prometheus", "/usr/bin/prometheus"));
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(40);
    private static final int BOTS = 5;

    private Vertx vertx;
    private Vertx clients;
    private Process prometheus;
    private Path dir;
    private int promPort;

    @BeforeEach
    void start() throws IOException {
        vertx = TickcastMetrics.vertx(new VertxOptions());
        clients = Vertx.vertx();
        dir = Files.createTempDirectory("tickcast-prometheus-");
    }

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(5, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldBeScrapedByPrometheus() throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS), PROMETHEUS + " is missing: apt-get install prometheus (.ci/run does)");
        TickcastServer server = Bot.get(TickcastServer.start(vertx, TickcastOptions.defaults()
                        .withAddress("127.0.0.1", 0).withEventLoops(2).withMetrics(true, freePort()),
                new GameRegistry().register(ArenaGame.SPEC)).toCompletionStage().toCompletableFuture());
        assertTrue(server.metricsPort() != server.port(), "metrics on a port of their own");
        assertEquals(404, HttpGet.status(clients, server.port(), "/metrics", null), "not on the main port then");
        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < BOTS; i++) {
            bots.add(Bot.join(clients, server.port(), "bot" + i));
        }
        bots.forEach(b -> b.welcome());
        startPrometheus(server.metricsPort());

        awaitValue("up{job=\"tickcast\"}", v -> v == 1, "Prometheus scrapes the server");
        awaitValue("tickcast_players_connected{game=\"arena\"}", v -> v == BOTS, BOTS + " players connected");
        awaitValue("tickcast_rooms_open{game=\"arena\"}", v -> v == 1, "one room open");
        // the arena ticks at 60 Hz: after a few scrapes the histogram has counted well over 100 ticks,
        // every one of them in the +Inf bucket, and (on an idle loop) nearly all within one tick period.
        // Each figure is one query, so Prometheus evaluates it over one scrape, and each is awaited:
        // a single unanswered query is a retry, not a NaN failure.
        awaitValue("tickcast_tick_duration_seconds_count{game=\"arena\"}", v -> v > 120, "ticks counted");
        awaitValue("tickcast_tick_duration_seconds_bucket{game=\"arena\",le=\"+Inf\"}"
                + " - ignoring(le) tickcast_tick_duration_seconds_count{game=\"arena\"}", v -> v == 0,
                "the +Inf bucket holding every tick");
        awaitValue("tickcast_tick_duration_seconds_bucket{game=\"arena\",le=\"0.016666666\"}"
                + " / ignoring(le) tickcast_tick_duration_seconds_count{game=\"arena\"}", v -> v > 0.9,
                "nearly every tick within one period");
        awaitValue("count(tickcast_tick_duration_seconds_bucket{game=\"arena\"})", v -> v == 10,
                "9 buckets and +Inf");
        awaitValue("sum(vertx_http_server_active_ws_connections)", v -> v == BOTS, "Vert.x's own WebSocket gauge");
        awaitValue("tickcast_snapshot_bytes_total{game=\"arena\"}", v -> v > 0, "snapshot bytes");

        bots.get(0).client.close();
        awaitValue("tickcast_players_connected{game=\"arena\"}", v -> v == BOTS - 1, "a player left");
    }

    private void startPrometheus(int target) throws IOException {
        promPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: tickcast",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + target + "']",
                ""));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort,
                "--storage.tsdb.retention.time=1h", "--query.lookback-delta=5s")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /** Polls Prometheus until {@code query}'s first sample satisfies {@code ok}, within the deadline. */
    private void awaitValue(String query, DoublePredicate ok, String what) throws IOException {
        long deadline = System.nanoTime() + DEADLINE_NS;
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            assertTrue(prometheus.isAlive(), "prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            last = value(query);
            if (ok.test(last)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250)); // polling with a deadline
        }
        throw new AssertionError("Prometheus never showed " + what + " (" + query + " = " + last + ")\n"
                + Files.readString(dir.resolve("prometheus.log")));
    }

    /** The first sample of {@code query} now, or NaN (no answer, no sample). */
    private double value(String query) {
        HttpGet.Answer answer;
        try {
            answer = HttpGet.request(clients, HttpMethod.GET, promPort, "/api/v1/query?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8), null, null);
        } catch (AssertionError notListeningYet) {
            return Double.NaN;
        }
        if (answer.status() != 200) {
            return Double.NaN;
        }
        JsonArray result = answer.json().getJsonObject("data", new JsonObject()).getJsonArray("result", new JsonArray());
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
