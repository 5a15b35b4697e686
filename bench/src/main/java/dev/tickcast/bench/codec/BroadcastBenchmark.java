package dev.tickcast.bench.codec;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.server.internal.room.Room;
import io.netty.channel.DefaultEventLoop;
import io.vertx.core.Vertx;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One room step that broadcasts (step, capture, one encode, fan-out) to N in-memory sessions.
 * The slope over N is the per-client cost; {@code -prof gc} shows the allocation per tick does not
 * grow with N (one shared buffer per distinct baseline, nothing per client), whether the sockets
 * are on the room's loop or on another one (one batch per loop and tick, reused).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 20, time = 1)
@Fork(1)
public class BroadcastBenchmark {
    @Param({"16", "64", "256"})
    int sessions;

    /** Whether the room reports to a Prometheus registry (a server with metrics on, the default). */
    @Param({"false", "true"})
    boolean metrics;

    /** True: every socket is on another event loop, so the room hands its writes over in one batch per tick. */
    @Param({"false", "true"})
    boolean otherLoop;

    private DefaultEventLoop sockets;

    private Vertx vertx;
    private Room room;
    private CountingLink first;

    /** A link that only counts what it is sent. */
    @Setup(Level.Trial)
    public void startVertx() {
        vertx = Vertx.vertx();
        sockets = new DefaultEventLoop();
    }

    /** A fresh room each iteration, for the reason given in SimulationBenchmark. */
    @Setup(Level.Iteration)
    public void setup() {
        MemoryRoom memory = new MemoryRoom(ArenaGame.SPEC.snapshotEveryTicks(1), vertx, sessions, false,
                otherLoop ? sockets : null, metrics);
        room = memory.room;
        first = memory.first;
        for (int i = 0; i < 10; i++) {
            room.step();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vertx.close();
        sockets.shutdownGracefully();
    }

    /** One step with a snapshot to every session. */
    @Benchmark
    public long tickAndBroadcast() {
        room.step();
        // steps come every 16.7 ms in a server; back to back here, the sockets' loop must keep up
        while (otherLoop && sockets.pendingTasks() > 0) {
            Thread.onSpinWait();
        }
        return first.bytes;
    }
}
