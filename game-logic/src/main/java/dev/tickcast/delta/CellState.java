package dev.tickcast.delta;

import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;

import java.util.Arrays;
import java.util.List;

/**
 * One client state of a SNAPSHOT_CELLS stream (docs/PROTOCOL.md 10.10): its tick, its global tables
 * and its held cells in increasing key order. A cell's entities are built once and then never
 * changed, so a kept cell without a chunk is the same {@link Cell} object in the next state: cells
 * are shared between states and counted by references, and go back to the {@link Pool} when no
 * state holds them.
 */
final class CellState {
    /** The entities of one held cell: a snapshot whose cell tables are filled (global tables stay empty). */
    static final class Cell {
        final Snapshot tables;
        int refs;

        Cell(List<Schema> schemas) {
            tables = new Snapshot(schemas);
        }
    }

    /** Free cells, reused before allocating. */
    static final class Pool {
        private final List<Schema> schemas;
        private Cell[] free = new Cell[16];
        private int count;

        Pool(List<Schema> schemas) {
            this.schemas = schemas;
        }

        Cell take() {
            return count == 0 ? new Cell(schemas) : free[--count];
        }

        void give(Cell cell) {
            if (count == free.length) {
                free = Arrays.copyOf(free, count * 2);
            }
            free[count++] = cell;
        }
    }

    int tick = Snapshot.NO_TICK;
    long globalMask;
    final Snapshot globals;
    int count;
    int[] keys = new int[16];
    Cell[] cells = new Cell[16];

    CellState(List<Schema> schemas) {
        globals = new Snapshot(schemas);
    }

    /** Holds {@code cell} under {@code key}, which must be above every key held. */
    void add(int key, Cell cell) {
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            cells = Arrays.copyOf(cells, count * 2);
        }
        keys[count] = key;
        cells[count] = cell;
        cell.refs++;
        count++;
    }

    /** The index of the held cell {@code key}, or a negative number. */
    int indexOf(int key) {
        return Arrays.binarySearch(keys, 0, count, key);
    }

    /** The held cell {@code key}, or null. */
    Cell cell(int key) {
        int i = indexOf(key);
        return i >= 0 ? cells[i] : null;
    }

    /** Holds nothing any more: cells no other state holds go back to {@code pool}. */
    void clear(Pool pool) {
        for (int i = 0; i < count; i++) {
            if (--cells[i].refs == 0) {
                pool.give(cells[i]);
            }
            cells[i] = null;
        }
        count = 0;
        tick = Snapshot.NO_TICK;
    }
}
