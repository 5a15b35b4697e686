package dev.tickcast.bench.codec;

import dev.tickcast.delta.CellBroadcast;
import dev.tickcast.games.arenawide.ArenaWideGame;
import dev.tickcast.state.Snapshot;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The players' side of one broadcast in one Arena-Wide room of N bots (issue 20): the server's cell
 * pipeline ({@link CellBroadcast}), as the room's broadcast stage drives it. One operation is one
 * snapshot period: capture the world into a ring of {@link CellBroadcast#LAYOUTS} snapshots,
 * {@link CellBroadcast#begin}, then every player's SNAPSHOT_CELLS ({@link CellBroadcast#message}
 * from its last snapshot, with the predictor when the spacing is equal, the server's rule, and
 * {@link CellBroadcast#copyMessage}). Every client is up to date (no skipped snapshot).
 *
 * <p>The game's three steps of the period (and the bots' inputs) run before each operation, outside
 * the measurement, in a {@code Level.Invocation} setup: JMH's per-invocation timing overhead is
 * about a microsecond, nothing beside a build of hundreds of microseconds or more, and the world
 * must move between two builds or every cell would be unchanged. The room is warmed up with
 * {@value #WARMUP_PERIODS} periods (10 s of play) before the first iteration, so clients hold their
 * views and the build is in its steady state.
 *
 * <ul>
 * <li>{@link #build}: every message is copied into one reused array, so what is measured is the
 * build alone. {@code -prof gc} counts the invocation setup too, but the bots' inputs and the steps
 * allocate nothing, so its figure per operation is the build's: a few tens of bytes per broadcast
 * whatever N, nothing per client.
 * <li>{@link #buildAndAllocate}: every message is copied into a fresh array, as the server does
 * (that array is the message handed to the socket; the server also wraps it in a buffer, not
 * counted here): the difference is what the per-client write array costs.
 * </ul>
 *
 * <p>The counters {@code bytes} and {@code messages} (JMH's secondary results, summed over the
 * measured iterations) give the SNAPSHOT_CELLS bytes per client per broadcast as bytes / messages.
 * The game-logic tool {@code ArenaWideBytes} plays the same room (same seeds) and prints the bytes
 * per client-second. The run for the results (about 5 minutes; on a quiet machine):
 * <pre>
 * java -jar bench/target/tickcast-bench.jar jmh -prof gc -rf json \
 *     -rff bench/results/jmh-cell-broadcast.json CellBroadcastBenchmark | tee bench/results/jmh-cell-broadcast.txt
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class CellBroadcastBenchmark {
    /** Snapshot periods played (and broadcast) before the first iteration: 10 s of play. */
    static final int WARMUP_PERIODS = 200;

    @Param({"100", "250", "500", "1000"})
    int players;

    private ArenaWideFixture room;
    private CellBroadcast cells;
    private Snapshot[] ring;
    private long captured;
    private int lastBroadcast;
    private int[] lastTick;
    private int[] prevTick;
    private byte[] reused;

    /** The bytes and messages of the measured broadcasts; bytes / messages is the bytes per client per broadcast. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Wire {
        /** SNAPSHOT_CELLS bytes built. */
        public long bytes;
        /** SNAPSHOT_CELLS messages built (one per player and broadcast). */
        public long messages;

        /** Counts each iteration afresh. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            messages = 0;
        }
    }

    /** The room with its bots, the broadcast, and {@value #WARMUP_PERIODS} periods of play. */
    @Setup(Level.Trial)
    public void setup() {
        room = new ArenaWideFixture(42, players);
        cells = new CellBroadcast(room.interest(), room.world, ArenaWideGame.SPEC.maxPlayers());
        ring = new Snapshot[CellBroadcast.LAYOUTS];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = room.newSnapshot();
        }
        lastBroadcast = Snapshot.NO_TICK;
        lastTick = new int[players];
        prevTick = new int[players];
        Arrays.fill(lastTick, Snapshot.NO_TICK);
        Arrays.fill(prevTick, Snapshot.NO_TICK);
        reused = new byte[1 << 16];
        for (int i = 0; i < WARMUP_PERIODS; i++) {
            room.period();
            broadcast(null);
        }
    }

    /** The bots' inputs and the game's steps of one snapshot period: not measured. */
    @Setup(Level.Invocation)
    public void period() {
        room.period();
    }

    /** One broadcast to every player, each message copied into one reused array. */
    @Benchmark
    public long build(Wire wire) {
        long bytes = broadcast(null);
        wire.bytes += bytes;
        wire.messages += players;
        return bytes;
    }

    /** One broadcast to every player, each message copied into its own new array, as the server does. */
    @Benchmark
    public long buildAndAllocate(Wire wire, Blackhole sink) {
        long bytes = broadcast(sink);
        wire.bytes += bytes;
        wire.messages += players;
        return bytes;
    }

    /** Captures, begins and builds every player's message (into a new array each if {@code sink}); returns the bytes. */
    private long broadcast(Blackhole sink) {
        Snapshot now = ring[(int) (captured++ % ring.length)];
        now.capture(room.world, room.tick());
        cells.begin(now, find(lastBroadcast));
        lastBroadcast = now.tick();
        long bytes = 0;
        for (int p = 0; p < players; p++) {
            Snapshot base = find(lastTick[p]);
            Snapshot pred = null;
            if (base != null && now.tick() - base.tick() == base.tick() - prevTick[p]) {
                pred = find(prevTick[p]);
            }
            int n = cells.message(p, room.entity(p), now, base, pred);
            if (sink != null) {
                byte[] message = new byte[n];
                cells.copyMessage(message, 0);
                sink.consume(message);
            } else {
                if (n > reused.length) {
                    reused = new byte[Math.max(n, reused.length * 2)];
                }
                cells.copyMessage(reused, 0);
            }
            Snapshot used = cells.usedBase();
            prevTick[p] = used == null ? Snapshot.NO_TICK : used.tick();
            lastTick[p] = now.tick();
            bytes += n;
        }
        return bytes;
    }

    /** The ring's snapshot of {@code tick}, or null if never captured or recycled (the server's SnapshotRing.find). */
    private Snapshot find(int tick) {
        if (tick == Snapshot.NO_TICK) {
            return null;
        }
        for (long i = captured - 1; i >= Math.max(0, captured - ring.length); i--) {
            Snapshot s = ring[(int) (i % ring.length)];
            if (s.tick() == tick) {
                return s;
            }
            if (s.tick() < tick) {
                return null;
            }
        }
        return null;
    }
}
