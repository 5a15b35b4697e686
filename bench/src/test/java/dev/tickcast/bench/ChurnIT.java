package dev.tickcast.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection churn against the real server jar as a process (issue 16): 2 rooms of 16 bots play
 * while {@code soak --churn} opens and ends at least 5,000 sessions (full sessions with a clean
 * close, TCP resets, sockets that never JOIN, half-sent requests, keep-alive requests), then the
 * run's verdict must hold: connections as the server counts them, the OS's TCP sockets on the port,
 * file descriptors and heap after a full GC back at their baseline, no dropped tick, no failed
 * session, and a new player who matchmakes and plays. The server runs with the load-test limits of
 * bench/results/README.md except {@code --max-pending-connections}, which keeps its default (2,000),
 * so that closed WebSockets still counted as pending lock everyone out within the run.
 * {@code -Dtickcast.churn.sessions=N} and {@code -Dtickcast.churn.rate=R} change the churn.
 */
class ChurnIT {
    private static final long SESSIONS = Long.getLong("tickcast.churn.sessions", 5_000);
    private static final String RATE = System.getProperty("tickcast.churn.rate", "100");
    private static final long START_SECONDS = 60;

    private Process server;
    private final List<String> serverOutput = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldReturnToBaselineAfterFiveThousandSessionsOfChurn() throws Exception {
        int port = freePort();
        int metricsPort = freePort();
        startServer(port, metricsPort);
        Path json = Path.of(System.getProperty("tickcast.churn.json", "target/churn-it.json"));
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.deleteIfExists(json);

        int code = new CommandLine(new BenchMain()).execute("soak", "--url", "ws://127.0.0.1:" + port + "/ws",
                "--server-pid", String.valueOf(server.pid()), "--rooms", "2", "--players", "16",
                "--seconds", "150", "--sample-seconds", "5", "--warmup", "3", "--seed", "16",
                "--churn", RATE, "--churn-sessions", String.valueOf(SESSIONS), "--churn-warmup", "500",
                "--settle-seconds", "20",
                "--metrics-url", "http://127.0.0.1:" + metricsPort + "/metrics", "--json", json.toString());

        assertTrue(Files.isRegularFile(json), "soak wrote no JSON (exit code " + code + ")\n" + serverTail());
        JsonObject summary = new JsonObject(Files.readString(json)).getJsonObject("summary");
        JsonObject churn = summary.getJsonObject("churn");
        String report = report(summary);
        assertTrue(churn.getJsonObject("sessions").getLong("started") >= SESSIONS, "sessions started\n" + report);
        assertTrue(churn.getJsonObject("verdict").getBoolean("ok"), "churn verdict\n" + report);
        assertEquals(0, summary.getLong("droppedTicks"), "dropped ticks\n" + report);
        assertEquals(0, summary.getLong("disconnects"), "disconnects\n" + report);
        assertEquals(0, code, "exit code\n" + report);
    }

    /** The failed checks, the session counts and the server's warnings, for a failure message. */
    private String report(JsonObject summary) {
        StringBuilder r = new StringBuilder();
        JsonObject churn = summary.getJsonObject("churn");
        JsonObject verdict = churn.getJsonObject("verdict");
        JsonArray checks = verdict == null ? new JsonArray() : verdict.getJsonArray("checks");
        for (Object o : checks) {
            JsonObject c = (JsonObject) o;
            r.append(c.getBoolean("ok") ? "  ok   " : "  FAIL ").append(c.getString("name")).append(": ")
                    .append(c.getString("detail")).append('\n');
        }
        r.append("sessions: ").append(churn.getJsonObject("sessions").encode()).append('\n');
        r.append("server warnings, errors and refusals (first 20):\n");
        synchronized (serverOutput) {
            serverOutput.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("refus")
                    || l.contains("not WebSockets")).limit(20)
                    .forEach(l -> r.append("  ").append(l).append('\n'));
        }
        return r.toString();
    }

    private String serverTail() {
        synchronized (serverOutput) {
            return "server output (last 30 lines):\n"
                    + String.join("\n", serverOutput.subList(Math.max(0, serverOutput.size() - 30), serverOutput.size()));
        }
    }

    private void startServer(int port, int metricsPort) throws Exception {
        String jar = System.getProperty("tickcast.server.jar", "../server/target/tickcast-server.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + ": build the server jar first (mvn verify runs package)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "--port", String.valueOf(port), "--host", "127.0.0.1", "--metrics-port",
                String.valueOf(metricsPort)));
        // the load-test limits of bench/results/README.md (every bot comes from 127.0.0.1), except
        // --max-pending-connections, which keeps its default
        for (String limit : List.of("--handshakes-per-second", "--max-connections-per-address", "--matchmakes-per-second",
                "--max-unclaimed-seats-per-address", "--max-unclaimed-seats", "--max-rooms")) {
            command.add(limit);
            command.add("100000");
        }
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(ready), "server-output");
        reader.setDaemon(true);
        reader.start();
        ready.get(START_SECONDS, TimeUnit.SECONDS);
    }

    private void read(CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                serverOutput.add(line);
                if (line.contains("Tickcast listening on")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            serverOutput.add("(output: " + e + ")");
        }
        ready.completeExceptionally(new IllegalStateException("the server exited before it was ready:\n"
                + String.join("\n", serverOutput)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
