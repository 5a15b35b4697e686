package dev.tickcast.delta;

import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

import java.util.Arrays;

/**
 * Builds what a SNAPSHOT_CELLS client shows (docs/PROTOCOL.md 10.14): the global tables, and for
 * each cell table the entities of every held cell merged in id order (a k-way merge over a binary
 * heap: a client may hold many cells). Refuses a state where an id is in two places: two held
 * cells, or a held cell and a global table (ids are unique across all tables, 10.1). Allocates only
 * to grow.
 */
final class CellMerge {
    private TableSnapshot[] sources = new TableSnapshot[16];
    private int[] pos = new int[16];
    private int[] heap = new int[16];
    private int size;
    private int duplicate;

    /** The id found twice by the last failed {@link #build}. */
    int duplicate() {
        return duplicate;
    }

    /** Fills {@code shown} from {@code state}; false if an id is in two places. */
    boolean build(CellState state, Snapshot shown) {
        shown.copyFrom(state.globals);
        for (int table = 0; table < shown.tableCount(); table++) {
            if ((state.globalMask & (1L << table)) != 0) {
                continue;
            }
            TableSnapshot t = shown.table(table);
            t.clear();
            ensure(state.count);
            for (int c = 0; c < state.count; c++) {
                sources[c] = state.cells[c].tables.table(table);
            }
            if (!merge(state.count, t)) {
                return false;
            }
        }
        ensure(shown.tableCount());
        for (int table = 0; table < shown.tableCount(); table++) {
            sources[table] = shown.table(table);
        }
        return merge(shown.tableCount(), null);
    }

    /** Merges {@code sources[0, n)} into {@code target} (null: only check that no id repeats). */
    private boolean merge(int n, TableSnapshot target) {
        size = 0;
        for (int j = 0; j < n; j++) {
            pos[j] = 0;
            if (sources[j].count() > 0) {
                heap[size++] = j;
                siftUp(size - 1);
            }
        }
        long last = -1;
        while (size > 0) {
            int j = heap[0];
            int id = sources[j].id(pos[j]);
            if (id == last) {
                duplicate = id;
                Arrays.fill(sources, 0, n, null);
                return false;
            }
            last = id;
            if (target != null) {
                CellSection.copyRow(sources[j], pos[j], target);
            }
            if (++pos[j] == sources[j].count()) {
                heap[0] = heap[--size];
            }
            siftDown(0);
        }
        Arrays.fill(sources, 0, n, null);
        return true;
    }

    private int key(int slot) {
        int j = heap[slot];
        return sources[j].id(pos[j]);
    }

    private void siftUp(int slot) {
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (key(parent) <= key(slot)) {
                return;
            }
            swap(parent, slot);
            slot = parent;
        }
    }

    private void siftDown(int slot) {
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && key(child + 1) < key(child)) {
                child++;
            }
            if (key(slot) <= key(child)) {
                return;
            }
            swap(slot, child);
            slot = child;
        }
    }

    private void swap(int a, int b) {
        int x = heap[a];
        heap[a] = heap[b];
        heap[b] = x;
    }

    private void ensure(int n) {
        if (sources.length < n) {
            int capacity = Math.max(n, sources.length * 2);
            sources = Arrays.copyOf(sources, capacity);
            pos = Arrays.copyOf(pos, capacity);
            heap = Arrays.copyOf(heap, capacity);
        }
    }
}
