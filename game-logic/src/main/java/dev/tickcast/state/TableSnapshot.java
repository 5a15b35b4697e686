package dev.tickcast.state;

import java.util.Arrays;

/**
 * The captured rows of one table: entity ids in strictly increasing order, and the quantized
 * wire value of every field, row-major ({@code vals[row * fieldCount + field]}). String fields keep
 * their value in {@code strs} at the same position (never null there; unused elsewhere). The arrays
 * are reused from capture to capture and grow only when a table outgrows them.
 */
public final class TableSnapshot {
    private final Schema schema;
    private final int fieldCount;
    private int count;
    private int[] ids;
    private int[] vals;
    private String[] strs;

    TableSnapshot(Schema schema) {
        this.schema = schema.freeze();
        this.fieldCount = schema.fieldCount();
        ids = new int[16];
        vals = new int[16 * fieldCount];
        strs = schema.hasStrings() ? new String[16 * fieldCount] : null;
    }

    /** The schema of the rows. */
    public Schema schema() {
        return schema;
    }

    /** The number of entities. */
    public int count() {
        return count;
    }

    /** The entity id at {@code row}. */
    public int id(int row) {
        return ids[row];
    }

    /** The quantized value of a non-string field. */
    public int value(int row, int field) {
        return vals[row * fieldCount + field];
    }

    /** The value of a string field. */
    public String string(int row, int field) {
        return strs[row * fieldCount + field];
    }

    /** The row of {@code id}, or -1. */
    public int rowOf(int id) {
        int row = Arrays.binarySearch(ids, 0, count, id);
        return row >= 0 ? row : -1;
    }

    /** The largest id, or -1 if empty. */
    public int maxId() {
        return count == 0 ? -1 : ids[count - 1];
    }

    void capture(Table table) {
        clear();
        int n = table.size();
        ensureCapacity(n);
        for (int row = 0; row < n; row++) {
            ids[row] = table.id(row);
            int base = row * fieldCount;
            for (int f = 0; f < fieldCount; f++) {
                if (strs != null && schema.field(f).type() == FieldType.STRING) {
                    strs[base + f] = table.stringAt(row, f);
                } else {
                    vals[base + f] = table.quantized(row, f);
                }
            }
        }
        count = n;
    }

    void copyFrom(TableSnapshot other) {
        ensureCapacity(other.count);
        count = other.count;
        System.arraycopy(other.ids, 0, ids, 0, count);
        System.arraycopy(other.vals, 0, vals, 0, count * fieldCount);
        if (strs != null) {
            System.arraycopy(other.strs, 0, strs, 0, count * fieldCount);
        }
    }

    /** Empties the table snapshot (the arrays are kept). */
    public void clear() {
        if (strs != null) {
            Arrays.fill(strs, 0, count * fieldCount, null);
        }
        count = 0;
    }

    /** Appends a row with default values and returns its row number; ids must be appended in order. */
    public int appendRow(int id) {
        ensureCapacity(count + 1);
        int row = count++;
        ids[row] = id;
        int base = row * fieldCount;
        Arrays.fill(vals, base, base + fieldCount, 0);
        if (strs != null) {
            for (int f = 0; f < fieldCount; f++) {
                strs[base + f] = schema.field(f).type() == FieldType.STRING ? "" : null;
            }
        }
        return row;
    }

    /** Sets a non-string value in a row being built. */
    public void setValue(int row, int field, int value) {
        vals[row * fieldCount + field] = value;
    }

    /** Sets a string value in a row being built. */
    public void setString(int row, int field, String value) {
        strs[row * fieldCount + field] = value;
    }

    private void ensureCapacity(int n) {
        if (n <= ids.length) {
            return;
        }
        int capacity = Math.max(n, ids.length * 2);
        ids = Arrays.copyOf(ids, capacity);
        vals = Arrays.copyOf(vals, capacity * fieldCount);
        if (strs != null) {
            strs = Arrays.copyOf(strs, capacity * fieldCount);
        }
    }

    boolean sameContent(TableSnapshot other) {
        if (count != other.count) {
            return false;
        }
        for (int row = 0; row < count; row++) {
            if (ids[row] != other.ids[row]) {
                return false;
            }
            int base = row * fieldCount;
            for (int f = 0; f < fieldCount; f++) {
                boolean str = strs != null && schema.field(f).type() == FieldType.STRING;
                if (str ? !strs[base + f].equals(other.strs[base + f]) : vals[base + f] != other.vals[base + f]) {
                    return false;
                }
            }
        }
        return true;
    }

    void describe(StringBuilder out) {
        out.append(schema.name()).append(" (").append(count).append(")\n");
        for (int row = 0; row < count; row++) {
            out.append("  #").append(ids[row]);
            for (int f = 0; f < fieldCount; f++) {
                Field field = schema.field(f);
                out.append(' ').append(field.name()).append('=');
                if (field.type() == FieldType.STRING) {
                    out.append('"').append(strs[row * fieldCount + f]).append('"');
                } else {
                    out.append(vals[row * fieldCount + f]);
                }
            }
            out.append('\n');
        }
    }
}
