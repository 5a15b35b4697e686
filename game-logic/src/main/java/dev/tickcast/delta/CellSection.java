package dev.tickcast.delta;

import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

import java.util.Arrays;
import java.util.List;

/**
 * Reads one table section of a SNAPSHOT_CELLS message: a global one (docs/PROTOCOL.md 10.4: entities
 * named by id, added ids from the base's largest, added values absolute) or a cell one (10.11: removed
 * and changed entities named by their position in the base, added ids from -1, added values against
 * the previous added entity, merged in by id). Prediction and changes are those of 10.5 and 10.6.
 * Returns false on malformed input; the caller then discards the target.
 */
final class CellSection {
    private static final int MAX_ADDED = 1 << 20;

    private final BitReader bits;
    private final Snapshot added;
    private final Snapshot spare;
    private int[] removed = new int[64];
    private String error;

    CellSection(BitReader bits, List<Schema> schemas) {
        this.bits = bits;
        added = new Snapshot(schemas);
        spare = new Snapshot(schemas);
    }

    /** Why the last section failed. */
    String error() {
        return bits.failed() ? "truncated or bad code: " + error : error;
    }

    private boolean fail(String why) {
        error = why;
        return false;
    }

    /** A 10.4 section of a global table into {@code t}; {@code b} and {@code p} may be null. */
    boolean global(TableSnapshot b, TableSnapshot p, TableSnapshot t) {
        return removedAndChanged(b, p, t, false, true) && readAdded(b == null ? -1 : b.maxId(), null, t, false, true);
    }

    /** A 10.11 section of cell table {@code table} into {@code t}; {@code b} and {@code p} may be null. */
    boolean cell(int table, TableSnapshot b, TableSnapshot p, TableSnapshot t) {
        TableSnapshot a = added.table(table);
        boolean present = bits.readBit();
        if (bits.failed()) {
            return fail("cut before the section bit");
        }
        if (!removedAndChanged(b, p, t, true, present) || !readAdded(-1, b, a, true, present)) {
            return false;
        }
        mergeAdded(t, a, spare.table(table));
        return true;
    }

    private boolean removedAndChanged(TableSnapshot b, TableSnapshot p, TableSnapshot t, boolean byPosition, boolean present) {
        t.clear();
        int bCount = b == null ? 0 : b.count();
        error = null;
        int removedCount = present ? bits.readU() : 0;
        if (bits.failed() || removedCount > bCount || !readRemoved(removedCount)) {
            return fail("removedCount " + removedCount + " of " + bCount);
        }
        int changedCount = present ? bits.readU() : 0;
        if (bits.failed() || changedCount > bCount - removedCount) {
            return fail("changedCount " + changedCount + " of " + bCount + " with " + removedCount + " removed");
        }
        return bCount == 0 || mergeBase(b, p, t, removedCount, changedCount, byPosition);
    }

    private boolean readRemoved(int count) {
        if (removed.length < count) {
            removed = Arrays.copyOf(removed, Math.max(count, removed.length * 2));
        }
        long prev = -1;
        for (int k = 0; k < count; k++) {
            long key = prev + 1 + bits.readU();
            if (key > Integer.MAX_VALUE) {
                return false;
            }
            removed[k] = (int) key;
            prev = key;
        }
        return !bits.failed();
    }

    /** The base entities that stay, predicted, with their changes; a removed or changed name must be in the base. */
    private boolean mergeBase(TableSnapshot b, TableSnapshot p, TableSnapshot t, int removedCount, int changedCount,
                              boolean byPosition) {
        Schema schema = t.schema();
        int ri = 0;
        int ci = 0;
        long nextChanged = changedCount > 0 ? bits.readU() : Long.MAX_VALUE;
        int mask = 0;
        int k = 0;
        for (int i = 0; i < b.count(); i++) {
            int id = b.id(i);
            int name = byPosition ? i : id;
            if (ri < removedCount && removed[ri] == name) {
                ri++;
                continue;
            }
            if ((ri < removedCount && removed[ri] < name) || nextChanged < name) {
                return fail("removed and changed, or not in the base, before " + name);
            }
            int predRow = -1;
            if (p != null) {
                while (k < p.count() && p.id(k) < id) {
                    k++;
                }
                predRow = k < p.count() && p.id(k) == id ? k : -1;
            }
            int row = t.appendRow(id);
            DeltaDecoder.copyPredicted(schema, b, i, p, predRow, t, row);
            if (nextChanged == name) {
                mask = bits.readBit() ? mask : (int) bits.read(schema.fieldCount());
                if (!DeltaDecoder.applyChange(bits, schema, mask, t, row)) {
                    return fail("change of " + name + " with mask " + mask);
                }
                ci++;
                nextChanged = ci < changedCount ? name + 1L + bits.readU() : Long.MAX_VALUE;
            }
            if (bits.failed()) {
                return fail("change of " + name);
            }
        }
        return ri == removedCount && ci == changedCount || fail("a removed or changed entity not in the base");
    }

