package dev.tickcast.bench.codec;

import dev.tickcast.game.rewind.LagCompensation;
import dev.tickcast.game.rewind.LagCompensator;
import dev.tickcast.game.rewind.RewoundWorld;
import dev.tickcast.game.rewind.SentSnapshots;
import dev.tickcast.game.rewind.ViewReason;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.SnapshotRing;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One shot's lag compensation on a world of 1,000 moving entities (issue 21): judge a stamp
 * ({@link LagCompensator#rewind}: find the stamped tick in the ring, O(1), check it was sent, its age
 * against the round trip and the cap), then a {@link RewoundWorld#near} query around a point (every
 * entity's position as drawn, blended between two snapshots) and a few fields of the rows found.
 * The ring holds 64 snapshots, captured every 3 ticks at 60 Hz, all sent to the shooter; the stamp is
 * an exact view 250 ms old (round trip 150 ms, interpolation delay 100 ms), half way between two
 * snapshots. Nothing is recorded per entity and nothing is allocated per shot ({@code -prof gc}:
 * 0 B/op expected):
 * <pre>
 * java -jar bench/target/tickcast-bench.jar jmh -prof gc RewindBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RewindBenchmark {
    static final int ENTITIES = 1_000;
    static final int TICK_HZ = 60;
    static final int EVERY = 3;

    private Table table;
    private Field x;
    private Field y;
    private Field hp;
    private LagCompensator lag;
    private int now;
    private int stamp;
    private final int[] rows = new int[16];

    /** Plays 100 snapshots of 1,000 entities moving at random velocities, each sent to seat 0. */
    @Setup
    public void setup() {
        Schema schema = new Schema("unit");
        x = schema.qfloat("x", 0.01f, true);
        y = schema.qfloat("y", 0.01f, true);
        hp = schema.intField("hp", false);
        World world = new World();
        table = world.createTable(schema);
        world.freeze();
        SplittableRandom random = new SplittableRandom(21);
        float[] vx = new float[ENTITIES];
        float[] vy = new float[ENTITIES];
        for (int i = 0; i < ENTITIES; i++) {
            int row = table.addRow();
            table.setFloat(row, x, (float) random.nextDouble(0, 4000));
            table.setFloat(row, y, (float) random.nextDouble(0, 4000));
            table.setInt(row, hp, 100);
            vx[i] = (float) random.nextDouble(-3, 3);
            vy[i] = (float) random.nextDouble(-3, 3);
        }
        SnapshotRing ring = new SnapshotRing(world.schemas());
        SentSnapshots sent = new SentSnapshots(1);
        for (int tick = EVERY; tick <= 100 * EVERY; tick++) {
            for (int row = 0; row < ENTITIES; row++) {
                table.setFloat(row, x, table.getFloat(row, x) + vx[row]);
                table.setFloat(row, y, table.getFloat(row, y) + vy[row]);
            }
            if (tick % EVERY == 0) {
                ring.capture(world, tick);
                sent.sent(0, ring.newestSequence());
            }
            now = tick;
        }
        lag = new LagCompensator(TICK_HZ, LagCompensation.DEFAULT, ring, sent, null);
        // 250 ms = 15 ticks back, half way to the next snapshot: render tick now - 15 + 1.5
        stamp = ViewStamp.of(now - 15, 16);
        RewoundWorld w = lag.rewind(0, stamp, now, 150, 100);
        if (w.reason() != ViewReason.EXACT) {
            throw new IllegalStateException("the stamp should be exact: " + w.reason() + " " + w.ageMs());
        }
    }

    /** A shot: judge the stamp, find who is within 60 of a point as drawn, read their positions and hp. */
    @Benchmark
    public float shot() {
        RewoundWorld w = lag.rewind(0, stamp, now, 150, 100);
        int n = w.near(table, x, y, 2000, 2000, 60, rows);
        float sum = w.ageMs();
        for (int i = 0; i < n; i++) {
            sum += w.getFloat(table, rows[i], x) + w.getFloat(table, rows[i], y) + w.getInt(table, rows[i], hp);
        }
        return sum;
    }
}
