package dev.tickcast.delta;

import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.TableSnapshot;

import java.util.Arrays;

/**
 * Writes one table section of SNAPSHOT_CELLS: a global table's (docs/PROTOCOL.md 10.12, the 10.4
 * layout) or a cell table's in one chunk (10.11: removed and changed entities by position in the
 * base, added ids from -1, added values against the previous added entity). The rows of each side
 * are a list of rows of a {@link TableSnapshot} in id order ({@code rows == null}: rows
 * {@code from..to-1} themselves). Owner-only fields ({@code hidden}, a mask) read as their
 * default. One per encoder; allocation-free after warm-up but for strings written.
 */
final class SectionWriter {
    private final BitWriter bits;
    private int[] removed = new int[64];
    private int[] changedRow = new int[64];
    private int[] changedBaseRow = new int[64];
    private int[] changedPredRow = new int[64];
    private int[] changedMask = new int[64];
    private int[] changedPos = new int[64];
    private int[] added = new int[64];
    private int removedCount;
    private int changedCount;
    private int addedCount;
    private int[] refValues = new int[32];
    private final String[] refStrings = new String[32];

    SectionWriter(BitWriter bits) {
        this.bits = bits;
    }

    /** One side of a section: rows of a table snapshot in id order (absent: an empty side). */
    static final class Side {
        TableSnapshot table;
        int[] rows;
        int from;
        int to;

        Side set(TableSnapshot t, int[] r, int f, int e) {
            table = t;
            rows = r;
            from = f;
            to = e;
            return this;
        }

        Side all(TableSnapshot t) {
            return set(t, null, 0, t == null ? 0 : t.count());
        }

        Side none() {
            return set(null, null, 0, 0);
        }

        int size() {
            return table == null ? 0 : to - from;
        }

        int row(int k) {
            return rows == null ? from + k : rows[from + k];
        }

        int id(int k) {
            return table.id(row(k));
        }
    }

    /**
     * Writes the section of {@code t} against {@code b} and {@code p} (absent: no predictor). A cell
     * section starts with one bit: 0 for the empty section (nothing else follows), 1 for a section.
     */
    void write(boolean cell, int hidden, Side t, Side b, Side p) {
        classify(cell, hidden, t, b, p);
        if (cell) {
            bits.writeBit(!wroteNothing());
            if (wroteNothing()) {
                return;
            }
        }
        int prev = -1;
        bits.writeU(removedCount);
        for (int k = 0; k < removedCount; k++) {
            bits.writeU(removed[k] - prev - 1);
            prev = removed[k];
        }
        writeChanged(cell, hidden, t.table, b.table, p.table);
        bits.writeU(addedCount);
        prev = cell || b.size() == 0 ? -1 : b.id(b.size() - 1);
        resetRef(t.table.schema(), cell && b.size() > 0 ? b : null, hidden);
        for (int k = 0; k < addedCount; k++) {
            int row = added[k];
            int id = t.table.id(row);
            bits.writeU(id - prev - 1);
            prev = id;
            writeAdded(cell, hidden, t.table, row);
        }
    }

    private void classify(boolean cell, int hidden, Side t, Side b, Side p) {
        removedCount = 0;
        changedCount = 0;
        addedCount = 0;
        int i = 0;
        int j = 0;
        int k = 0;
        int bn = b.size();
        int tn = t.size();
        int pn = p.size();
        while (i < bn || j < tn) {
            int bid = i < bn ? b.id(i) : Integer.MAX_VALUE;
            int tid = j < tn ? t.id(j) : Integer.MAX_VALUE;
            if (bid < tid) {
                pushRemoved(cell ? i : bid);
                i++;
            } else if (tid < bid) {
                pushAdded(t.row(j));
                j++;
            } else {
                while (k < pn && p.id(k) < tid) {
                    k++;
                }
                int predRow = k < pn && p.id(k) == tid ? p.row(k) : -1;
                int mask = changeMask(hidden, t.table, t.row(j), b.table, b.row(i), p.table, predRow);
                if (mask != 0) {
                    pushChanged(t.row(j), b.row(i), predRow, mask, cell ? i : tid);
                }
                i++;
                j++;
            }
        }
    }

    private static int changeMask(int hidden, TableSnapshot t, int row, TableSnapshot b, int baseRow, TableSnapshot p, int predRow) {
        Schema schema = t.schema();
        int mask = 0;
        for (int f = 0; f < schema.fieldCount(); f++) {
            if ((hidden & (1 << f)) != 0) {
                continue;
            }
            Field field = schema.field(f);
            boolean changed;
            if (field.type() == FieldType.STRING) {
                changed = !t.string(row, f).equals(b.string(baseRow, f));
            } else {
                changed = t.value(row, f) != DeltaEncoder.predicted(field, b, baseRow, p, predRow);
            }
            if (changed) {
                mask |= 1 << f;
            }
        }
        return mask;
    }

