package dev.tickcast.delta;

import java.util.Arrays;

/**
 * Per player, the cells it entered at its last message: a cell it keeps now was held at its
 * predictor too unless it was entered then (docs/PROTOCOL.md 10.11, the predictor rule), so a
 * chunk with a predictor is used only for cells not in this list. The room's thread.
 */
final class PlayerCells {
    private final int[][] entered;
    private final int[] count;

    PlayerCells(int maxPlayers) {
        entered = new int[maxPlayers][8];
        count = new int[maxPlayers];
    }

    /** True if {@code seat} entered {@code cell} at its last message. */
    boolean enteredLast(int seat, int cell) {
        return Arrays.binarySearch(entered[seat], 0, count[seat], cell) >= 0;
    }

    /** Remembers the cells (increasing) {@code seat} enters with this message. */
    void remember(int seat, int[] cells, int n) {
        if (entered[seat].length < n) {
            entered[seat] = new int[Math.max(n, entered[seat].length * 2)];
        }
        System.arraycopy(cells, 0, entered[seat], 0, n);
        count[seat] = n;
    }
}
