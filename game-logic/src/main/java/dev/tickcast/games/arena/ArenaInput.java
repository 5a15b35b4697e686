package dev.tickcast.games.arena;

/**
 * The arena's input payload: one byte.
 * <pre>
 *   bit 7..5  must be 0
 *   bit 4     sprint
 *   bit 3..2  dy + 1   (0, 1 or 2)
 *   bit 1..0  dx + 1   (0, 1 or 2)
 * </pre>
 */
public final class ArenaInput {
    /** The payload length in bytes. */
    public static final int LENGTH = 1;

    private ArenaInput() {
    }

    /** Encodes a direction in {-1, 0, 1} on each axis and the sprint flag. */
    public static int encode(int dx, int dy, boolean sprint) {
        if (dx < -1 || dx > 1 || dy < -1 || dy > 1) {
            throw new IllegalArgumentException("dx, dy must be -1, 0 or 1");
        }
        return (dx + 1) | (dy + 1) << 2 | (sprint ? 1 << 4 : 0);
    }

    /** True if {@code b} is a valid payload byte. */
    public static boolean valid(int b) {
        return (b & ~0x1F) == 0 && (b & 3) != 3 && ((b >> 2) & 3) != 3;
    }

    /** The x direction of a valid payload byte. */
    public static int dx(int b) {
        return (b & 3) - 1;
    }

    /** The y direction of a valid payload byte. */
    public static int dy(int b) {
        return ((b >> 2) & 3) - 1;
    }

    /** The sprint flag of a valid payload byte. */
    public static boolean sprint(int b) {
        return (b & 0x10) != 0;
    }
}
