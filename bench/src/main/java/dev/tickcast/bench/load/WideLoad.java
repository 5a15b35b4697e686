package dev.tickcast.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Plays ARENA-WIDE-SCENARIO.md: one room of the game "arena-wide" with {@code options.players()}
 * bots on the lean client, of which the first {@code checkingBots} decode every snapshot (SNAPSHOT
 * or SNAPSHOT_CELLS, through {@link Visibility} and its {@code SnapshotMirror}) and measure
 * input-to-visible; the others read headers only. With an admin token, a whole-world spectator
 * ({@link WideSpectator}) feeds a {@link WideCheck} against the checking bots, and the room's
 * {@code snapshotBuildMs} is read from the admin API after the window. Blocks its caller.
 */
public final class WideLoad {
    private static final Logger LOG = LoggerFactory.getLogger(WideLoad.class);
    /** Periods of frames the check keeps. */
    private static final int WINDOW_FRAMES = 8;

    private final Vertx vertx;
    private final LeanFleet fleet;
    private final LoadOptions options;
    private final String adminToken;
    private final int checkingBots;
    private final double radius;

    /**
     * A run of {@code options} (one room: {@code rooms} must be 1), {@code checkingBots} of whose bots
     * check their view within {@code radius} of their player; {@code adminToken} null runs without the
     * spectator and {@code snapshotBuildMs}.
     */
    public WideLoad(Vertx vertx, LeanFleet fleet, LoadOptions options, String adminToken, int checkingBots,
                    double radius) {
        if (options.rooms() != 1) {
            throw new IllegalArgumentException("arena-wide plays one room");
        }
        this.vertx = vertx;
        this.fleet = fleet;
        this.options = options;
        this.adminToken = adminToken;
        this.checkingBots = Math.min(checkingBots, options.players());
        this.radius = radius;
    }

    /** Joins, plays the warm-up and the window, leaves, and returns the result. */
    public WideResult run() throws Exception {
        Metrics metrics = new Metrics();
        ArenaLoad load = new ArenaLoad(vertx, fleet, options, metrics);
        WideCheck check = new WideCheck(radius, 60 / options.snapshotHz(), WINDOW_FRAMES, () -> metrics.measuring);
        load.playing("arena-wide", n -> n >= checkingBots ? null
                : new Visibility(metrics, (state, self) -> check.held(n, self, state.tick(), WideFrame.idsOf(state))));
        load.join();
        String roomId = load.roomIds().iterator().next();
        WideSpectator spectator = null;
        AdminRooms admin = adminToken == null ? null : new AdminRooms(vertx, options.host(), options.port(), adminToken);
        try {
            if (admin != null) {
                spectator = new WideSpectator(vertx, options.host(), options.port(), check);
                await(spectator.start(roomId, admin.watch(roomId)));
            }
            double botCpu0 = ProcStats.threadsCpuSeconds(ProcStats.self(), LeanFleet.THREAD_PREFIX);
            long t0 = System.nanoTime();
            ArenaResult arena = load.measure();
            double botLoops = (ProcStats.threadsCpuSeconds(ProcStats.self(), LeanFleet.THREAD_PREFIX) - botCpu0)
                    / ((System.nanoTime() - t0) / 1e9);
            JsonObject build = admin == null ? null : AdminRooms.snapshotBuildMs(admin.room(roomId));
            String trouble = spectator == null ? "no admin token: no spectator" : spectator.trouble();
            if (trouble != null) {
                LOG.warn("view check: {}", trouble);
            }
            return new WideResult(arena, Metrics.take(metrics.firstStateBytes), checkingBots,
                    spectator == null ? null : check, trouble, build, botCpu0 < 0 ? -1 : botLoops);
        } finally {
            if (spectator != null) {
                await(spectator.stop());
            }
            if (admin != null) {
                admin.close();
            }
            load.leave();
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
