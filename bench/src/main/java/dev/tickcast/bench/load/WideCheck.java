package dev.tickcast.bench.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The Arena-Wide view check (ARENA-WIDE-SCENARIO.md): a whole-world spectator's frames against what
 * checking bots hold, compared by tick. For a bot's frame at tick T, with W the spectator's frame at
 * T and P its frame one snapshot period earlier:
 * <ul>
 *   <li>over-send: entities the bot holds / entities of W within R of the bot's player (its own
 *   player included, so never 0), averaged over the compared frames;</li>
 *   <li>missed: entities within R of the player in P and in W (so within R for more than one
 *   snapshot period) that the bot does not hold at T. Both distances must be at most R less
 *   {@link #TOLERANCE}: positions arrive quantized to 0.1 unit, and an entity on the circle's edge
 *   must not count as a miss for its rounding.</li>
 * </ul>
 * Memory stays bounded: the spectator's frames of the last {@code windowFrames} periods, and at most
 * as many waiting frames per bot; a bot frame whose spectator frame is gone, or never came (the
 * spectator skipped it), is counted as unchecked. Thread-safe (every method is synchronized): the
 * spectator and the bots record from their own event loops.
 */
public final class WideCheck {
    /** Units inside R an entity must be, at both ends of the period, to count as a miss. */
    public static final double TOLERANCE = 1.0;

    private final double radius;
    private final int periodTicks;
    private final int windowFrames;
    private final BooleanSupplier measuring;
    private final TreeMap<Integer, WideFrame> world = new TreeMap<>();
    private final Map<Integer, Deque<Held>> waiting = new HashMap<>();
    private long missed;
    private long compared;
    private long unchecked;
    private long missChecked;
    private double overSendSum;

    /** A bot's frame: what it held after the snapshot of {@code tick}. */
    private record Held(int tick, int self, int[] ids) {
    }

    /**
     * A check with view radius {@code radius}, snapshots every {@code periodTicks} ticks, keeping
     * {@code windowFrames} periods of frames, that counts only while {@code measuring} is true.
     */
    public WideCheck(double radius, int periodTicks, int windowFrames, BooleanSupplier measuring) {
        this.radius = radius;
        this.periodTicks = periodTicks;
        this.windowFrames = windowFrames;
        this.measuring = measuring;
    }

    /** The spectator's whole world after a snapshot. */
    public synchronized void world(WideFrame frame) {
        world.put(frame.tick(), frame);
        int oldest = frame.tick() - windowFrames * periodTicks;
        while (!world.isEmpty() && world.firstKey() < oldest) {
            world.pollFirstEntry();
        }
        for (Deque<Held> queue : waiting.values()) {
            while (!queue.isEmpty() && queue.peekFirst().tick() <= world.lastKey()) {
                compare(queue.pollFirst());
            }
        }
    }

    /**
     * Bot {@code bot}, whose player is entity {@code self}, holds the positioned entities {@code ids}
     * (increasing) after the snapshot of {@code tick}.
     */
    public synchronized void held(int bot, int self, int tick, int[] ids) {
        Held h = new Held(tick, self, ids);
        if (!world.isEmpty() && h.tick() <= world.lastKey()) {
            compare(h);
            return;
        }
        Deque<Held> queue = waiting.computeIfAbsent(bot, b -> new ArrayDeque<>());
        queue.addLast(h);
        if (queue.size() > windowFrames) {
            queue.pollFirst();
            count(() -> unchecked++);
        }
    }

    private void compare(Held h) {
        WideFrame now = world.get(h.tick());
        int at = now == null ? -1 : now.indexOf(h.self());
        if (at < 0) {
            count(() -> unchecked++);
            return;
        }
        Map.Entry<Integer, WideFrame> before = world.lowerEntry(h.tick());
        WideFrame prev = before != null && h.tick() - before.getKey() <= periodTicks ? before.getValue() : null;
        int prevAt = prev == null ? -1 : prev.indexOf(h.self());
        double r2 = radius * radius;
        double strict = (radius - TOLERANCE) * (radius - TOLERANCE);
        float px = now.x()[at];
        float py = now.y()[at];
        int within = 0;
        int misses = 0;
        for (int i = 0; i < now.size(); i++) {
            double d2 = dist2(now.x()[i], now.y()[i], px, py);
            if (d2 > r2) {
                continue;
            }
            within++;
            int id = now.ids()[i];
            if (prevAt >= 0 && d2 <= strict && id != h.self() && wasWithin(prev, prevAt, id, strict)
                    && java.util.Arrays.binarySearch(h.ids(), id) < 0) {
                misses++;
            }
        }
        int counted = within;
        int missedHere = misses;
        boolean checkedMisses = prevAt >= 0;
        count(() -> {
            compared++;
            overSendSum += h.ids().length / (double) counted;
            missed += missedHere;
            missChecked += checkedMisses ? 1 : 0;
        });
    }

    private static boolean wasWithin(WideFrame prev, int playerAt, int id, double strict) {
        int i = prev.indexOf(id);
        return i >= 0 && dist2(prev.x()[i], prev.y()[i], prev.x()[playerAt], prev.y()[playerAt]) <= strict;
    }

    private static double dist2(float ax, float ay, float bx, float by) {
        double dx = (double) ax - bx;
        double dy = (double) ay - by;
        return dx * dx + dy * dy;
    }

    private void count(Runnable update) {
        if (measuring.getAsBoolean()) {
            update.run();
        }
    }

    /** The R the views are held to. */
    public double radius() {
        return radius;
    }

    /** Entities held / entities within R, the mean over the compared frames; NaN if none was compared. */
    public synchronized double overSend() {
        return compared == 0 ? Double.NaN : overSendSum / compared;
    }

    /** (bot, entity, snapshot) triples missed so far. */
    public synchronized long missed() {
        return missed;
    }

    /** Bot frames compared with the spectator's (over-send). */
    public synchronized long compared() {
        return compared;
    }

    /** Bot frames checked for misses too (the spectator had the frame one period earlier). */
    public synchronized long missChecked() {
        return missChecked;
    }

    /** Bot frames not compared: the spectator's frame of their tick was missing or gone. */
    public synchronized long unchecked() {
        return unchecked;
    }
}
