package dev.tickcast.client;

import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JS SDK's {@code Interpolator} (client-demo/sdk/interpolation.js) in Java, rule for rule, for
 * bots that draw other entities as a browser would and stamp what they drew (lag compensation): states
 * are placed on the server's timeline (tick / tickHz); the local clock is mapped onto it with an offset
 * that follows the earliest arrivals, and entities are drawn {@link #delayMs()} behind, where the delay
 * follows the measured jitter of the inter-arrival times (period + 2 x jitter, smoothed). QFLOAT fields
 * are blended linearly between the two states around the render time (the game's angular fields along
 * the shorter arc), other fields come from the nearer state. {@link #stamp(double)} is the view stamp of
 * what {@link #entities} draws at the same instant. States are copied in; confined to one thread.
 */
public final class Interpolator {
    private static final double TWO_PI = 2 * Math.PI;

    private final Map<String, Set<String>> angular = new HashMap<>();
    private final double tickMs;
    private final double periodMs;
    private final int maxStates;
    /** The held states, oldest first, in a ring of {@code maxStates} copies. */
    private Snapshot[] ring;
    private final double[] serverMs;
    private int first;
    private int count;
    private double offsetMs = Double.NaN;
    private double jitterMs;
    private double delayMs;
    private double lastArrivalMs = Double.NaN;
    private int lastTick = -1;

    /**
     * The two states around a render time and the blend factor {@code t} in [0, 1] (both the same
     * state when there is one, or the render time is past the newest or before the oldest). Valid
     * until the next {@link #push}.
     *
     * @param a the earlier state
     * @param b the later state
     * @param t where the render time is between them
     */
    public record Bracket(Snapshot a, Snapshot b, double t) {
    }

    /**
     * One entity as drawn: its id, its numbers by field index (QFLOAT as a number, INT as is, BOOL as
     * 0 or 1, NaN for a STRING) and its strings by field index (null for the other types).
     *
     * @param id      the entity id
     * @param numbers the numeric values, by field index
     * @param strings the string values, by field index
     */
    public record Entity(int id, double[] numbers, String[] strings) {
        /** The value of numeric {@code field}. */
        public double get(Field field) {
            return numbers[field.index()];
        }
    }

    /** An interpolator for WELCOME's rates (as the JS one's defaults: 32 states, no angular field). */
    public Interpolator(int tickHz, int snapshotEveryTicks) {
        this(tickHz, snapshotEveryTicks, 32, Map.of());
    }

    /**
     * An interpolator for WELCOME's {@code tickHz} and {@code snapshotEveryTicks}, holding {@code maxStates}
     * states; {@code angular} maps a table name to the names of its QFLOAT fields that hold angles in radians.
     */
    public Interpolator(int tickHz, int snapshotEveryTicks, int maxStates, Map<String, ? extends Collection<String>> angular) {
        if (tickHz <= 0 || snapshotEveryTicks <= 0 || maxStates < 2) {
            throw new IllegalArgumentException("tickHz, snapshotEveryTicks > 0 and maxStates >= 2");
        }
        angular.forEach((table, names) -> this.angular.put(table, new HashSet<>(names)));
        this.tickMs = 1000.0 / tickHz;
        this.periodMs = tickMs * snapshotEveryTicks;
        this.maxStates = maxStates;
        this.serverMs = new double[maxStates];
        this.delayMs = periodMs * 1.5;
    }

    /** Forgets every state (a new room or a rejoin); the delay and jitter are kept, as in the SDK. */
    public void reset() {
        first = 0;
        count = 0;
        offsetMs = Double.NaN;
        lastArrivalMs = Double.NaN;
        lastTick = -1;
    }

    /** Adds (a copy of) a decoded state that arrived at {@code arrivalMs} of the local monotonic clock. */
    public void push(Snapshot state, double arrivalMs) {
        int tick = state.tick();
        if (tick <= lastTick) {
            reset();
        }
        if (!Double.isNaN(lastArrivalMs)) {
            double gap = arrivalMs - lastArrivalMs;
            double expected = (tick - lastTick) * tickMs;
            // RFC 3550-style jitter: the smoothed deviation of the gap from the nominal one
            jitterMs += (Math.abs(gap - expected) - jitterMs) / 16;
        }
        lastArrivalMs = arrivalMs;
        lastTick = tick;
        double server = tick * tickMs;
        double sample = arrivalMs - server;
        if (Double.isNaN(offsetMs) || sample < offsetMs) {
            offsetMs = sample;
        } else {
            offsetMs += (sample - offsetMs) * 0.002; // drift slowly towards later arrivals
        }
        delayMs += (periodMs + 2 * jitterMs - delayMs) * 0.05;
        if (ring == null) {
            ring = new Snapshot[maxStates];
        }
        int slot = (first + count) % maxStates;
        if (count == maxStates) {
            first = (first + 1) % maxStates;
        } else {
            count++;
        }
        if (ring[slot] == null || ring[slot].tableCount() != state.tableCount()) {
            ring[slot] = new Snapshot(schemasOf(state));
        }
        ring[slot].copyFrom(state);
        serverMs[slot] = server;
    }

    private static List<Schema> schemasOf(Snapshot state) {
        List<Schema> schemas = new ArrayList<>(state.tableCount());
        for (int i = 0; i < state.tableCount(); i++) {
            schemas.add(state.table(i).schema());
        }
        return schemas;
    }

    /** The server time to draw at local time {@code nowMs}. */
    public double renderServerMs(double nowMs) {
        return nowMs - offsetMs - delayMs;
    }

    /** The states around the render time at {@code nowMs}, or null before the first state; past the newest, the newest. */
    public Bracket bracket(double nowMs) {
        if (count == 0) {
            return null;
        }
        double at = renderServerMs(nowMs);
        int last = slot(count - 1);
        if (count == 1 || at >= serverMs[last]) {
            return new Bracket(ring[last], ring[last], 1);
        }
        if (at <= serverMs[slot(0)]) {
            return new Bracket(ring[slot(0)], ring[slot(0)], 0);
        }
        int i = count - 2;
        while (i > 0 && serverMs[slot(i)] > at) {
            i--;
        }
        int sa = slot(i);
        int sb = slot(i + 1);
        return new Bracket(ring[sa], ring[sb], (at - serverMs[sa]) / (serverMs[sb] - serverMs[sa]));
    }

    /**
     * The view stamp of what is drawn at {@code nowMs} ({@code ViewStamp.of(a, b, t)} of the bracket),
     * {@link ViewStamp#NONE} before any state.
     */
    public int stamp(double nowMs) {
        Bracket br = bracket(nowMs);
        return br == null ? ViewStamp.NONE : ViewStamp.of(br.a().tick(), br.b().tick(), br.t());
    }

    /** The interpolation delay, ms: what PING declares (rounded). */
    public double delayMs() {
        return delayMs;
    }

    /** The smoothed jitter of the inter-arrival times, ms. */
    public double jitterMs() {
        return jitterMs;
    }

    /** The states held. */
    public int size() {
        return count;
    }

    /**
     * The entities of table {@code tableName} at {@code nowMs}, as drawn: the later state's rows, QFLOAT
     * fields blended between the bracketing states (angular ones along the shorter arc), other fields
     * from the nearer state; an entity only in the later state as it is there. Empty before any state.
     */
    public List<Entity> entities(String tableName, double nowMs) {
        Bracket br = bracket(nowMs);
        List<Entity> out = new ArrayList<>();
        TableSnapshot tb = br == null ? null : table(br.b(), tableName);
        TableSnapshot ta = br == null ? null : table(br.a(), tableName);
        if (ta == null || tb == null) {
            return out;
        }
        Schema schema = tb.schema();
        Set<String> angles = angular.get(tableName);
        for (int row = 0; row < tb.count(); row++) {
            int rowA = ta == tb ? -1 : ta.rowOf(tb.id(row));
            double[] numbers = new double[schema.fieldCount()];
            String[] strings = new String[schema.fieldCount()];
            for (int f = 0; f < schema.fieldCount(); f++) {
                Field field = schema.field(f);
                boolean fromA = rowA >= 0 && field.type() != FieldType.QFLOAT && br.t() < 0.5;
                TableSnapshot src = fromA ? ta : tb;
                int r = fromA ? rowA : row;
                if (field.type() == FieldType.STRING) {
                    numbers[f] = Double.NaN;
                    strings[f] = src.string(r, f);
                } else if (field.type() == FieldType.QFLOAT) {
                    double vb = tb.value(row, f) / (double) field.scale();
                    if (rowA >= 0) {
                        double va = ta.value(rowA, f) / (double) field.scale();
                        double d = angles != null && angles.contains(field.name()) ? angleDelta(va, vb) : vb - va;
                        vb = va + d * br.t();
                    }
                    numbers[f] = vb;
                } else {
                    numbers[f] = src.value(r, f);
                }
            }
            out.add(new Entity(tb.id(row), numbers, strings));
        }
        return out;
    }

    private int slot(int i) {
        return (first + i) % maxStates;
    }

    private static TableSnapshot table(Snapshot state, String name) {
        for (int i = 0; i < state.tableCount(); i++) {
            if (state.table(i).schema().name().equals(name)) {
                return state.table(i);
            }
        }
        return null;
    }

    /** The difference b - a of two angles in radians, wrapped into [-pi, pi) (JS's % keeps the dividend's sign). */
    private static double angleDelta(double a, double b) {
        double d = (b - a + Math.PI) % TWO_PI;
        return (d < 0 ? d + TWO_PI : d) - Math.PI;
    }
}
