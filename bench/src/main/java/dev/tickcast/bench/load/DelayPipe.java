package dev.tickcast.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a {@link DelayRelay} connection: chunks read from {@code from} are written to
 * {@code to} at {@code max(previous release, arrival + delay + jitter)}, so they are never
 * reordered; the end of the stream follows the last chunk the same way. The queue is bounded: above
 * {@link #MAX_QUEUED_BYTES} the source is paused until half has gone, and chunks wait while the
 * destination's write queue is full. Runs on the sockets' event loop (the relay's one context).
 */
final class DelayPipe {
    /** Bytes held per direction before the source is paused. */
    static final int MAX_QUEUED_BYTES = 4 << 20;
    /** Marks the end of the stream in {@link #chunks}. */
    private static final Buffer END = Buffer.buffer(0);

    private final Vertx vertx;
    private final NetSocket from;
    private final NetSocket to;
    private final long delayNs;
    private final int jitterMs;
    private final Random random;
    private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
    private final ArrayDeque<Long> releases = new ArrayDeque<>();
    private long lastRelease = Long.MIN_VALUE;
    private long queuedBytes;
    private long timer = -1;
    private boolean paused;
    private volatile boolean stopped;

    DelayPipe(Vertx vertx, NetSocket from, NetSocket to, int delayMs, int jitterMs, long seed) {
        this.vertx = vertx;
        this.from = from;
        this.to = to;
        this.delayNs = TimeUnit.MILLISECONDS.toNanos(delayMs);
        this.jitterMs = jitterMs;
        this.random = new Random(seed);
    }

    void start() {
        from.handler(this::arrived);
        from.endHandler(v -> arrived(END));
        from.exceptionHandler(e -> to.close());
        from.resume();
    }

    private void arrived(Buffer chunk) {
        if (stopped) {
            return;
        }
        long jitterNs = jitterMs == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitterMs * 1_000_000L);
        long release = Math.max(lastRelease, System.nanoTime() + delayNs + jitterNs);
        lastRelease = release;
        chunks.addLast(chunk);
        releases.addLast(release);
        queuedBytes += chunk.length();
        if (!paused && queuedBytes > MAX_QUEUED_BYTES) {
            paused = true;
            from.pause();
        }
        if (timer < 0) {
            schedule();
        }
    }

    private void schedule() {
        long waitNs = releases.peekFirst() - System.nanoTime();
        long waitMs = Math.max(1, (waitNs + 999_999) / 1_000_000);
        timer = vertx.setTimer(waitMs, id -> {
            timer = -1;
            release();
        });
    }

    private void release() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        while (!chunks.isEmpty() && releases.peekFirst() <= now) {
            if (to.writeQueueFull()) {
                to.drainHandler(v -> release());
                return;
            }
            Buffer chunk = chunks.pollFirst();
            releases.pollFirst();
            if (chunk == END) {
                to.end();
                return;
            }
            queuedBytes -= chunk.length();
            to.write(chunk);
        }
        if (paused && queuedBytes <= MAX_QUEUED_BYTES / 2) {
            paused = false;
            from.resume();
        }
        if (!chunks.isEmpty() && timer < 0) {
            schedule();
        }
    }

    /** Stops relaying, from any thread: what is held is dropped with the pipe (the relay closes the sockets). */
    void stop() {
        stopped = true;
    }
}
