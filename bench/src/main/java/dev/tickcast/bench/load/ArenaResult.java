package dev.tickcast.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The figures of one arena run (ARENA-SCENARIO.md). {@link #json()} has exactly the fields the
 * bench's JSON promises; {@link #print} adds the CPU and memory figures for the table.
 */
public record ArenaResult(LoadOptions options, int clients, double seconds, long disconnects,
                          double downBytesPerClientPerSec, double upBytesPerClientPerSec, Histogram fullSnapshotBytes,
                          Histogram snapshotBytes, double snapshotsPerClientPerSec, Histogram interArrivalUs,
                          Histogram inputToVisibleUs, double ticksPerSecPerRoom, double serverCpuPerSec,
                          double loadCpuPerSec, double serverPeakRssMiB, boolean embedded, long decodingBots,
                          double serverContextSwitchesPerSec, Wire wire, double machineCpuPerSec) {
    /**
     * The bytes on the bots' sockets, counted by the bots on the bare Netty client (the lean WebSocket
     * bots, every HTTP bot): the TCP payload, so WebSocket frame headers, or HTTP request and status
     * lines, headers, chunk framing and records, are in it.
     *
     * @param downBytesPerClientPerSec bytes read per counting bot per second
     * @param upBytesPerClientPerSec   bytes written per counting bot per second
     * @param bots                     the bots that counted
     */
    public record Wire(double downBytesPerClientPerSec, double upBytesPerClientPerSec, int bots) {
    }

    /** A side is the limit of a step when it used this share of its core or more. */
    static final double LIMIT_CPU = 0.9;

    /** The run as the JSON the bench documents. */
    public JsonObject json() {
        return new JsonObject()
                .put("scenario", "arena-v1")
                .put("rooms", options.rooms())
                .put("playersPerRoom", options.players())
                .put("clients", clients)
                .put("seconds", round(seconds))
                .put("disconnects", disconnects)
                .put("downBytesPerClientPerSec", round(downBytesPerClientPerSec))
                .put("upBytesPerClientPerSec", round(upBytesPerClientPerSec))
                .put("fullSnapshotBytes", new JsonObject().put("p50", fullSnapshotBytes.getValueAtPercentile(50))
                        .put("max", fullSnapshotBytes.getMaxValue()))
                .put("snapshotBytes", new JsonObject().put("p50", snapshotBytes.getValueAtPercentile(50))
                        .put("p99", snapshotBytes.getValueAtPercentile(99)))
                .put("snapshotsPerClientPerSec", round(snapshotsPerClientPerSec))
                .put("interArrivalMs", percentiles(interArrivalUs))
                .put("inputToVisibleMs", percentiles(inputToVisibleUs))
                .put("inputToVisibleFloorMs", new JsonObject().put("p50", round(inputFloorMs(50)))
                        .put("p99", round(inputFloorMs(99))))
                .put("ticksPerSecPerRoom", round(ticksPerSecPerRoom))
                .put("embedded", embedded)
                .put("decodingBots", decodingBots)
                .put("serverCpuPerSec", round3(serverCpuPerSec))
                .put("serverCpuMsPerClientPerSec", round3(serverCpuMsPerClientPerSec()))
                .put("loadGeneratorCpuPerSec", round3(loadCpuPerSec))
                .put("loadGeneratorCpuMsPerClientPerSec", round3(loadCpuPerSec * 1000 / clients))
                .put("serverPeakRssMiB", round(serverPeakRssMiB))
                .put("serverContextSwitchesPerSec", Math.round(serverContextSwitchesPerSec))
                .put("limit", limit())
                .put("transport", options.transport().wireName())
                .put("wireDownBytesPerClientPerSec", round(wire.downBytesPerClientPerSec()))
                .put("wireUpBytesPerClientPerSec", round(wire.upBytesPerClientPerSec()))
                .put("wireBytesCountedBy", wire.bots() + " of " + clients + " bots, on their sockets (bare Netty "
                        + "client): TCP payload, so " + (options.transport().http() ? "HTTP request and status lines, "
                        + "headers, chunk framing and records" : "WebSocket frame headers") + " included")
                .put("machineCpuPerSec", round3(machineCpuPerSec))
                .put("otherCpuPerSec", round3(otherCpuPerSec()));
    }

    /**
     * The input-to-visible floor implied by the rates alone: an input sent at a random instant is
     * applied at the next step and seen in the next snapshot after it, so it waits a uniform share
     * of the snapshot period (network and processing time come on top). The measuring bots draw each
     * input's instant afresh within its 50 ms period (a whole number of snapshot periods at 20 and
     * 60 Hz), so their inputs are at such random instants and the measured distribution compares to this.
     */
    public double inputFloorMs(double percentile) {
        return percentile / 100.0 * 1000.0 / options.snapshotHz();
    }

    /** Which side was the limit: "server" or "load generator" at 90 % of a core or more, else "none". */
    public String limit() {
        if (embedded) {
            return serverCpuPerSec >= 2 * LIMIT_CPU ? "machine" : "none";
        }
        if (serverCpuPerSec >= LIMIT_CPU && serverCpuPerSec >= loadCpuPerSec) {
            return "server";
        }
        return loadCpuPerSec >= LIMIT_CPU ? "load generator" : "none";
    }

    /**
     * CPU seconds per second the rest of the machine used (every core's busy time less the server's
     * and the bots'), so that a reader can tell a run that shared its cores; 0 when embedded.
     */
    public double otherCpuPerSec() {
        return embedded || machineCpuPerSec < 0 ? 0 : Math.max(0, machineCpuPerSec - serverCpuPerSec - loadCpuPerSec);
    }

    /** Server CPU milliseconds per client per second. */
    public double serverCpuMsPerClientPerSec() {
        return serverCpuPerSec * 1000 / clients;
    }

    /** Prints a table for people. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "arena over %s: %d rooms x %d players = %d clients, %.1f s measured "
                + "(%d bots decode fully)%n", options.transport().wireName(), options.rooms(), options.players(), clients,
                seconds, decodingBots);
        row(out, "disconnects", String.valueOf(disconnects));
        row(out, "down bytes / client / s", fmt(downBytesPerClientPerSec));
        row(out, "up bytes / client / s", fmt(upBytesPerClientPerSec));
        row(out, "wire down / up bytes / client / s", fmt(wire.downBytesPerClientPerSec()) + " / "
                + fmt(wire.upBytesPerClientPerSec()) + " (" + wire.bots() + " bots count on their sockets)");
        row(out, "full snapshot bytes p50 / max", fullSnapshotBytes.getValueAtPercentile(50) + " / "
                + fullSnapshotBytes.getMaxValue());
        row(out, "snapshot bytes p50 / p99", snapshotBytes.getValueAtPercentile(50) + " / "
                + snapshotBytes.getValueAtPercentile(99));
        row(out, "snapshots / client / s", fmt(snapshotsPerClientPerSec));
        row(out, "inter-arrival ms p50 / p99 / max", triple(interArrivalUs));
        row(out, "input-to-visible ms p50 / p99 / max", triple(inputToVisibleUs));
        row(out, "  floor from the rates alone p50 / p99", fmt(inputFloorMs(50)) + " / " + fmt(inputFloorMs(99)));
        row(out, "ticks / s / room", fmt(ticksPerSecPerRoom));
        row(out, embedded ? "process CPU s / s (server + bots)" : "server CPU s / s", fmt(serverCpuPerSec));
        row(out, embedded ? "process CPU ms / client / s" : "server CPU ms / client / s",
                fmt(serverCpuMsPerClientPerSec()));
        row(out, "load generator CPU s / s", fmt(loadCpuPerSec));
        row(out, "load generator CPU ms / client / s", fmt(loadCpuPerSec * 1000 / clients));
        row(out, "server context switches / s", String.valueOf(Math.round(serverContextSwitchesPerSec)));
        row(out, "limit (a side at >= 90 % of a core)", limit());
        row(out, "other load on the machine CPU s / s", fmt(otherCpuPerSec()));
        row(out, embedded ? "process peak RSS MiB" : "server peak RSS MiB", fmt(serverPeakRssMiB));
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "  %-40s %s%n", name, value);
    }

    private static String triple(Histogram h) {
        return fmt(ArenaLoad.ms(h, 50)) + " / " + fmt(ArenaLoad.ms(h, 99)) + " / " + fmt(h.getMaxValue() / 1000.0);
    }

    private static JsonObject percentiles(Histogram h) {
        return new JsonObject().put("p50", round(ArenaLoad.ms(h, 50))).put("p99", round(ArenaLoad.ms(h, 99)))
                .put("max", round(h.getMaxValue() / 1000.0));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
