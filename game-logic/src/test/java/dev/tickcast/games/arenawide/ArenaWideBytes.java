package dev.tickcast.games.arenawide;

import dev.tickcast.delta.CellBroadcast;
import dev.tickcast.state.Snapshot;

import java.util.Arrays;
import java.util.Locale;

/**
 * Prints what Arena-Wide costs on the wire with the server's own cell pipeline ({@link CellBroadcast}),
 * in process: for N bots, 10 simulated seconds of warm-up and 30 measured at 20 snapshots a second,
 * every client up to date: bytes per client per second, the first state's bytes, held entities per
 * client and the time to build one broadcast for the room. A figure to report, not an assertion;
 * the bench's {@code arena-wide} command measures the same over real sockets. Run after
 * {@code mvn -o -pl game-logic test-compile}:
 * <pre>
 * java -cp game-logic/target/classes:game-logic/target/test-classes:$KRYO_JARS \
 *     dev.tickcast.games.arenawide.ArenaWideBytes [N ...]
 * </pre>
 */
public final class ArenaWideBytes {
    private static final int WARMUP = 200;
    private static final int MEASURED = 600;

    private ArenaWideBytes() {
    }

    /** Runs each N given (default 100 250 500 1000). */
    public static void main(String[] args) {
        int[] counts = args.length == 0 ? new int[] {100, 250, 500, 1000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("players  B/client/s  first_B  build_p50_ms  build_p99_ms  encodes/broadcast");
        run(1000, false);
        for (int n : counts) {
            run(n, true);
        }
    }

    private static void run(int players, boolean print) {
        WideBots bots = new WideBots(42, players);
        CellBroadcast cells = new CellBroadcast(bots.room().interest(), bots.world(), players);
        Snapshot[] ring = new Snapshot[CellBroadcast.LAYOUTS];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Snapshot(bots.world().schemas());
        }
        Snapshot[] last = new Snapshot[players];
        Snapshot[] prev = new Snapshot[players];
        long first = 0;
        long bytes = 0;
        long encodesBefore = 0;
        long[] build = new long[MEASURED];
        byte[] buf = new byte[1 << 16];
        Snapshot before = null;
        for (int b = 0; b < WARMUP + MEASURED; b++) {
            for (int t = 0; t < WideBots.TICKS_PER_SNAPSHOT; t++) {
                bots.step();
            }
            long start = System.nanoTime();
            Snapshot now = ring[b % ring.length];
            now.capture(bots.world(), bots.tick());
            cells.begin(now, before);
            before = now;
            long sum = 0;
            for (int p = 0; p < players; p++) {
                Snapshot pred = last[p] != null && prev[p] != null ? prev[p] : null;
                int n = cells.message(p, bots.entity(p), now, last[p], pred);
                if (n > buf.length) {
                    buf = new byte[n];
                }
                cells.copyMessage(buf, 0);
                sum += n;
                if (b == 0) {
                    first += n;
                }
                prev[p] = cells.usedBase();
                last[p] = now;
            }
            if (b >= WARMUP) {
                build[b - WARMUP] = System.nanoTime() - start;
                bytes += sum;
            } else if (b == WARMUP - 1) {
                encodesBefore = cells.encodes();
            }
        }
        if (!print) {
            return;
        }
        Arrays.sort(build);
        double seconds = MEASURED / 20.0;
        System.out.println(String.format(Locale.ROOT, "%7d  %10.0f  %7d  %12.3f  %12.3f  %17.0f", players,
                bytes / seconds / players, first / players, build[MEASURED / 2] / 1e6, build[MEASURED * 99 / 100] / 1e6,
                (cells.encodes() - encodesBefore) / (double) MEASURED));
    }
}
