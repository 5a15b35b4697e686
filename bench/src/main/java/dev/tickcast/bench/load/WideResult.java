package dev.tickcast.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The figures of one Arena-Wide run (ARENA-WIDE-SCENARIO.md): the arena's ({@link ArenaResult})
 * and the view's. {@link #json()} is the arena's JSON with {@code scenario} "arena-wide-v1" and the
 * keys of bench/results/README.md's Arena-Wide section.
 *
 * @param arena           the arena's figures of the run
 * @param firstStateBytes the first snapshot each bot received after its join
 * @param checkingBots    the bots that decoded and checked their view
 * @param check           the view check, or null when there was no spectator
 * @param checkTrouble    why the check may be incomplete (the spectator's error or close), or null
 * @param snapshotBuildMs the room's {@code snapshotBuildMs} from the admin API, or null if absent
 * @param botLoopsCpuPerSec CPU seconds per second of the bots' event loops alone (warm-up and window), -1 if unread
 * @param shoot           the shooting figures of a shoot run, or null
 */
public record WideResult(ArenaResult arena, Histogram firstStateBytes, int checkingBots, WideCheck check,
                         String checkTrouble, JsonObject snapshotBuildMs, double botLoopsCpuPerSec, ShotRun shoot) {
    /** The bots' event loops' CPU milliseconds per bot-second; NaN if unread. */
    public double botLoopsMsPerClientPerSec() {
        return botLoopsCpuPerSec < 0 ? Double.NaN : botLoopsCpuPerSec * 1000 / arena.clients();
    }

    /** The arena's capacity rule: p99 inter-arrival under 1.5 periods, >= 57 ticks/s, no disconnect. */
    public boolean capacityOk() {
        double p99 = ArenaLoad.ms(arena.interArrivalUs(), 99);
        return p99 < 1.5 * 1000.0 / arena.options().snapshotHz() && arena.ticksPerSecPerRoom() >= 57
                && arena.disconnects() == 0;
    }

    /** The run as JSON (a shoot run's keys last: {@link ShotRun#json}). */
    public JsonObject json() {
        JsonObject out = viewJson();
        return shoot == null ? out : shoot.json(out);
    }

    private JsonObject viewJson() {
        JsonObject out = arena.json().put("scenario", "arena-wide-v1").put("players", arena.options().players())
                .put("firstStateBytes", new JsonObject().put("p50", firstStateBytes.getValueAtPercentile(50))
                        .put("max", firstStateBytes.getMaxValue()))
                .put("checkingBots", checkingBots)
                .put("snapshotBuildMs", snapshotBuildMs)
                .put("botLoopsCpuPerSec", botLoopsCpuPerSec < 0 ? null : Math.round(botLoopsCpuPerSec * 1000) / 1000.0)
                .put("botLoopsCpuMsPerClientPerSec", botLoopsCpuPerSec < 0 ? null
                        : Math.round(botLoopsMsPerClientPerSec() * 1000) / 1000.0)
                .put("capacityOk", capacityOk());
        if (check == null) {
            return out.put("overSend", null).put("missed", null).put("viewCheck", checkTrouble);
        }
        double overSend = check.overSend();
        return out.put("overSend", Double.isNaN(overSend) ? null : Math.round(overSend * 1000) / 1000.0)
                .put("missed", check.missed())
                .put("viewCheck", new JsonObject().put("radius", check.radius()).put("framesCompared", check.compared())
                        .put("framesCheckedForMisses", check.missChecked()).put("framesUnchecked", check.unchecked())
                        .put("trouble", checkTrouble));
    }

    /** Prints the arena's table and the view's rows. */
    public void print(PrintStream out) {
        arena.print(out);
        JsonObject j = json();
        out.printf(Locale.ROOT, "arena-wide: %d players in one room, %d checking bots%n", arena.options().players(),
                checkingBots);
        row(out, "first state bytes p50 / max", firstStateBytes.getValueAtPercentile(50) + " / "
                + firstStateBytes.getMaxValue());
        row(out, "over-send (held / within R)", String.valueOf(j.getValue("overSend")));
        row(out, "missed (must be 0)", String.valueOf(j.getValue("missed")));
        row(out, "view check", String.valueOf(j.getValue("viewCheck")));
        row(out, "snapshot build ms p50 / p99", snapshotBuildMs == null ? "null (not in the admin row)"
                : snapshotBuildMs.getValue("p50") + " / " + snapshotBuildMs.getValue("p99"));
        row(out, "bots' event loops CPU s / s", String.format(Locale.ROOT, "%.3f (%.4f ms / client / s: "
                + "one core drives about %.0f such bots)", botLoopsCpuPerSec, botLoopsMsPerClientPerSec(),
                1000 / botLoopsMsPerClientPerSec()));
        row(out, "capacity rule kept", capacityOk() ? "yes" : "no");
        if (shoot != null) {
            shoot.print(out);
        }
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "  %-40s %s%n", name, value);
    }
}
