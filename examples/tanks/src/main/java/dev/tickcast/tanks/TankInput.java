package dev.tickcast.tanks;

/**
 * The tanks' input payload (INPUT, once per tick or whenever it changes): one byte.
 * <pre>
 *   bit 7..4  must be 0
 *   bit 3..2  throttle + 1   (0 reverse, 1 idle, 2 forward)
 *   bit 1..0  turn + 1       (0, 1 or 2)
 * </pre>
 * A turn of +1 increases the heading, which is clockwise on a screen whose y axis points down
 * (the page's "right" key). The byte stays in effect until the next input.
 */
public final class TankInput {
    /** The payload length in bytes. */
    public static final int LENGTH = 1;
    /** The idle payload: no turn, no throttle. */
    public static final int IDLE = encode(0, 0);

    private TankInput() {
    }

    /** Encodes a turn and a throttle, each -1, 0 or 1. */
    public static int encode(int turn, int throttle) {
        if (turn < -1 || turn > 1 || throttle < -1 || throttle > 1) {
            throw new IllegalArgumentException("turn and throttle must be -1, 0 or 1");
        }
        return (turn + 1) | (throttle + 1) << 2;
    }

    /** True if {@code b} is a valid payload byte. */
    public static boolean valid(int b) {
        return (b & ~0x0F) == 0 && (b & 3) != 3 && ((b >> 2) & 3) != 3;
    }

    /** The turn of a valid payload byte: -1, 0 or 1. */
    public static int turn(int b) {
        return (b & 3) - 1;
    }

    /** The throttle of a valid payload byte: -1, 0 or 1. */
    public static int throttle(int b) {
        return ((b >> 2) & 3) - 1;
    }
}
