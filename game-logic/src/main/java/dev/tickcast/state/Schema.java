package dev.tickcast.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An entity type: an ordered table of typed fields (Quake's {@code netField_t}). Declare the fields
 * that change most often first. A schema is open for new fields until a {@link World} or a
 * snapshot uses it, then frozen. At most {@link #MAX_FIELDS} fields, so a change mask fits an int.
 *
 * <pre>{@code
 * static final Schema NPC = new Schema("npc");
 * static final Field X = NPC.qfloat("x", 0.1f, true);
 * static final Field SCORE = NPC.intField("score", false);
 * }</pre>
 */
public final class Schema {
    /** The largest number of fields in one schema. */
    public static final int MAX_FIELDS = 32;
    /** The longest schema or field name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 64;

    private final String name;
    private final List<Field> fields = new ArrayList<>();
    private boolean frozen;
    private int stringFieldCount;

    /** Creates an empty, open schema. */
    public Schema(String name) {
        checkName(name);
        this.name = name;
    }

    /** The entity type name. */
    public String name() {
        return name;
    }

    /** The fields in declaration (wire) order. */
    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The number of fields. */
    public int fieldCount() {
        return fields.size();
    }

    /** The field at {@code index}. */
    public Field field(int index) {
        return fields.get(index);
    }

    /** True if any field is a string. */
    public boolean hasStrings() {
        return stringFieldCount > 0;
    }

    /** Declares a 32-bit integer field. */
    public Field intField(String fieldName, boolean linear) {
        return add(fieldName, FieldType.INT, 1, linear);
    }

    /** Declares a boolean field. */
    public Field boolField(String fieldName) {
        return add(fieldName, FieldType.BOOL, 1, false);
    }

    /** Declares a string field (default ""). */
    public Field stringField(String fieldName) {
        return add(fieldName, FieldType.STRING, 1, false);
    }

    /**
     * Declares a quantized float field sent with the given precision (for example 0.1f). The
     * precision must be 1 / n for a whole n, so that every client reconstructs the same value.
     */
    public Field qfloat(String fieldName, float precision, boolean linear) {
        float inverse = 1f / precision;
        int scale = Math.round(inverse);
        if (scale < 1 || Math.abs(inverse - scale) > 1e-3f * scale) {
            throw new IllegalArgumentException("precision must be 1/n for a whole n: " + precision);
        }
        return add(fieldName, FieldType.QFLOAT, scale, linear);
    }

    /** Declares a field from its wire description (used when decoding a schema message). */
    public Field declare(String fieldName, FieldType type, int scale, boolean linear) {
        if (type == FieldType.QFLOAT && scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1: " + scale);
        }
        return add(fieldName, type, type == FieldType.QFLOAT ? scale : 1, linear && isNumeric(type));
    }

    /** Forbids further fields; called by every user of the schema's layout. */
    public Schema freeze() {
        frozen = true;
        return this;
    }

    private Field add(String fieldName, FieldType type, int scale, boolean linear) {
        if (frozen) {
            throw new IllegalStateException("schema " + name + " is frozen");
        }
        checkName(fieldName);
        if (fields.size() == MAX_FIELDS) {
            throw new IllegalStateException("schema " + name + " has " + MAX_FIELDS + " fields already");
        }
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                throw new IllegalArgumentException("duplicate field " + fieldName);
            }
        }
        if (linear && !isNumeric(type)) {
            throw new IllegalArgumentException("only numeric fields can be linear: " + fieldName);
        }
        Field field = new Field(this, fieldName, type, fields.size(), scale, linear);
        fields.add(field);
        if (type == FieldType.STRING) {
            stringFieldCount++;
        }
        return field;
    }

    private static boolean isNumeric(FieldType type) {
        return type == FieldType.INT || type == FieldType.QFLOAT;
    }

    private static void checkName(String n) {
        if (n == null || n.isEmpty() || n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name must be 1.." + MAX_NAME_BYTES + " UTF-8 bytes: " + n);
        }
    }

    /** True if both schemas have the same name and the same field declarations, in order. */
    public boolean sameLayout(Schema other) {
        if (!name.equals(other.name) || fields.size() != other.fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            Field a = fields.get(i);
            Field b = other.fields.get(i);
            if (!a.name().equals(b.name()) || a.type() != b.type() || a.scale() != b.scale()
                    || a.linear() != b.linear()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Schema[" + name + " " + fields + "]";
    }
}
