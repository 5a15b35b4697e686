package dev.tickcast.state;

import java.util.Arrays;

/**
 * Engine-owned storage for the entities of one {@link Schema}: struct-of-arrays columns, rows kept
 * in increasing entity-id order. New entities take a fresh id from the {@link World}, larger than
 * every id before it, so {@link #addRow()} appends; {@link #remove(int)} shifts the rows after it.
 * Find a row with {@link #rowOf(int)} (binary search) and do not keep row numbers across an add or
 * remove. Floats are stored unquantized; the codec quantizes at capture time.
 *
 * <p>Owned by the room's thread, like the rest of the {@link World}.
 */
public final class Table {
    /** The longest string value a field may hold, in UTF-8 bytes: Protocol.MAX_STRING_BYTES (TableTest checks). */
    public static final int MAX_STRING_BYTES = 1024;
    private static final int SAFE_STRING_CHARS = MAX_STRING_BYTES / 3;
    private static final int INITIAL_CAPACITY = 16;

    private final World world;
    private final Schema schema;
    private final int index;
    private final int[][] cols;
    private final String[][] strCols;
    private int[] ids = new int[INITIAL_CAPACITY];
    private int size;

    Table(World world, Schema schema, int index) {
        this.world = world;
        this.schema = schema.freeze();
        this.index = index;
        int n = schema.fieldCount();
        cols = new int[n][];
        strCols = new String[n][];
        for (int f = 0; f < n; f++) {
            if (schema.field(f).type() == FieldType.STRING) {
                strCols[f] = new String[INITIAL_CAPACITY];
                Arrays.fill(strCols[f], "");
            } else {
                cols[f] = new int[INITIAL_CAPACITY];
            }
        }
    }

    /** The schema of this table's entities. */
    public Schema schema() {
        return schema;
    }

    /** The position of this table in its world (and in every snapshot and schema message). */
    public int index() {
        return index;
    }

    /** The number of entities. */
    public int size() {
        return size;
    }

    /** The entity id at {@code row}. */
    public int id(int row) {
        return ids[row];
    }

    /**
     * Adds an entity with every field at its default (0, false, ""); returns its row, where the
     * caller sets its fields ({@link #id(int)} of that row is the new entity's id). A new entity's id
     * is larger than every other, so its row is always the last one.
     */
    public int addRow() {
        if (size == ids.length) {
            grow();
        }
        int id = world.nextId();
        ids[size] = id;
        for (int f = 0; f < cols.length; f++) {
            if (cols[f] != null) {
                cols[f][size] = 0;
            } else {
                strCols[f][size] = "";
            }
        }
        size++;
        return size - 1;
    }

    /** Removes the entity; returns false if no such entity is in this table. */
    public boolean remove(int id) {
        int row = rowOf(id);
        if (row < 0) {
            return false;
        }
        int tail = size - row - 1;
        System.arraycopy(ids, row + 1, ids, row, tail);
        for (int f = 0; f < cols.length; f++) {
            if (cols[f] != null) {
                System.arraycopy(cols[f], row + 1, cols[f], row, tail);
            } else {
                System.arraycopy(strCols[f], row + 1, strCols[f], row, tail);
                strCols[f][size - 1] = "";
            }
        }
        size--;
        return true;
    }

    /** Removes every entity. */
    public void clear() {
        while (size > 0) {
            remove(ids[size - 1]);
        }
    }

    /** The row of entity {@code id}, or -1 if it is not in this table. */
    public int rowOf(int id) {
        int row = Arrays.binarySearch(ids, 0, size, id);
        return row >= 0 ? row : -1;
    }

    /** Reads an INT field. */
    public int getInt(int row, Field field) {
        return cols[check(field, FieldType.INT)][row];
    }

    /** Writes an INT field. */
    public void setInt(int row, Field field, int value) {
        cols[check(field, FieldType.INT)][row] = value;
    }

    /** Reads a BOOL field. */
    public boolean getBool(int row, Field field) {
        return cols[check(field, FieldType.BOOL)][row] != 0;
    }

    /** Writes a BOOL field. */
    public void setBool(int row, Field field, boolean value) {
        cols[check(field, FieldType.BOOL)][row] = value ? 1 : 0;
    }

    /** Reads a QFLOAT field at full float precision. */
    public float getFloat(int row, Field field) {
        return Float.intBitsToFloat(cols[check(field, FieldType.QFLOAT)][row]);
    }

    /** Writes a QFLOAT field; the value is quantized only when a snapshot is captured. */
    public void setFloat(int row, Field field, float value) {
        cols[check(field, FieldType.QFLOAT)][row] = Float.floatToRawIntBits(value);
    }

    /** Reads a STRING field (never null). */
    public String getString(int row, Field field) {
        return strCols[check(field, FieldType.STRING)][row];
    }

    /**
     * Writes a STRING field; null is stored as "". A value over {@link #MAX_STRING_BYTES} UTF-8 bytes
     * is a bug in the game and throws IllegalArgumentException.
     */
    public void setString(int row, Field field, String value) {
        String v = value == null ? "" : value;
        if (v.length() > SAFE_STRING_CHARS
                && v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(field + ": string over " + MAX_STRING_BYTES + " UTF-8 bytes");
        }
        strCols[check(field, FieldType.STRING)][row] = v;
    }

    /** The quantized wire value of a non-string field: what a snapshot records. */
    int quantized(int row, int field) {
        Field f = schema.field(field);
        int raw = cols[field][row];
        return f.type() == FieldType.QFLOAT ? Math.round(Float.intBitsToFloat(raw) * f.scale()) : raw;
    }

    String stringAt(int row, int field) {
        return strCols[field][row];
    }

    private int check(Field field, FieldType type) {
        if (field.schema() != schema || field.type() != type) {
            throw new IllegalArgumentException(field + " is not a " + type + " field of " + schema.name());
        }
        return field.index();
    }

    private void grow() {
        int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        for (int f = 0; f < cols.length; f++) {
            if (cols[f] != null) {
                cols[f] = Arrays.copyOf(cols[f], capacity);
            } else {
                strCols[f] = Arrays.copyOf(strCols[f], capacity);
                Arrays.fill(strCols[f], size, capacity, "");
            }
        }
    }
}
