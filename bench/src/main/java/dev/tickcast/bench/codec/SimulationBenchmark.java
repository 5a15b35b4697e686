package dev.tickcast.bench.codec;

import dev.tickcast.state.Snapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** One arena step (orbs, 32 NPCs, the players) and one snapshot capture. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 20, time = 1)
@Fork(1)
public class SimulationBenchmark {
    @Param({"16"})
    int players;

    private ArenaFixture arena;
    private Snapshot snapshot;
    private int tick = 1_000;

    /**
     * A fresh arena each iteration: eaters grow without bound (radius = 20 + score / 10), so a
     * world stepped millions of times is not the arena a room plays; this keeps it a few seconds old.
     */
    @Setup(Level.Iteration)
    public void setup() {
        arena = new ArenaFixture(players);
        snapshot = arena.newSnapshot();
    }

    /** One fixed step of the arena. */
    @Benchmark
    public void step() {
        arena.game.step(++tick);
    }

    /** One capture of the world into a reused snapshot. */
    @Benchmark
    public int capture() {
        snapshot.capture(arena.world, ++tick);
        return snapshot.table(0).count();
    }
}
