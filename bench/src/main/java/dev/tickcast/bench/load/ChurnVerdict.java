package dev.tickcast.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a churn run ends with: each figure after the churn and the settle time against its baseline
 * before the churn, with its tolerance, and the other conditions (no dropped tick, no failed
 * session, a new player can play). {@link #ok()} is false if any check failed. A figure the run
 * could not read (-1 on both sides, e.g. a gauge the server does not have) is reported as missing
 * and does not fail the run by itself.
 */
public final class ChurnVerdict {
    /**
     * Connections, as the server counts them, beyond the baseline that still pass: the bench's own
     * scrape and its GET /rooms may each be counted for a moment.
     */
    public static final int CONNECTION_TOLERANCE = 2;
    /**
     * TCP sockets on the server's port beyond the baseline that still pass: the server's side of
     * the bench's own two sampling requests, each possibly still in its closing handshake.
     */
    public static final int TCP_TOLERANCE = 4;
    /**
     * File descriptors beyond the baseline that still pass: those two sockets, the heap probe's JMX
     * connection (RMI closes an idle one after 15 s and opens another) and a file or two the JVM
     * opens lazily (a jar entry, a class data file).
     */
    public static final int FD_TOLERANCE = 8;
    /** Heap growth that still passes: 20 % of the baseline or 16 MiB, whichever is more. */
    public static final double HEAP_TOLERANCE_FRACTION = 0.20;
    /** See {@link #HEAP_TOLERANCE_FRACTION}. */
    public static final double HEAP_TOLERANCE_MIB = 16;

    private final List<Check> checks = new ArrayList<>();

    /**
     * One condition of the verdict.
     *
     * @param name     what is checked
     * @param baseline its value before the churn (NaN when not a comparison)
     * @param last     its value at the end
     * @param allowed  the largest value that passes (NaN when not a comparison)
     * @param ok       passed (or missing)
     * @param detail   a sentence for people
     */
    public record Check(String name, double baseline, double last, double allowed, boolean ok, String detail) {
        JsonObject json() {
            return new JsonObject().put("name", name).put("baseline", num(baseline)).put("final", num(last))
                    .put("allowed", num(allowed)).put("ok", ok).put("detail", detail);
        }

        private static Object num(double v) {
            return Double.isNaN(v) ? null : SoakSample.round(v);
        }
    }

    /** Adds a growth check: {@code last} must be at most {@code baseline + tolerance}. */
    void growth(String name, double baseline, double last, double tolerance, String unit) {
        if (baseline < 0 && last < 0) {
            checks.add(new Check(name, Double.NaN, Double.NaN, Double.NaN, true, "missing (not measured)"));
            return;
        }
        if (baseline < 0 || last < 0) {
            checks.add(new Check(name, baseline, last, Double.NaN, false,
                    "could not be read " + (baseline < 0 ? "before the churn" : "after it")));
            return;
        }
        double allowed = baseline + tolerance;
        boolean ok = last <= allowed;
        checks.add(new Check(name, baseline, last, allowed, ok, String.format(Locale.ROOT,
                "%s %.1f%s, baseline %.1f%s (allowed up to %.1f%s)", ok ? "back at" : "NOT back:", last, unit,
                baseline, unit, allowed, unit)));
    }

    /** Adds a condition that is not a comparison. */
    void condition(String name, boolean ok, String detail) {
        checks.add(new Check(name, Double.NaN, Double.NaN, Double.NaN, ok, detail));
    }

    /** True if every check passed. */
    public boolean ok() {
        return checks.stream().allMatch(Check::ok);
    }

    /** The checks, in order. */
    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** The checks as JSON. */
    public JsonObject json() {
        JsonArray rows = new JsonArray();
        checks.forEach(c -> rows.add(c.json()));
        return new JsonObject().put("ok", ok()).put("checks", rows);
    }

    /** One line per check. */
    public void print(PrintStream out) {
        out.println("churn verdict: " + (ok() ? "OK" : "FAILED"));
        for (Check c : checks) {
            out.printf(Locale.ROOT, "  %-4s %-26s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
        }
    }
}
