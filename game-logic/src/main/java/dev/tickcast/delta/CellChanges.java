package dev.tickcast.delta;

import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

import java.util.Arrays;

/**
 * The last broadcast tick at which each cell's content (its entities of every cell table and their
 * shared values) differed from the broadcast before. A player whose baseline is at or after that
 * tick gets no chunk for the cell: it keeps the cell as it is (docs/PROTOCOL.md 10.10, kept cells).
 * One pass over the entities per broadcast.
 */
final class CellChanges {
    private final int[] lastChange;
    private final CellFormat format;

    CellChanges(int cellCount, CellFormat format) {
        this.lastChange = new int[cellCount];
        this.format = format;
    }

    /** Compares {@code t} with the previous broadcast {@code p} (null: every cell changed). */
    void update(Snapshot t, CellLayout lt, Snapshot p, CellLayout lp) {
        if (p == null || lp == null) {
            Arrays.fill(lastChange, t.tick());
            return;
        }
        for (int c = 0; c < lastChange.length; c++) {
            if (differs(c, t, lt, p, lp)) {
                lastChange[c] = t.tick();
            }
        }
    }

    /** True if {@code cell} changed after {@code tick}. */
    boolean changedAfter(int cell, int tick) {
        return lastChange[cell] > tick;
    }

    private boolean differs(int cell, Snapshot t, CellLayout lt, Snapshot p, CellLayout lp) {
        for (int i = 0; i < t.tableCount(); i++) {
            if (!lt.cellTable(i)) {
                continue;
            }
            int a = lt.start(i, cell);
            int n = lt.end(i, cell) - a;
            int b = lp.start(i, cell);
            if (lp.end(i, cell) - b != n) {
                return true;
            }
            int[] ra = lt.rows(i);
            int[] rb = lp.rows(i);
            TableSnapshot ta = t.table(i);
            TableSnapshot tb = p.table(i);
            for (int k = 0; k < n; k++) {
                if (!same(ta, ra[a + k], tb, rb[b + k], format.hidden(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean same(TableSnapshot a, int ra, TableSnapshot b, int rb, int hidden) {
        if (a.id(ra) != b.id(rb)) {
            return false;
        }
        int n = a.schema().fieldCount();
        for (int f = 0; f < n; f++) {
            if ((hidden & (1 << f)) != 0) {
                continue;
            }
            boolean same = a.schema().field(f).type() == FieldType.STRING
                    ? a.string(ra, f).equals(b.string(rb, f)) : a.value(ra, f) == b.value(rb, f);
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
