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
    private final Shoot shoot;

    /**
     * A shoot run's settings (issue 21): every checking bot connects through a {@link DelayRelay} of
     * {@code delayMs} each way, jitter up to {@code jitterMs}, and shoots ({@link Shooter}), asking for
     * the rewind if {@code rewind}.
     *
     * @param delayMs  one-way delay
     * @param jitterMs jitter bound
     * @param rewind   mode 1 (rewind) or 0 (present)
     */
    public record Shoot(int delayMs, int jitterMs, boolean rewind) {
    }

    /**
     * A run of {@code options} (one room: {@code rooms} must be 1), {@code checkingBots} of whose bots
     * check their view within {@code radius} of their player; {@code adminToken} null runs without the
     * spectator and {@code snapshotBuildMs}.
     */
    public WideLoad(Vertx vertx, LeanFleet fleet, LoadOptions options, String adminToken, int checkingBots,
                    double radius) {
        this(vertx, fleet, options, adminToken, checkingBots, radius, null);
    }

    /** As the other constructor; with {@code shoot} not null, the checking bots play through a delay and shoot. */
    public WideLoad(Vertx vertx, LeanFleet fleet, LoadOptions options, String adminToken, int checkingBots,
                    double radius, Shoot shoot) {
        if (options.rooms() != 1) {
            throw new IllegalArgumentException("arena-wide plays one room");
        }
        this.vertx = vertx;
        this.fleet = fleet;
        this.options = options;
        this.adminToken = adminToken;
        this.checkingBots = Math.min(checkingBots, options.players());
        this.radius = radius;
        this.shoot = shoot;
    }

    /** Joins, plays the warm-up and the window, leaves, and returns the result. */
    public WideResult run() throws Exception {
        Metrics metrics = new Metrics();
        ArenaLoad load = new ArenaLoad(vertx, fleet, options, metrics);
        WideCheck check = new WideCheck(radius, 60 / options.snapshotHz(), WINDOW_FRAMES, () -> metrics.measuring);
        ShotStats shots = shoot == null ? null : new ShotStats();
        Shooter[] shooters = new Shooter[checkingBots];
        load.playing("arena-wide", n -> {
            if (n >= checkingBots) {
                return null;
            }
            Visibility.StateListener held = (state, self) -> check.held(n, self, state.tick(), WideFrame.idsOf(state));
            if (shoot == null) {
                return new Visibility(metrics, held);
            }
            long phaseMs = new java.util.SplittableRandom(options.seed() * 31 + n).nextInt(1000);
            shooters[n] = new Shooter(60 / options.snapshotHz(), shots, metrics, shoot.rewind(), phaseMs,
                    adminToken == null ? null : held);
            return new Visibility(metrics, shooters[n]);
        });
        DelayRelay relay = shoot == null ? null : await(DelayRelay.start(vertx, options.host(), options.port(),
                shoot.delayMs(), shoot.jitterMs(), options.seed()));
        if (relay != null) {
            load.shootingVia(n -> n < checkingBots ? shooters[n] : null, "127.0.0.1", relay.port());
        }
        try {
            return play(load, metrics, check, shots);
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }

    private WideResult play(ArenaLoad load, Metrics metrics, WideCheck check, ShotStats shots) throws Exception {
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
                    spectator == null ? null : check, trouble, build, botCpu0 < 0 ? -1 : botLoops,
                    shoot == null ? null : new ShotRun(shots, shoot.delayMs(), shoot.jitterMs(), shoot.rewind()));
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
