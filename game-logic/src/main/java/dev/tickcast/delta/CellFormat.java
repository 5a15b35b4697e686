package dev.tickcast.delta;

import java.util.Arrays;

/**
 * How a room with interest splits its tables on the wire (docs/PROTOCOL.md 10.10): which tables are
 * global (sent whole to everyone; the others are cell tables, sent by cell), and per table the
 * owner-only fields, sent as their default in shared parts and with their true values in the owner's
 * own entries (10.13). Immutable.
 */
public final class CellFormat {
    private final boolean[] global;
    private final int[] hidden;

    /** {@code global[i]}: table i is global; {@code hidden[i]}: the mask (bit f = field f) of table i's owner-only fields. */
    public CellFormat(boolean[] global, int[] hidden) {
        if (global.length != hidden.length) {
            throw new IllegalArgumentException(global.length + " tables, " + hidden.length + " masks");
        }
        this.global = global.clone();
        this.hidden = hidden.clone();
    }

    /** The number of tables. */
    public int tableCount() {
        return global.length;
    }

    /** True if table {@code i} is global. */
    public boolean global(int i) {
        return global[i];
    }

    /** The owner-only fields of table {@code i}, as a mask (0: none). */
    public int hidden(int i) {
        return hidden[i];
    }

    @Override
    public String toString() {
        return "CellFormat[global=" + Arrays.toString(global) + ", hidden=" + Arrays.toString(hidden) + "]";
    }
}
