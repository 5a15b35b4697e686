package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Table;

import java.util.Arrays;

/**
 * The home cells of one positioned or keyed table, and per cell its rows (a CSR layout rebuilt by a
 * stable counting sort each update, so a cell's rows come in increasing row, hence entity-id, order).
 * Homes carry over between updates by merging the last update's ids with the table's (both in
 * increasing id order): an id no longer there was removed, a new one was added.
 *
 * <p>A table covers the cell keys {@code first .. first + span - 1} (the grid's cells for a positioned
 * table, the key cells for a keyed one): its rows' slots are in those cells' order, then the rows
 * with no home cell (a key out of range, home -1); every other cell is empty (its start and end are
 * those of the nearest covered cell), so every table answers for every cell key.
 */
final class TableCells {
    private static final int INITIAL_ROWS = 64;

    private final Table table;
    private final Field x;
    private final Field y;
    private final Field key;
    private final Grid grid;
    private final double homeMarginSq;
    private final int first;
    private final int span;
    private final int[] cellStart;
    private final int[] cursor;
    private int[] ids = new int[INITIAL_ROWS];
    private int[] homes = new int[INITIAL_ROWS];
    private int[] prevIds = new int[INITIAL_ROWS];
    private int[] prevHomes = new int[INITIAL_ROWS];
    private int[] cellRows = new int[INITIAL_ROWS];
    private int size;
    private int moved;

    TableCells(PositionedTable p, Grid grid, double homeMargin) {
        this(p.table(), p.x(), p.y(), null, grid, homeMargin, 0, grid.cellCount());
    }

    TableCells(KeyedTable k, Grid grid, int keys) {
        this(k.table(), null, null, k.key(), grid, 0, grid.cellCount(), keys);
    }

    private TableCells(Table table, Field x, Field y, Field key, Grid grid, double homeMargin, int first, int span) {
        this.table = table;
        this.x = x;
        this.y = y;
        this.key = key;
        this.grid = grid;
        this.homeMarginSq = homeMargin * homeMargin;
        this.first = first;
        this.span = span;
        this.cellStart = new int[span + 2]; // one bucket per covered cell, then the homeless rows
        this.cursor = new int[span + 1];
    }

    Table table() {
        return table;
    }

    void update() {
        swap();
        int prevSize = size;
        int n = table.size();
        ensureCapacity(n);
        Arrays.fill(cellStart, 0);
        moved = 0;
        int p = 0;
        for (int row = 0; row < n; row++) {
            int id = table.id(row);
            while (p < prevSize && prevIds[p] < id) {
                p++;
            }
            boolean existed = p < prevSize && prevIds[p] == id;
            int prev = existed ? prevHomes[p] : -1;
            int home = key != null ? keyHome(row)
                    : home(prev, grid.clampX(table.getFloat(row, x)), grid.clampY(table.getFloat(row, y)));
            moved += existed && prev != home ? 1 : 0;
            ids[row] = id;
            homes[row] = home;
            cellStart[bucket(home) + 1]++;
        }
        size = n;
        sortRowsByCell();
    }

    private int home(int prev, double px, double py) {
        if (prev >= 0 && grid.distanceSq(prev, px, py, 0, 0) <= homeMarginSq) {
            return prev;
        }
        return grid.cellOf(px, py);
    }

    private int keyHome(int row) {
        int k = table.getInt(row, key);
        return k >= 0 && k < span ? first + k : -1;
    }

    private int bucket(int home) {
        return home < 0 ? span : home - first;
    }

    private void sortRowsByCell() {
        int cells = cursor.length;
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
            cursor[c] = cellStart[c];
        }
        for (int row = 0; row < size; row++) {
            cellRows[cursor[bucket(homes[row])]++] = row;
        }
    }

    private void swap() {
        int[] t = prevIds;
        prevIds = ids;
        ids = t;
        t = prevHomes;
        prevHomes = homes;
        homes = t;
    }

    private void ensureCapacity(int n) {
        if (n > ids.length) {
            int capacity = Math.max(n, ids.length * 2);
            ids = new int[capacity];
            homes = new int[capacity];
            cellRows = new int[capacity];
            prevIds = Arrays.copyOf(prevIds, capacity);
            prevHomes = Arrays.copyOf(prevHomes, capacity);
        }
    }

    int size() {
        return size;
    }

    int moved() {
        return moved;
    }

    int home(int row) {
        return homes[row];
    }

    int id(int row) {
        return ids[row];
    }

    int start(int cell) {
        int c = cell - first;
        return c <= 0 ? 0 : cellStart[Math.min(c, span)];
    }

    int end(int cell) {
        int c = cell - first;
        return c < 0 ? 0 : cellStart[Math.min(c + 1, span)];
    }

    int rowAt(int slot) {
        return cellRows[slot];
    }
}
