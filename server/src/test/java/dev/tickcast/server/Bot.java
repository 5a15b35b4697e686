package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client: a {@link TickcastClient} plus what the tests check, recorded on the client's
 * context and awaited with bounded waits from the test thread (never sleeps).
 */
final class Bot {
    static final long WAIT_SECONDS = 15;

    final TickcastClient client;
    final List<Integer> snapshotTicks = new CopyOnWriteArrayList<>();
    final List<Boolean> snapshotFull = new CopyOnWriteArrayList<>();
    final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final DeltaDecoder header = new DeltaDecoder();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    volatile String lastState;
    volatile int lastTick = Snapshot.NO_TICK;

    private record Waiter(Predicate<Snapshot> condition, CompletableFuture<String> done) {
    }

    Bot(Vertx vertx, int port) {
        this(new TickcastClient(vertx, "127.0.0.1", port));
    }

    Bot(TickcastClient client) {
        this.client = client;
        client.onRawSnapshot(buf -> {
            byte[] bytes = buf.getBytes();
            if (header.readHeader(bytes, 0, bytes.length) == DeltaDecoder.OK) {
                snapshotTicks.add(header.tick());
                snapshotFull.add(header.full());
            }
        });
        client.onSnapshot(this::onSnapshot);
        client.onClose((code, reason) -> closed.complete(new int[] {code}));
    }

    static Bot join(Vertx vertx, int port, String name) {
        return new Bot(vertx, port).joinGame("arena", name);
    }

    Bot joinGame(String game, String name) {
        Seat seat = get(client.matchmake(game, name).toCompletionStage().toCompletableFuture(), "matchmake " + name);
        get(client.join(seat).toCompletionStage().toCompletableFuture(), "WebSocket of " + name);
        return this;
    }

    private void onSnapshot(Snapshot s) {
        lastTick = s.tick();
        lastState = s.describe();
        for (Waiter w : waiters) {
            if (w.condition.test(s)) {
                waiters.remove(w);
                w.done.complete(s.describe());
            }
        }
    }

    /** Waits until a snapshot satisfies {@code condition}; returns its description. */
    String await(Predicate<Snapshot> condition) {
        CompletableFuture<String> done = new CompletableFuture<>();
        client.vertx().runOnContext(v -> waiters.add(new Waiter(condition, done)));
        return get(done);
    }

    WelcomeMessage welcome() {
        return await(s -> client.welcome() != null) == null ? null : client.welcome();
    }

    int closeCode() {
        return get(closed)[0];
    }

    static int row(Snapshot s, int table, int id) {
        TableSnapshot t = s.table(table);
        return t.rowOf(id);
    }

    /** Runs {@code action} on the client's context and waits for it. */
    void onContext(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.vertx().runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        get(done);
    }

    static <T> T get(CompletableFuture<T> future) {
        return get(future, "");
    }

    /** Waits for {@code future}; a failure names {@code what} and dumps the threads (a hang's evidence). */
    static <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder dump = new StringBuilder();
            for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean()
                    .dumpAllThreads(false, false)) {
                dump.append(t);
            }
            throw new AssertionError("timed out waiting " + what + "\n" + dump, e);
        } catch (Exception e) {
            throw new AssertionError("failed waiting " + what + ": " + e, e);
        }
    }
}
