package dev.tickcast.game.rewind;

/**
 * The view stamp a client adds to each INPUT and GAME_SEND (docs/PROTOCOL.md 7.2): which picture it
 * was showing when it sent the message. One varuint: 0 for no view (no snapshot drawn yet, or a
 * client that does not compensate); otherwise {@code 1 + (a mod 512) * 32 + q}, where {@code a} is
 * the tick of the snapshot the client drew from and {@code q} (0..31) where it was between that
 * snapshot and the next one it had received, in 32nds ({@code q = 0} when it drew {@code a} itself or
 * held its newest snapshot). At most 16,384: two bytes but for one value in 16,384.
 */
public final class ViewStamp {
    /** The stamp of a message sent without a view. */
    public static final int NONE = 0;
    /** The steps between two snapshots a stamp can name: {@code q} runs from 0 to {@code FRACTIONS - 1}. */
    public static final int FRACTIONS = 32;
    /** Ticks a stamp names modulo this: a view older than 512 ticks is read as a newer one, which the server then judges. */
    public static final int TICK_MODULUS = 512;
    /** The largest stamp. */
    public static final int MAX = TICK_MODULUS * FRACTIONS;

    private ViewStamp() {
    }

    /** The stamp of a view drawn from snapshot {@code tick} (>= 0), {@code q}/32 of the way to the next one it had. */
    public static int of(int tick, int q) {
        if (tick < 0 || q < 0 || q >= FRACTIONS) {
            throw new IllegalArgumentException("no view stamp for tick " + tick + ", fraction " + q + "/32");
        }
        return 1 + (tick % TICK_MODULUS) * FRACTIONS + q;
    }

    /** The stamp of a view at {@code t} in [0, 1] between snapshots {@code a} and {@code b}, in 32nds (1 names {@code b}). */
    public static int of(int a, int b, double t) {
        int q = (int) Math.round(Math.max(0, Math.min(1, t)) * FRACTIONS);
        return q >= FRACTIONS ? of(b, 0) : of(a, q);
    }

    /** True if {@code stamp} is in the range a stamp can take (0 to {@link #MAX}). */
    public static boolean valid(int stamp) {
        return stamp >= 0 && stamp <= MAX;
    }

    /** The tick a non-empty stamp names, modulo {@link #TICK_MODULUS}. */
    public static int tickLow(int stamp) {
        return (stamp - 1) / FRACTIONS;
    }

    /** The position between the named snapshot and the next, in 32nds, of a non-empty stamp. */
    public static int fraction(int stamp) {
        return (stamp - 1) % FRACTIONS;
    }

    /** The newest tick at or before {@code now} that a non-empty stamp can name, or -1 if none. */
    public static int resolve(int stamp, int now) {
        int low = tickLow(stamp);
        int tick = now - Math.floorMod(now - low, TICK_MODULUS);
        return tick < 0 ? -1 : tick;
    }
}
