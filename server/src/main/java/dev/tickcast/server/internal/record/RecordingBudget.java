package dev.tickcast.server.internal.record;

import dev.tickcast.record.ArchiveWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The disk budget of the recordings directory ({@code --recordings-max-bytes}, {@code --recordings-max-age-hours}):
 * when it is enforced (at startup, then periodically, and whenever {@link #enforce} is called, as after an archive
 * is finished), first each file without a trailer that no writer holds (a crashed or killed run's, in this process
 * or another sharing the folder) is finished ({@link ArchiveWriter#recover}) and listed from then on; then the
 * finished archives older than the age limit are deleted, and the oldest finished archives (by modification time:
 * the time they were finished) until the archive files' total is at most the budget. Files being written count in
 * the total but are never deleted. One INFO line per recovery and per eviction; runs on a worker thread, one
 * enforcement at a time.
 */
public final class RecordingBudget {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingBudget.class);
    private static final Comparator<RecordingCatalogue.Known> OLDEST_FIRST =
            Comparator.comparingLong(RecordingCatalogue.Known::mtimeMs).thenComparing(RecordingCatalogue.Known::id);

    private final Vertx vertx;
    private final RecordingCatalogue recordings;
    private final long maxBytes;
    private final long maxAgeMs;
    private final LongSupplier wallClock;
    private boolean warnedOver;
    private Predicate<String> writing = id -> false;
    private long timer = -1;

    /** The budget of {@code maxBytes} over the archives of {@code recordings}, without an age limit. */
    public RecordingBudget(Vertx vertx, RecordingCatalogue recordings, long maxBytes) {
        this(vertx, recordings, maxBytes, 0, System::currentTimeMillis);
    }

    /**
     * The budget of {@code maxBytes} over the archives of {@code recordings}, each finished one kept at most
     * {@code maxAgeMs} (0: no limit) by {@code wallClock} (ms since the epoch, as file times are).
     */
    public RecordingBudget(Vertx vertx, RecordingCatalogue recordings, long maxBytes, long maxAgeMs,
                           LongSupplier wallClock) {
        this.vertx = vertx;
        this.recordings = recordings;
        this.maxBytes = maxBytes;
        this.maxAgeMs = maxAgeMs;
        this.wallClock = wallClock;
    }

    /** Leaves the archives {@code writing} says this process writes alone (it knows them before their lock is taken). */
    public synchronized void exceptWriting(Predicate<String> writing) {
        this.writing = writing;
    }

    /** The budget in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Enforces the budget on a worker thread; the future gives how many archives were deleted (never fails). */
    public Future<Integer> enforce() {
        return vertx.executeBlocking(this::enforceNow, false).recover(e -> {
            LOG.warn("recordings budget not enforced: {}", e.toString());
            return Future.succeededFuture(0);
        });
    }

    /** Enforces the budget now and then every {@code periodMs} until {@link #stop}. */
    public synchronized void start(long periodMs) {
        if (timer < 0) {
            enforce();
            timer = vertx.setPeriodic(periodMs, id -> enforce());
        }
    }

    /** Stops the periodic enforcement. */
    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Enforces the budget now, on the calling thread (blocking: never an event loop); how many archives went. */
    public synchronized int enforceNow() throws IOException {
        List<RecordingCatalogue.Known> files = recordings.scan();
        if (recoverAbandoned(files) > 0) {
            recordings.changed();
            files = recordings.scan();
        }
        long total = 0;
        List<RecordingCatalogue.Known> finished = new ArrayList<>();
        for (RecordingCatalogue.Known k : files) {
            total += k.bytes();
            if (k.finished()) {
                finished.add(k);
            }
        }
        finished.sort(OLDEST_FIRST);
        long oldest = maxAgeMs > 0 ? wallClock.getAsLong() - maxAgeMs : Long.MIN_VALUE;
        int evicted = 0;
        for (int i = 0; i < finished.size() && (total > maxBytes || finished.get(i).mtimeMs() < oldest); i++) {
            RecordingCatalogue.Known k = finished.get(i);
            if (Files.deleteIfExists(k.file())) {
                total -= k.bytes();
                evicted++;
                recordings.forget(k.id());
                RecordingEntry e = k.entry();
                LOG.info("recording {} evicted ({} bytes, game {}, room {}, {}): the recordings now take {} of {} bytes",
                        k.id(), k.bytes(), e.game(), e.room(), k.mtimeMs() < oldest ? "too old" : "over the budget",
                        total, maxBytes);
            }
        }
        if (evicted > 0) {
            recordings.changed();
        }
        warnIfStillOver(total);
        return evicted;
    }

    /** Finishes the unfinished files no writer holds; how many. */
    private int recoverAbandoned(List<RecordingCatalogue.Known> files) {
        int recovered = 0;
        for (RecordingCatalogue.Known k : files) {
            if (k.finished() || writing.test(k.id())) {
                continue;
            }
            try {
                if (ArchiveWriter.recover(k.file()) == ArchiveWriter.Recovery.RECOVERED) {
                    recovered++;
                    LOG.info("recording {} of a run that did not finish it is finished now ({} bytes before)",
                            k.id(), k.bytes());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("recording {} of a run that did not finish it cannot be finished: {}", k.id(), e.toString());
            }
        }
        return recovered;
    }

    /** Over the budget with nothing finished left to delete: unfinished files hold it; said once until under. */
    private void warnIfStillOver(long total) {
        if (total > maxBytes && !warnedOver) {
            LOG.warn("recordings take {} bytes, over the budget of {}, in files that are not finished (being written "
                    + "or of a crashed run): nothing deleted", total, maxBytes);
        }
        warnedOver = total > maxBytes;
    }
}
