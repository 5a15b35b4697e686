package dev.tickcast.game.interest;

import java.util.Arrays;

/**
 * The cells of one captured snapshot: for each cell table (positioned or keyed, by its world table index), the
 * rows of the snapshot homed in each cell, in id order. Copied from a {@link CellIndex} right after
 * it was updated on the same world the snapshot was captured from, so rows are the snapshot's rows.
 * The server keeps one per snapshot of its ring: a cell's content at a baseline tick is the rows
 * listed here. Reused from capture to capture; grows only.
 */
public final class CellLayout {
    private final int cellCount;
    private final int[][] starts;
    private final int[][] rows;
    private final int[][] homes;
    private int tick = -1;

    /** An empty layout for a world of {@code tableCount} tables and the cells of {@code index}. */
    public CellLayout(int tableCount, CellIndex index) {
        this.cellCount = index.cellCount();
        starts = new int[tableCount][];
        rows = new int[tableCount][];
        homes = new int[tableCount][];
        for (int t = 0; t < index.tableCount(); t++) {
            int world = index.table(t).index();
            starts[world] = new int[cellCount + 1];
            rows[world] = new int[64];
            homes[world] = new int[64];
        }
    }

    /** Copies {@code index} (updated on the world captured at {@code captureTick}). */
    public void capture(CellIndex index, int captureTick) {
        for (int t = 0; t < index.tableCount(); t++) {
            int world = index.table(t).index();
            int n = index.size(t);
            if (rows[world].length < n) {
                rows[world] = new int[Math.max(n, rows[world].length * 2)];
                homes[world] = new int[rows[world].length];
            }
            int[] start = starts[world];
            for (int c = 0; c < cellCount; c++) {
                start[c] = index.start(t, c);
            }
            start[cellCount] = index.end(t, cellCount - 1); // rows with no home cell (slots after it) are in no cell
            for (int k = 0; k < n; k++) {
                rows[world][k] = index.rowAt(t, k);
                homes[world][k] = index.homeCell(t, k); // by row, as rows[] is by slot: both run over 0..n-1
            }
        }
        tick = captureTick;
    }

    /** The tick of the snapshot this layout describes, or -1. */
    public int tick() {
        return tick;
    }

    /** The number of cells. */
    public int cellCount() {
        return cellCount;
    }

    /** True if world table {@code table} is a cell table (positioned or keyed: sent by cells). */
    public boolean cellTable(int table) {
        return starts[table] != null;
    }

    /** The rows of cell table {@code table}, cell after cell, each cell's in id order. */
    public int[] rows(int table) {
        return rows[table];
    }

    /** The first position in {@link #rows} of {@code cell}'s rows. */
    public int start(int table, int cell) {
        return starts[table][cell];
    }

    /** One past the last position in {@link #rows} of {@code cell}'s rows. */
    public int end(int table, int cell) {
        return starts[table][cell + 1];
    }

    /** The home cell of snapshot row {@code row} of cell table {@code table}, or -1 if it has none. */
    public int home(int table, int row) {
        return homes[table][row];
    }

    /** Forgets the tick (the layout is free for another capture). */
    public void clear() {
        tick = -1;
        for (int[] s : starts) {
            if (s != null) {
                Arrays.fill(s, 0);
            }
        }
    }
}
