package dev.tickcast.bench.codec;

import dev.tickcast.client.TickcastClient;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
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

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Input to visible over real loopback WebSockets: a server started in {@code @Setup}, one client;
 * each operation sends an input and waits for the first snapshot whose lastInputSeq reflects it.
 * The send and the check both run on the client's context. Before each operation (untimed) the
 * benchmark waits a random share of the snapshot period, so that inputs fall at random phases of the
 * server's tick and the result is a real distribution, not one phase. The floor implied by the rates
 * alone: an input waits a uniform share of the snapshot period for the next snapshot, so p50 is half
 * a period (25 ms at 20 Hz, 8.3 ms at 60 Hz) and p99 99 % of it (49.5 ms, 16.5 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class LatencyBenchmark {
    @Param({"20", "60"})
    int snapshotHz;

    private Vertx serverVertx;
    private Vertx clientVertx;
    private TickcastClient client;
    private CompletableFuture<Void> pending;
    private int awaited;
    private int seqField = -1;
    private int playerTable = -1;
    private final SplittableRandom phases = new SplittableRandom(20261201L);

    @Setup(Level.Trial)
    public void setup() throws Exception {
        serverVertx = Vertx.vertx();
        clientVertx = Vertx.vertx();
        TickcastServer server = TickcastServer.start(serverVertx,
                        TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2),
                        new GameRegistry().register(ArenaGame.SPEC.snapshotEveryTicks(60 / snapshotHz)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        client = new TickcastClient(clientVertx, "127.0.0.1", server.port()).onSnapshot(this::onSnapshot);
        client.joinOrCreate("arena", "latency").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        inputToVisible();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        clientVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        serverVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The untimed random delay before each input (seeded: runs are repeatable). */
    @Setup(Level.Invocation)
    public void randomPhase() {
        LockSupport.parkNanos(phases.nextLong(1_000_000_000L / snapshotHz));
    }

    /** Sends one input and waits until a snapshot shows it applied. */
    @Benchmark
    public void inputToVisible() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        clientVertx.runOnContext(v -> {
            awaited = client.sendInput(new byte[] {(byte) ArenaInput.encode(1, 0, false)});
            pending = done;
        });
        done.get(10, TimeUnit.SECONDS);
    }

    private void onSnapshot(Snapshot s) {
        if (playerTable < 0) {
            for (int t = 0; t < s.tableCount(); t++) {
                if (s.table(t).schema().name().equals("player")) {
                    playerTable = t;
                    seqField = s.table(t).schema().fields().stream()
                            .filter(f -> f.name().equals("lastInputSeq")).findFirst().orElseThrow().index();
                }
            }
        }
        TableSnapshot players = s.table(playerTable);
        int row = players.rowOf(client.welcome().entityId());
        CompletableFuture<Void> p = pending;
        if (row >= 0 && p != null && awaited > 0 && players.value(row, seqField) >= awaited) {
            pending = null;
            p.complete(null);
        }
    }
}
