package dev.tickcast.server.internal.record;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.internal.broadcast.Broadcast;
import dev.tickcast.server.internal.broadcast.Broadcasts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's recordings: which games' rooms record (their spec, or the operator's
 * {@code --record}), the folder their archives go to, the fragment length, and the one worker
 * thread that writes every archive, so that no event loop ever waits on the disk. Any thread.
 */
public final class Recordings {
    /** Nothing records. */
    public static final Recordings OFF = new Recordings(null, Set.of(), null, 4);
    /** The archive files' suffix. */
    public static final String SUFFIX = RecordingIds.SUFFIX;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A write may take this long before Vert.x warns of a blocked worker (a slow disk is not a bug). */
    private static final long MAX_WRITE_SECONDS = 60;

    private final WorkerExecutor worker;
    private final Set<String> games;
    private final Path dir;
    private final int fragmentSeconds;
    private volatile Runnable finished = () -> { };
    private volatile Broadcasts broadcasts;
    // the ids of this process's archives from their first write until finished or given up
    private final Set<String> writing = ConcurrentHashMap.newKeySet();
    // the archives being finished (index, trailer, thinning): a shutdown waits for them
    private final Set<Future<Void>> finishing = ConcurrentHashMap.newKeySet();

    private Recordings(WorkerExecutor worker, Set<String> games, Path dir, int fragmentSeconds) {
        this.worker = worker;
        this.games = games;
        this.dir = dir;
        this.fragmentSeconds = fragmentSeconds;
    }

    /**
     * Recordings into {@code dir} for the games whose spec records and those named in {@code games},
     * in fragments of {@code fragmentSeconds}, written by one worker thread of {@code vertx}
     * ({@link #close} frees it).
     */
    public static Recordings on(Vertx vertx, Set<String> games, Path dir, int fragmentSeconds) {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("tickcast-recordings", 1, MAX_WRITE_SECONDS,
                TimeUnit.SECONDS);
        return new Recordings(worker, Set.copyOf(games), dir, fragmentSeconds);
    }

    /** True if a room of {@code spec} records. */
    public boolean records(GameSpec spec) {
        return worker != null && (spec.record() || games.contains(spec.name()));
    }

    /** The length of a fragment, in seconds. */
    public int fragmentSeconds() {
        return fragmentSeconds;
    }

    /** The folder of the archives. */
    public Path dir() {
        return dir;
    }

    /** A writer of a new archive of room {@code roomId}, named by a new unguessable id (the file is made by its first write). */
    public ArchiveSink open(String roomId) {
        return new ArchiveSink(worker, dir, newId(), roomId, () -> finished.run(), writing, this::finishing);
    }

    private void finishing(Future<Void> done) {
        finishing.add(done);
        done.onComplete(r -> finishing.remove(done));
    }

    /**
     * Ends when every archive whose finishing has begun so far is finished (or given up): after the rooms are
     * disposed, a shutdown waits for it so that no archive is left half-written.
     */
    public Future<Void> finished() {
        return Future.join(List.copyOf(finishing)).mapEmpty();
    }

    /** True while this process writes archive {@code id} (the disk budget leaves it alone, finished or not). */
    public boolean writing(String id) {
        return writing.contains(id);
    }

    /** Runs {@code then} on the writer's thread after each archive is finished (the disk budget's check). */
    public void onFinished(Runnable then) {
        finished = then;
    }

    /** Recording rooms broadcast through {@code to} (docs/PROTOCOL.md, "Delayed broadcast"); without it they do not. */
    public void broadcastTo(Broadcasts to) {
        broadcasts = to;
    }

    /** The delayed broadcast of a new recording room {@code roomId} of {@code spec}, or null if it does not broadcast. */
    public Broadcast broadcast(String roomId, GameSpec spec) {
        Broadcasts to = broadcasts;
        return to == null ? null : to.open(roomId, spec);
    }

    /** A new recording id: 128 random bits, base64url without padding (22 characters). */
    static String newId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** Frees the worker thread once the writes handed to it are done. */
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
