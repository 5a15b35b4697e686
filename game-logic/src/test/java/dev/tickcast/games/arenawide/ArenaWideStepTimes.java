package dev.tickcast.games.arenawide;

import java.util.Arrays;
import java.util.Locale;

/**
 * Prints the time of one Arena-Wide step (game.step alone, inputs excluded) at N = 100, 250, 500
 * and 1000 bots in a LocalRoom: a JIT warm-up room, then for each N 10 simulated seconds of
 * warm-up and 30 measured. A figure to
 * report, not an assertion. Run from the worktree root after {@code mvn -o -pl game-logic test-compile}:
 * <pre>
 * java -cp game-logic/target/classes:game-logic/target/test-classes:$KRYO_JARS \
 *     dev.tickcast.games.arenawide.ArenaWideStepTimes [N ...]
 * </pre>
 */
public final class ArenaWideStepTimes {
    private static final int WARMUP_TICKS = 600;
    private static final int MEASURED_TICKS = 1800;

    private ArenaWideStepTimes() {
    }

    /** Runs each N given (default 100 250 500 1000) and prints mean, p50, p99 and max in microseconds. */
    public static void main(String[] args) {
        int[] counts = args.length == 0 ? new int[] {100, 250, 500, 1000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        WideBots jit = new WideBots(7, 1000);
        for (int t = 0; t < 3 * WARMUP_TICKS; t++) {
            jit.step();
        }
        System.out.println("players  mean_us  p50_us  p99_us  max_us  orbs_eaten/s  leader_rows");
        for (int n : counts) {
            run(n);
        }
    }

    private static void run(int players) {
        WideBots bots = new WideBots(42, players);
        for (int t = 0; t < WARMUP_TICKS; t++) {
            bots.step();
        }
        int firstOrbId = bots.world().table(WideBots.ORBS).id(bots.world().table(WideBots.ORBS).size() - 1);
        long[] nanos = new long[MEASURED_TICKS];
        for (int t = 0; t < MEASURED_TICKS; t++) {
            bots.inputs();
            long start = System.nanoTime();
            bots.stepOnly();
            nanos[t] = System.nanoTime() - start;
        }
        int lastOrbId = bots.world().table(WideBots.ORBS).id(bots.world().table(WideBots.ORBS).size() - 1);
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        System.out.println(String.format(Locale.ROOT, "%7d  %7.1f  %6.1f  %6.1f  %6.1f  %12d  %11d", players, mean,
                nanos[MEASURED_TICKS / 2] / 1000.0, nanos[MEASURED_TICKS * 99 / 100] / 1000.0,
                nanos[MEASURED_TICKS - 1] / 1000.0, (lastOrbId - firstOrbId) * 60 / MEASURED_TICKS,
                bots.world().table(WideBots.LEADERS).size()));
    }
}
