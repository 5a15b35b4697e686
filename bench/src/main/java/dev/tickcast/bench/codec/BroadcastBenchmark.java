package dev.tickcast.bench.codec;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomListener;
import dev.tickcast.server.internal.room.RoomSettings;
import dev.tickcast.server.internal.room.Session;
import dev.tickcast.server.internal.transport.Link;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
 * One room tick that broadcasts (step, capture, one encode, fan-out) to N in-memory sessions.
 * The slope over N is the per-client cost; {@code -prof gc} shows the allocation per tick does not
 * grow with N (one shared buffer per distinct baseline, nothing per client).
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

    private Vertx vertx;
    private Room room;
    private long bytes;

    /** A link that only counts what it is sent. */
    private final class CountingLink implements Link {
        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(Buffer message) {
            bytes += message.length();
        }

        @Override
        public void close(short code, String reason) {
        }

        @Override
        public boolean closed() {
            return false;
        }

        @Override
        public String remote() {
            return "memory";
        }
    }

    @Setup(Level.Trial)
    public void startVertx() {
        vertx = Vertx.vertx();
    }

    /** A fresh room each iteration, for the reason given in SimulationBenchmark. */
    @Setup(Level.Iteration)
    public void setup() {
        room = new Room("bench", ArenaGame.SPEC.snapshotEveryTicks(1).maxPlayers(sessions), vertx.getOrCreateContext(), 7,
                new RoomSettings(System::nanoTime, 10_000, 15_000), new RoomListener() {
                    @Override
                    public void onSeatFreed(Room r, String token) {
                    }

                    @Override
                    public void onDisposed(Room r) {
                    }
                });
        room.start(false);
        for (int i = 0; i < sessions; i++) {
            room.join(new Session(new CountingLink(), "p" + i));
        }
        for (int i = 0; i < 10; i++) {
            room.tickOnce();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vertx.close();
    }

    /** One tick with a snapshot to every session. */
    @Benchmark
    public long tickAndBroadcast() {
        room.tickOnce();
        return bytes;
    }
}
