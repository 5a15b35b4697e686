package dev.tickcast.state;

/**
 * One typed, named field of a {@link Schema}: a handle the game uses to read and write table
 * cells, and the codec uses to know how to send the value. Immutable.
 */
public final class Field {
    private final Schema schema;
    private final String name;
    private final FieldType type;
    private final int index;
    private final int scale;
    private final boolean linear;

    Field(Schema schema, String name, FieldType type, int index, int scale, boolean linear) {
        this.schema = schema;
        this.name = name;
        this.type = type;
        this.index = index;
        this.scale = scale;
        this.linear = linear;
    }

    /** The schema that declares this field. */
    public Schema schema() {
        return schema;
    }

    /** The field name, unique in its schema. */
    public String name() {
        return name;
    }

    /** The value type. */
    public FieldType type() {
        return type;
    }

    /** The position in the schema, 0-based; also the bit of the field in a change mask. */
    public int index() {
        return index;
    }

    /** Quanta per unit for {@link FieldType#QFLOAT} (precision = 1 / scale); 1 for other types. */
    public int scale() {
        return scale;
    }

    /**
     * True if the codec predicts this field linearly from the two previous snapshots (values that
     * move steadily, like positions); false if it predicts "unchanged" (scores, counters).
     */
    public boolean linear() {
        return linear;
    }

    boolean numeric() {
        return type == FieldType.INT || type == FieldType.QFLOAT;
    }

    @Override
    public String toString() {
        return schema.name() + "." + name;
    }
}
