package dev.tickcast.server.internal.record;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The catalogue of the recordings directory: every {@code <id>.tcrec} file, finished (a trailer) or not.
 * Only finished archives are listed and served: a file without a trailer is being written (or its run
 * crashed) and may still change. A file is read (its head and index, by {@link #reader}) once per size and
 * modification time and the result kept by file name, so a finished archive is read once. Every disk access
 * runs on a worker thread ({@code executeBlocking}); a listing is shared by the requests of {@code cacheMs}.
 */
public final class RecordingCatalogue {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingCatalogue.class);

    /** Reads a finished archive's entry, or null if the file has no trailer (not finished). Blocking. */
    @FunctionalInterface
    public interface Reader {
        /** The entry of {@code file} ({@code bytes} long, named {@code id}), or null while it is unfinished. */
        RecordingEntry read(Path file, String id, long bytes) throws IOException;
    }

    /**
     * One archive file as last seen: its size and modification time, and its entry (null: unfinished or unreadable).
     *
     * @param file     the file
     * @param id       its id
     * @param bytes    its size
     * @param mtimeMs  its modification time
     * @param entry    its entry when finished, else null
     */
    public record Known(Path file, String id, long bytes, long mtimeMs, RecordingEntry entry) {
        /** Whether the file is a finished archive. */
        public boolean finished() {
            return entry != null;
        }
    }

    /** Newest first: by start time, then id (a stable order for files of the same millisecond). */
    private static final Comparator<RecordingEntry> NEWEST_FIRST =
            Comparator.comparingLong(RecordingEntry::startedAtMs).reversed().thenComparing(RecordingEntry::id);

    private final Vertx vertx;
    private final Path dir;
    private final Reader reader;
    private final LongSupplier nanoClock;
    private final long cacheNs;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private Future<List<RecordingEntry>> current;
    private long builtAtNs;

    /** The catalogue of {@code dir}, its files read by {@code reader}, a listing shared for {@code cacheMs}. */
    public RecordingCatalogue(Vertx vertx, Path dir, Reader reader, LongSupplier nanoClock, long cacheMs) {
        this.vertx = vertx;
        this.dir = dir;
        this.reader = reader;
        this.nanoClock = nanoClock;
        this.cacheNs = cacheMs * 1_000_000L;
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The finished archives, newest first: the last listing if recent (or still being built), else a new one. */
    public synchronized Future<List<RecordingEntry>> list() {
        long now = nanoClock.getAsLong();
        if (current != null && (!current.isComplete() || now - builtAtNs < cacheNs)) {
            return current;
        }
        builtAtNs = now;
        Future<List<RecordingEntry>> build = vertx.executeBlocking(this::listNow, false);
        current = build;
        build.onFailure(e -> forgetListing(build));
        return build;
    }

    /** The finished archive {@code id} (already checked by {@link RecordingIds#valid}), or null. Blocking. */
    public Known findNow(String id) {
        if (!RecordingIds.valid(id)) {
            return null;
        }
        Known k = look(dir.resolve(id + RecordingIds.SUFFIX), id);
        return k != null && k.finished() ? k : null;
    }

    /** Forgets the listing so that the next request scans the directory again (a file was added or evicted). */
    public synchronized void changed() {
        current = null;
    }

    /** Every archive file in the directory, finished or not, each read at most once per size and time. Blocking. */
    public List<Known> scan() throws IOException {
        List<Known> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!Files.isDirectory(dir)) {
            known.clear();
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + RecordingIds.SUFFIX)) {
            for (Path file : stream) {
                String id = RecordingIds.ofFileName(file.getFileName().toString());
                Known k = id == null ? null : look(file, id);
                if (k != null) {
                    files.add(k);
                    seen.add(id);
                }
            }
        }
        known.keySet().retainAll(seen);
        return files;
    }

    /** Drops the entry of an evicted file. */
    void forget(String id) {
        known.remove(id);
    }

    private List<RecordingEntry> listNow() throws IOException {
        List<RecordingEntry> list = new ArrayList<>();
        for (Known k : scan()) {
            if (k.finished()) {
                list.add(k.entry());
            }
        }
        list.sort(NEWEST_FIRST);
        return List.copyOf(list);
    }

    /** The file as it is now (null if it is gone or not a regular file), read again only if it changed. */
    private Known look(Path file, String id) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            known.remove(id);
            return null;
        } catch (IOException e) {
            LOG.warn("recording {}: cannot read its attributes: {}", id, e.toString());
            return null;
        }
        if (!attrs.isRegularFile()) {
            return null;
        }
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        Known before = known.get(id);
        if (before != null && before.bytes() == size && before.mtimeMs() == mtime) {
            return before;
        }
        RecordingEntry entry;
        try {
            entry = reader.read(file, id, size);
        } catch (IOException | RuntimeException e) {
            // a damaged file is kept (the budget counts it) but not listed; read again only if it changes
            LOG.warn("recording {}: cannot be read: {}", id, e.toString());
            entry = null;
        }
        Known now = new Known(file, id, size, mtime, entry);
        known.put(id, now);
        return now;
    }

    private synchronized void forgetListing(Future<List<RecordingEntry>> failed) {
        if (current == failed) {
            current = null;
        }
    }
}