    /**
     * The added list into {@code t} (appended). Global: ids from {@code prevId}, values absolute. Cell
     * ({@code relative}): ids from -1 and not in {@code b}, values against the previous added entity.
     */
    private boolean readAdded(int prevId, TableSnapshot b, TableSnapshot t, boolean relative, boolean present) {
        if (relative) {
            t.clear();
        }
        int count = present ? bits.readU() : 0;
        if (count > MAX_ADDED || bits.failed()) {
            return fail("addedCount " + count);
        }
        Schema schema = t.schema();
        long prev = prevId;
        for (int k = 0; k < count; k++) {
            long id = prev + 1 + bits.readU();
            if (id > Integer.MAX_VALUE || bits.failed() || (t.count() > 0 && id <= t.id(t.count() - 1))
                    || (b != null && b.rowOf((int) id) >= 0)) {
                return fail("added id " + id + " (in the base, or not above the last)");
            }
            prev = id;
            int row = t.appendRow((int) id);
            // 10.11: the previous added entity, the first of the base for the first one, else the defaults
            TableSnapshot refTable = !relative ? null : row > 0 ? t : b != null && b.count() > 0 ? b : null;
            int ref = refTable == null ? -1 : row > 0 ? row - 1 : 0;
            int mask = (int) bits.read(schema.fieldCount());
            for (int f = 0; f < schema.fieldCount(); f++) {
                readAddedValue(schema.field(f).type(), (mask & (1 << f)) != 0, t, refTable, ref, row, f);
            }
            if (bits.failed()) {
                return fail("added #" + id);
            }
        }
        return true;
    }

    /** One field of an added entity: row {@code ref} of {@code r} is what it is coded against, -1 for the defaults. */
    private void readAddedValue(FieldType type, boolean set, TableSnapshot t, TableSnapshot r, int ref, int row, int f) {
        if (type == FieldType.STRING) {
            t.setString(row, f, set ? bits.readString(DeltaDecoder.MAX_STRING_BYTES) : ref < 0 ? "" : r.string(ref, f));
            return;
        }
        int refValue = ref < 0 ? 0 : r.value(ref, f);
        if (!set) {
            t.setValue(row, f, refValue);
        } else if (type == FieldType.BOOL) {
            t.setValue(row, f, refValue ^ 1);
        } else {
            t.setValue(row, f, refValue + bits.readS());
        }
    }

    /** Merges the added entities {@code a} into {@code t} by id ({@code tmp} is scratch). */
    private static void mergeAdded(TableSnapshot t, TableSnapshot a, TableSnapshot tmp) {
        if (a.count() == 0) {
            return;
        }
        if (a.id(0) > t.maxId()) {
            for (int j = 0; j < a.count(); j++) {
                copyRow(a, j, t);
            }
            return;
        }
        tmp.clear();
        for (int i = 0; i < t.count(); i++) {
            copyRow(t, i, tmp);
        }
        t.clear();
        int i = 0;
        int j = 0;
        while (i < tmp.count() || j < a.count()) {
            if (j == a.count() || (i < tmp.count() && tmp.id(i) < a.id(j))) {
                copyRow(tmp, i++, t);
            } else {
                copyRow(a, j++, t);
            }
        }
    }

    static void copyRow(TableSnapshot from, int fromRow, TableSnapshot to) {
        Schema schema = from.schema();
        int row = to.appendRow(from.id(fromRow));
        for (int f = 0; f < schema.fieldCount(); f++) {
            if (schema.field(f).type() == FieldType.STRING) {
                to.setString(row, f, from.string(fromRow, f));
            } else {
                to.setValue(row, f, from.value(fromRow, f));
            }
        }
    }
}
