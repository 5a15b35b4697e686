package dev.tickcast.server.internal.record;

import dev.tickcast.record.ArchiveWriter;
import dev.tickcast.record.RecordingHead;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One room's archive file, written off the event loop: each call hands a task to the recordings'
 * worker and returns at once; a room's tasks run one after the other, in order (each is handed on
 * when the one before it is done). The first failure (the disk full, no permission, a worker far
 * behind) stops this recording with one WARN line: later tasks do nothing, and the room never
 * hears of it but through {@link #failed()}. What was written before stays readable (every
 * fragment is forced to the disk as it is appended). Calls from the room's thread; the tasks on
 * the worker's.
 */
public final class ArchiveSink {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSink.class);
    /** Tasks that may wait for the worker: past it the disk is too slow and the recording stops. */
    static final int MAX_PENDING = 64;
    /** A finished archive keeps a keyframe every this many ms (and the first): seeking rolls forward from one. */
    static final int ARCHIVE_KEYFRAME_MS = 30_000;

    /** A write on the worker thread. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private final WorkerExecutor worker;
    private final Path dir;
    private final Path file;
    private final String id;
    private final String roomId;
    private final Runnable finished;
    private final Set<String> writing;
    private final Consumer<Future<Void>> finishing;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean failed;
    private Future<Void> tail = Future.succeededFuture();
    private ArchiveWriter writer; // the worker's: touched by the tasks only, which run one at a time

    /**
     * A sink whose id is in {@code writing} from {@link #start} until its archive is finished or given up, and
     * whose {@link #finish} hands its future to {@code finishing} (a shutdown waits for it).
     */
    ArchiveSink(WorkerExecutor worker, Path dir, String id, String roomId, Runnable finished, Set<String> writing,
                Consumer<Future<Void>> finishing) {
        this.worker = worker;
        this.finished = finished;
        this.writing = writing;
        this.finishing = finishing;
        this.dir = dir;
        this.id = id;
        this.roomId = roomId;
        this.file = dir.resolve(id + Recordings.SUFFIX);
    }

    /** The recording's id: its file is {@code <id>.tcrec} in the recordings folder. */
    public String id() {
        return id;
    }

    /** The archive file. */
    public Path file() {
        return file;
    }

    /** Ends when every write handed over so far is done (or skipped after a failure): tests and tools. */
    public Future<Void> written() {
        return tail;
    }

    /** True once a write failed: the recording has stopped. */
    public boolean failed() {
        return failed;
    }

    /** Makes the file (and the folder if missing) and writes {@code head}. */
    public void start(RecordingHead head) {
        writing.add(id); // before the file exists: the disk budget never takes it for a crashed run's
        submit(() -> {
            Files.createDirectories(dir);
            writer = ArchiveWriter.create(file, head);
        });
    }

    /** Appends one FRAGMENT block (as {@code FragmentBuilder.finish()} made it: the sink keeps it). */
    public void append(byte[] fragment) {
        if (pending.get() >= MAX_PENDING) {
            fail(new IOException(MAX_PENDING + " fragments wait for the disk"));
            return;
        }
        submit(() -> writer.appendFragment(fragment));
    }

    /** Writes the index (keyframes thinned) and the trailer, and closes the file; the future ends when it is done or failed. */
    public Future<Void> finish() {
        Future<Void> done = submit(() -> {
            try (ArchiveWriter w = writer) {
                w.finish(ARCHIVE_KEYFRAME_MS);
            }
            writing.remove(id);
            finished.run(); // a new finished file: the disk budget looks again
        });
        finishing.accept(done);
        return done;
    }

    private Future<Void> submit(Write write) {
        if (failed) {
            return tail;
        }
        pending.incrementAndGet();
        tail = tail.transform(previous -> worker.executeBlocking(() -> {
            try {
                if (failed) {
                    closeQuietly();
                } else {
                    write.run();
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                closeQuietly();
            } finally {
                pending.decrementAndGet();
            }
            return null;
        }, false));
        return tail;
    }

    /** Stops the recording, once, with one WARN line (the room's thread or the worker's). */
    private void fail(Exception e) {
        if (failed) {
            return;
        }
        failed = true;
        LOG.warn("room {}: recording {} stopped, the room goes on: {}", roomId, file, e.toString());
    }

    /**
     * Closes the file of a failed recording (the worker's thread): what was forced to the disk stays readable,
     * and the disk budget may finish it as a crashed run's.
     */
    private void closeQuietly() {
        writing.remove(id);
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException | RuntimeException ignored) {
            // the recording is given up already
        }
        writer = null;
    }
}
