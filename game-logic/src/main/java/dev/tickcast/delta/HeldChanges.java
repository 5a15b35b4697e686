package dev.tickcast.delta;

import java.util.Arrays;

/**
 * How one SNAPSHOT_CELLS message changes the held cells (docs/PROTOCOL.md 10.10), read from its
 * client part: the dropped cells (each held at B), the entered cells (none held at B), and for each
 * kept cell whether a delta chunk follows. Indexes into {@link #dropped} and {@link #chunked} are
 * those of the base state's cells. Counts are bounded before allocating; allocates only to grow.
 */
final class HeldChanges {
    private static final int MAX_CELLS = 1 << 20;

    boolean[] dropped = new boolean[16];
    boolean[] chunked = new boolean[16];
    int[] entered = new int[16];
    int dropCount;
    int enterCount;

    /** Reads the drops, the entered cells and the kept bits against {@code base}; null, or why they are malformed. */
    String read(BitReader bits, CellState base, long bodyBits) {
        String err = readDrops(bits, base);
        err = err != null ? err : readEnters(bits, base, bodyBits);
        if (err != null) {
            return err;
        }
        for (int k = 0; k < base.count; k++) {
            chunked[k] = !dropped[k] && bits.readBit();
        }
        return null;
    }

    private String readDrops(BitReader bits, CellState base) {
        if (dropped.length < base.count) {
            dropped = new boolean[Math.max(base.count, dropped.length * 2)];
            chunked = new boolean[dropped.length];
        }
        Arrays.fill(dropped, 0, base.count, false);
        dropCount = 0;
        enterCount = 0;
        int n = bits.readU();
        if (bits.failed() || n > base.count) {
            return "dropCount " + n + " above the " + base.count + " cells held";
        }
        dropCount = n;
        long prev = -1;
        int k = 0;
        for (int d = 0; d < n; d++) {
            long key = prev + 1 + bits.readU();
            while (k < base.count && base.keys[k] < key) {
                k++;
            }
            if (bits.failed() || k == base.count || base.keys[k] != key) {
                return "drop of cell " + key + ", not held";
            }
            dropped[k] = true;
            prev = key;
        }
        return null;
    }

    private String readEnters(BitReader bits, CellState base, long bodyBits) {
        int n = bits.readU();
        if (bits.failed() || n > MAX_CELLS || n > bodyBits || base.count - dropCount + (long) n > MAX_CELLS) {
            return "enterCount " + n;
        }
        if (entered.length < n) {
            entered = new int[Math.max(n, entered.length * 2)];
        }
        enterCount = n;
        long prev = -1;
        for (int e = 0; e < n; e++) {
            long key = prev + 1 + bits.readU();
            if (bits.failed() || key > Integer.MAX_VALUE || base.indexOf((int) key) >= 0) {
                return "entered cell " + key + " (already held, or not a key)";
            }
            entered[e] = (int) key;
            prev = key;
        }
        return null;
    }
}
