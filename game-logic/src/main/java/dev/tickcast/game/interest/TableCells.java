package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Table;

import java.util.Arrays;

/**
 * The home cells of one positioned table, and per cell its rows (a CSR layout rebuilt by a stable
 * counting sort each update, so a cell's rows come in increasing row, hence entity-id, order).
 * Homes carry over between updates by merging the last update's ids with the table's (both in
 * increasing id order): an id no longer there was removed, a new one was added.
 */
final class TableCells {
    private static final int INITIAL_ROWS = 64;

    private final Table table;
    private final Field x;
    private final Field y;
    private final Grid grid;
    private final double homeMarginSq;
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
        this.table = p.table();
        this.x = p.x();
        this.y = p.y();
        this.grid = grid;
        this.homeMarginSq = homeMargin * homeMargin;
        this.cellStart = new int[grid.cellCount() + 1];
        this.cursor = new int[grid.cellCount()];
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
            int prev = p < prevSize && prevIds[p] == id ? prevHomes[p] : -1;
            int home = home(prev, grid.clampX(table.getFloat(row, x)), grid.clampY(table.getFloat(row, y)));
            moved += prev >= 0 && prev != home ? 1 : 0;
            ids[row] = id;
            homes[row] = home;
            cellStart[home + 1]++;
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

    private void sortRowsByCell() {
        int cells = cursor.length;
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
            cursor[c] = cellStart[c];
        }
        for (int row = 0; row < size; row++) {
            cellRows[cursor[homes[row]]++] = row;
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
        return cellStart[cell];
    }

    int end(int cell) {
        return cellStart[cell + 1];
    }

    int rowAt(int slot) {
        return cellRows[slot];
    }
}
