package dev.tickcast.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens and ends sessions continuously beside the playing bots, cycling through the
 * {@link ChurnKind}s, at a fixed rate, up to a number of sessions or until stopped. Sessions run
 * on worker threads with blocking sockets (at most {@code workers} at once, each bounded in time);
 * at most {@code longWaits} of them at once leave their socket to the server's own timeout (the
 * join deadline, the HTTP idle timeout) instead of closing it themselves, without holding a worker
 * slot. When the workers are all busy the schedule waits, and it never bursts to catch up more
 * than a second. Counts are safe to read from any thread.
 */
public final class ChurnDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ChurnDriver.class);
    private static final int MAX_REASONS = 5;
    private static final long MAX_LAG_NS = TimeUnit.SECONDS.toNanos(1);

    private final ChurnSessions sessions;
    private final double perSecond;
    private final long limit;
    private final Semaphore workers;
    private final Semaphore longWaits;
    private final int longWaitMs;
    private final ExecutorService pool;
    private final Thread dispatcher;
    private final Map<ChurnKind, Counts> counts = new EnumMap<>(ChurnKind.class);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private volatile long started;

    /**
     * A driver of {@code perSecond} sessions per second against {@code host:port}.
     *
     * @param limit      sessions in all (0: until {@link #stop})
     * @param workers    sessions running at once (the others wait for a slot)
     * @param longWaits  sockets left at once to the server's own timeout
     * @param timeoutMs  the longest wait for one answer
     * @param longWaitMs the longest wait for the server's own timeout
     */
    public ChurnDriver(String host, int port, double perSecond, long limit, int workers, int longWaits, int timeoutMs,
                       int longWaitMs) {
        this.sessions = new ChurnSessions(host, port, timeoutMs, longWaitMs);
        this.perSecond = perSecond;
        this.limit = limit;
        this.workers = new Semaphore(workers);
        this.longWaits = new Semaphore(longWaits);
        this.longWaitMs = longWaitMs;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "churn-session");
            t.setDaemon(true);
            return t;
        });
        for (ChurnKind k : ChurnKind.values()) {
            counts.put(k, new Counts());
        }
        this.dispatcher = new Thread(this::dispatch, "churn-dispatcher");
        dispatcher.setDaemon(true);
    }

    /** Starts opening sessions. */
    public void start() {
        LOG.info("churn: {} sessions/s{}, kinds {}", perSecond, limit > 0 ? ", " + limit + " sessions" : "",
                List.of(ChurnKind.values()));
        dispatcher.start();
    }

    /** True once the requested sessions were all started and have all ended. */
    public boolean done() {
        return limit > 0 && started >= limit && inFlight.get() == 0;
    }

    /**
     * Starts no new session and waits for those under way to end (each is bounded in time: at
     * most {@code longWaitMs} plus a margin); true if they all ended.
     */
    public boolean stop() throws InterruptedException {
        stopping = true;
        dispatcher.interrupt();
        dispatcher.join(TimeUnit.SECONDS.toMillis(5));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(longWaitMs + 15_000L);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pool.shutdown();
        return inFlight.get() == 0;
    }

    /** Sessions started so far. */
    public long started() {
        return started;
    }

    /** Sessions of {@code kind} that ended as they should. */
    public long completed(ChurnKind kind) {
        return counts.get(kind).completed.sum();
    }

    /** Sessions that failed, every kind. */
    public long failed() {
        return counts.values().stream().mapToLong(c -> c.failed.sum()).sum();
    }

    /** Sessions that ended as they should, every kind. */
    public long completed() {
        return counts.values().stream().mapToLong(c -> c.completed.sum()).sum();
    }

    /** Sessions under way. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Completed sessions per kind, e.g. {"full": 1000, ...}. */
    public JsonObject completedPerKind() {
        JsonObject o = new JsonObject();
        counts.forEach((k, c) -> o.put(k.label(), c.completed.sum()));
        return o;
    }

    /** Per kind: started, completed, failed, how they ended and the first failure reasons. */
    public JsonObject json() {
        JsonObject kinds = new JsonObject();
        counts.forEach((k, c) -> kinds.put(k.label(), c.json()));
        return new JsonObject().put("sessionsPerSecond", perSecond).put("sessionsRequested", limit)
                .put("started", started).put("completed", completed()).put("failed", failed())
                .put("inFlight", inFlight.get()).put("kinds", kinds);
    }

    private void dispatch() {
        ChurnKind[] kinds = ChurnKind.values();
        long intervalNs = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        try {
            for (long n = 0; !stopping && (limit <= 0 || n < limit); n++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                workers.acquire();
                next = Math.max(next + intervalNs, System.nanoTime() - MAX_LAG_NS);
                ChurnKind kind = kinds[(int) (n % kinds.length)];
                // the n-th session of its kind, so that a kind's variants alternate
                long ofKind = n / kinds.length;
                boolean waitForServer = (kind == ChurnKind.NEVER_JOIN || kind == ChurnKind.HALF_REQUEST)
                        && longWaits.tryAcquire();
                inFlight.incrementAndGet();
                counts.get(kind).started.increment();
                started = n + 1;
                pool.execute(() -> session(kind, ofKind, waitForServer));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() asked: the loop ends
        }
    }

    private void session(ChurnKind kind, long n, boolean waitForServer) {
        Counts c = counts.get(kind);
        if (waitForServer) {
            workers.release(); // a long wait holds its own slot, not a worker's
        }
        try {
            String how = sessions.run(kind, n, waitForServer);
            c.completed.increment();
            c.ended(how);
        } catch (IOException | RuntimeException e) {
            c.failed.increment();
            c.reason(e.toString());
        } finally {
            if (waitForServer) {
                longWaits.release();
            } else {
                workers.release();
            }
            inFlight.decrementAndGet();
        }
    }

    /** The counts of one kind. */
    private static final class Counts {
        final LongAdder started = new LongAdder();
        final LongAdder completed = new LongAdder();
        final LongAdder failed = new LongAdder();
        private final Map<String, Long> endings = new TreeMap<>();
        private final Map<String, Long> reasons = new TreeMap<>();

        synchronized void ended(String how) {
            endings.merge(how, 1L, Long::sum);
        }

        synchronized void reason(String why) {
            if (reasons.containsKey(why) || reasons.size() < MAX_REASONS) {
                reasons.merge(why, 1L, Long::sum);
            }
        }

        private JsonObject endingsJson() {
            JsonObject o = new JsonObject();
            endings.forEach(o::put);
            return o;
        }

        synchronized JsonObject json() {
            JsonArray why = new JsonArray();
            reasons.forEach((r, n) -> why.add(new JsonObject().put("reason", r).put("count", n)));
            return new JsonObject().put("started", started.sum()).put("completed", completed.sum())
                    .put("failed", failed.sum()).put("endings", endingsJson())
                    .put("failureReasons", why);
        }
    }

    /** The first failure reasons of every kind, one line each, for the text summary. */
    public List<String> failureLines() {
        List<String> lines = new ArrayList<>();
        counts.forEach((k, c) -> {
            JsonObject j = c.json();
            for (Object o : j.getJsonArray("failureReasons")) {
                JsonObject r = (JsonObject) o;
                lines.add(k.label() + ": " + r.getLong("count") + " x " + r.getString("reason"));
            }
        });
        return lines;
    }

    /** Runs the new-player check: matchmake, join, WELCOME and {@code snapshots} snapshots. */
    public String newPlayer(int snapshots) throws IOException {
        return sessions.newPlayer(snapshots);
    }
}