    private void writeChanged(boolean cell, int hidden, TableSnapshot t, TableSnapshot b, TableSnapshot p) {
        bits.writeU(changedCount);
        if (changedCount == 0) {
            return;
        }
        Schema schema = t.schema();
        int prev = -1;
        int prevMask = 0;
        for (int k = 0; k < changedCount; k++) {
            int row = changedRow[k];
            int mask = changedMask[k];
            bits.writeU(changedPos[k] - prev - 1);
            prev = changedPos[k];
            DeltaEncoder.writeChange(bits, mask, mask == prevMask, t, row, b, changedBaseRow[k], p, changedPredRow[k]);
            prevMask = mask;
        }
    }

    /** 10.11: the first added entity of a cell section is coded against the first entity of the base, if any. */
    private void resetRef(Schema schema, Side first, int hidden) {
        if (refValues.length < schema.fieldCount()) {
            refValues = new int[schema.fieldCount()];
        }
        Arrays.fill(refValues, 0);
        Arrays.fill(refStrings, "");
        if (first == null) {
            return;
        }
        int row = first.row(0);
        for (int f = 0; f < schema.fieldCount(); f++) {
            if (schema.field(f).type() == FieldType.STRING) {
                refStrings[f] = string(hidden, first.table, row, f);
            } else {
                refValues[f] = value(hidden, first.table, row, f);
            }
        }
    }

    /** 10.4: mask of non-default fields and the values; 10.11 (cell): mask and values against the previous added entity. */
    private void writeAdded(boolean cell, int hidden, TableSnapshot t, int row) {
        Schema schema = t.schema();
        int n = schema.fieldCount();
        int mask = 0;
        for (int f = 0; f < n; f++) {
            boolean differs;
            if (schema.field(f).type() == FieldType.STRING) {
                differs = !string(hidden, t, row, f).equals(refStrings[f]);
            } else {
                differs = value(hidden, t, row, f) != refValues[f];
            }
            if (differs) {
                mask |= 1 << f;
            }
        }
        bits.write(mask, n);
        for (int f = 0; f < n; f++) {
            FieldType type = schema.field(f).type();
            if ((mask & (1 << f)) != 0) {
                if (type == FieldType.STRING) {
                    bits.writeString(string(hidden, t, row, f));
                } else if (type != FieldType.BOOL) {
                    bits.writeS(value(hidden, t, row, f) - refValues[f]);
                }
            }
            if (cell) {
                if (type == FieldType.STRING) {
                    refStrings[f] = string(hidden, t, row, f);
                } else {
                    refValues[f] = value(hidden, t, row, f);
                }
            }
        }
    }

    private static int value(int hidden, TableSnapshot t, int row, int f) {
        return (hidden & (1 << f)) != 0 ? 0 : t.value(row, f);
    }

    private static String string(int hidden, TableSnapshot t, int row, int f) {
        return (hidden & (1 << f)) != 0 ? "" : t.string(row, f);
    }

    private void pushRemoved(int code) {
        if (removedCount == removed.length) {
            removed = Arrays.copyOf(removed, removedCount * 2);
        }
        removed[removedCount++] = code;
    }

    private void pushAdded(int row) {
        if (addedCount == added.length) {
            added = Arrays.copyOf(added, addedCount * 2);
        }
        added[addedCount++] = row;
    }

    private void pushChanged(int row, int baseRow, int predRow, int mask, int code) {
        if (changedCount == changedRow.length) {
            int n = changedCount * 2;
            changedRow = Arrays.copyOf(changedRow, n);
            changedBaseRow = Arrays.copyOf(changedBaseRow, n);
            changedPredRow = Arrays.copyOf(changedPredRow, n);
            changedMask = Arrays.copyOf(changedMask, n);
            changedPos = Arrays.copyOf(changedPos, n);
        }
        changedRow[changedCount] = row;
        changedBaseRow[changedCount] = baseRow;
        changedPredRow[changedCount] = predRow;
        changedMask[changedCount] = mask;
        changedPos[changedCount] = code;
        changedCount++;
    }

    /** True if the last {@link #write} wrote no removed, changed or added entity. */
    boolean wroteNothing() {
        return removedCount == 0 && changedCount == 0 && addedCount == 0;
    }
}
