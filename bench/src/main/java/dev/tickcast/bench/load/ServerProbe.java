package dev.tickcast.bench.load;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The connections a server holds, seen three ways: as the server counts them (the Prometheus
 * gauges {@code tickcast_connections_pending} and {@code tickcast_connections_open} of its
 * {@code /metrics}), as the OS holds them (the TCP sockets on the server's port in
 * {@code /proc/PID/net/tcp} and {@code tcp6}, by state) and as file descriptors
 * ({@code /proc/PID/fd}). A figure that cannot be read is -1. Blocking; never on an event loop.
 */
public final class ServerProbe {
    /** The gauge of connections that are not WebSockets yet, as the server counts them. */
    public static final String PENDING = "tickcast_connections_pending";
    /** The gauge of open connections, as the server counts them. */
    public static final String OPEN = "tickcast_connections_open";
    private static final String[] TCP_STATES = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
        "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};
    private static final int SCRAPE_TIMEOUT_MS = 10_000;

    private final long pid;
    private final int port;
    private final URI metrics;
    private volatile String metricsNote = "not read yet";

    /**
     * A probe of process {@code pid} listening on {@code port}, its gauges read from {@code metrics}
     * (an http URL on loopback; null: no gauges).
     */
    public ServerProbe(long pid, int port, URI metrics) {
        this.pid = pid;
        this.port = port;
        this.metrics = metrics;
    }

    /** Reads every figure now. */
    public Figures read() {
        double[] gauges = gauges();
        Map<String, Integer> tcp = tcpByState();
        return new Figures(gauges[0], gauges[1], tcp == null ? -1 : held(tcp), tcp == null ? Map.of() : tcp, fds());
    }

    /** Why the gauges are -1, or "ok". */
    public String metricsNote() {
        return metricsNote;
    }

    /**
     * The connection figures at one moment.
     *
     * @param pending   connections that are not WebSockets, as the server counts them (-1: not read)
     * @param open      open connections, as the server counts them (-1: not read)
     * @param tcpHeld   TCP sockets on the server's port that hold something (every state but LISTEN and
     *                  TIME_WAIT, which the kernel keeps for itself and ends on its own), -1 if not read
     * @param tcp       those sockets by state (TIME_WAIT included, for information)
     * @param fds       the server's open file descriptors (-1: not read)
     */
    public record Figures(double pending, double open, int tcpHeld, Map<String, Integer> tcp, int fds) {
        /** As JSON; -1 figures as null. */
        public JsonObject json() {
            JsonObject states = new JsonObject();
            tcp.forEach(states::put);
            return new JsonObject().put("pending", pending < 0 ? null : pending).put("open", open < 0 ? null : open)
                    .put("tcpHeld", tcpHeld < 0 ? null : tcpHeld).put("tcpByState", states)
                    .put("fds", fds < 0 ? null : fds);
        }
    }

    private double[] gauges() {
        double[] g = {-1, -1};
        if (metrics == null) {
            metricsNote = "no metrics URL";
            return g;
        }
        String body;
        try (RawSocket http = RawSocket.connect(metrics.getHost(), metrics.getPort(), SCRAPE_TIMEOUT_MS)) {
            String path = metrics.getRawPath() == null || metrics.getRawPath().isEmpty() ? "/metrics" : metrics.getRawPath();
            http.write(http.request("GET", path, "Connection: close\r\n", null));
            RawSocket.Response r = http.readResponse();
            if (r.status() != 200) {
                metricsNote = "GET " + metrics + ": HTTP " + r.status();
                return g;
            }
            body = r.body();
        } catch (IOException e) {
            metricsNote = "GET " + metrics + ": " + e;
            return g;
        }
        g[0] = sum(body, PENDING);
        g[1] = sum(body, OPEN);
        metricsNote = g[0] < 0 || g[1] < 0 ? "missing from /metrics:" + (g[0] < 0 ? " " + PENDING : "")
                + (g[1] < 0 ? " " + OPEN : "") : "ok";
        return g;
    }

    /** The sum of every series of {@code name} in a Prometheus text exposition, or -1 if it has none. */
    static double sum(String exposition, String name) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            if (next != ' ' && next != '{') {
                continue;
            }
            String[] parts = line.substring(line.indexOf('}') > 0 ? line.indexOf('}') + 1 : name.length()).trim()
                    .split("\\s+");
            try {
                total += Double.parseDouble(parts[0]);
                found = true;
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return found ? total : -1;
    }

    private Map<String, Integer> tcpByState() {
        Map<String, Integer> states = new TreeMap<>();
        boolean any = false;
        for (String file : List.of("tcp", "tcp6")) {
            Path p = Path.of("/proc", String.valueOf(pid), "net", file);
            List<String> lines;
            try {
                lines = Files.readAllLines(p);
            } catch (IOException e) {
                continue;
            }
            any = true;
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length < 4) {
                    continue;
                }
                String local = f[1];
                int localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                if (localPort != port) {
                    continue;
                }
                int st = Integer.parseInt(f[3], 16);
                String name = st > 0 && st < TCP_STATES.length ? TCP_STATES[st] : "STATE_" + st;
                if (!"LISTEN".equals(name)) {
                    states.merge(name, 1, Integer::sum);
                }
            }
        }
        return any ? states : null;
    }

    private static int held(Map<String, Integer> tcp) {
        return tcp.entrySet().stream().filter(e -> !"TIME_WAIT".equals(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    private int fds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return (int) fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pid %d port %d metrics %s", pid, port, metrics);
    }
}
