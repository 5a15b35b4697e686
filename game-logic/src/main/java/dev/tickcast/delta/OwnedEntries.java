package dev.tickcast.delta;

import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

import java.util.Arrays;
import java.util.List;

/**
 * The owned entries of one SNAPSHOT_CELLS message (docs/PROTOCOL.md 10.13): read with the client
 * part, applied to what is shown once the state is built (they never enter the state). Allocates
 * only to grow, and strings.
 */
final class OwnedEntries {
    private final List<Schema> schemas;
    private int count;
    private int[] tables = new int[8];
    private int[] ids = new int[8];
    private int[] masks = new int[8];
    private int[] starts = new int[8];
    private int[] values = new int[64];
    private String[] strings = new String[64];
    private int slots;
    private int failedIndex;

    OwnedEntries(List<Schema> schemas) {
        this.schemas = schemas;
    }

    /** Reads {@code U(ownedCount)} and the entries; at most {@code maxCount} (bounded before allocating). */
    boolean read(BitReader bits, long maxCount, int body) {
        Arrays.fill(strings, 0, slots, null);
        count = 0;
        slots = 0;
        int n = bits.readU();
        if (bits.failed() || n > maxCount) {
            return false;
        }
        for (int e = 0; e < n; e++) {
            int slot = slots;
            int table = bits.readU();
            long id = (long) body + bits.readS();
            if (bits.failed() || table >= schemas.size() || id < 0 || id > Integer.MAX_VALUE) {
                return false;
            }
            Schema schema = schemas.get(table);
            int fields = schema.fieldCount();
            grow(e + 1, slot + fields);
            slots += fields;
            tables[e] = table;
            ids[e] = (int) id;
            masks[e] = (int) bits.read(fields);
            starts[e] = slot;
            for (int f = 0; f < fields; f++) {
                if ((masks[e] & (1 << f)) != 0) {
                    readValue(bits, schema.field(f).type(), slot + f);
                }
            }
            if (bits.failed()) {
                return false;
            }
            count = e + 1;
        }
        return true;
    }

    private void readValue(BitReader bits, FieldType type, int slot) {
        if (type == FieldType.STRING) {
            strings[slot] = bits.readString(DeltaDecoder.MAX_STRING_BYTES);
        } else if (type == FieldType.BOOL) {
            values[slot] = bits.readBit() ? 1 : 0;
        } else {
            values[slot] = bits.readS();
        }
    }

    /** Sets the carried fields in {@code shown}; false if an entry names an entity not there. */
    boolean apply(Snapshot shown) {
        for (int e = 0; e < count; e++) {
            TableSnapshot t = shown.table(tables[e]);
            int row = t.rowOf(ids[e]);
            if (row < 0) {
                failedIndex = e;
                return false;
            }
            Schema schema = t.schema();
            for (int f = 0; f < schema.fieldCount(); f++) {
                if ((masks[e] & (1 << f)) == 0) {
                    continue;
                }
                if (schema.field(f).type() == FieldType.STRING) {
                    t.setString(row, f, strings[starts[e] + f]);
                } else {
                    t.setValue(row, f, values[starts[e] + f]);
                }
            }
        }
        return true;
    }

    /** What the entry that failed {@link #apply} names, for the failure reason. */
    String failed() {
        return "owned entry for " + schemas.get(tables[failedIndex]).name() + " #" + ids[failedIndex] + ", not held";
    }

    private void grow(int entries, int slotCount) {
        if (tables.length < entries) {
            int n = Math.max(entries, tables.length * 2);
            tables = Arrays.copyOf(tables, n);
            ids = Arrays.copyOf(ids, n);
            masks = Arrays.copyOf(masks, n);
            starts = Arrays.copyOf(starts, n);
        }
        if (values.length < slotCount) {
            int n = Math.max(slotCount, values.length * 2);
            values = Arrays.copyOf(values, n);
            strings = Arrays.copyOf(strings, n);
        }
    }
}
