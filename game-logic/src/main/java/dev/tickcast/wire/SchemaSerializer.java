package dev.tickcast.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The SCHEMA message body:
 * <pre>
 * varint tableCount
 * per table:  string name, varint fieldCount
 *   per field: string name, byte type (FieldType ordinal), byte flags (bit 0: linear),
 *              varint scale (QFLOAT only)
 * </pre>
 */
final class SchemaSerializer extends Serializer<SchemaMessage> {
    private static final int MAX_TABLES = 64;
    private static final int FLAG_LINEAR = 1;

    @Override
    public void write(Kryo kryo, Output out, SchemaMessage m) {
        Wire.writeVarUInt(out, m.schemas().size());
        for (Schema schema : m.schemas()) {
            Wire.writeString(out, schema.name());
            Wire.writeVarUInt(out, schema.fieldCount());
            for (Field f : schema.fields()) {
                Wire.writeString(out, f.name());
                out.writeByte(f.type().ordinal());
                out.writeByte(f.linear() ? FLAG_LINEAR : 0);
                if (f.type() == FieldType.QFLOAT) {
                    Wire.writeVarUInt(out, f.scale());
                }
            }
        }
    }

    @Override
    public SchemaMessage read(Kryo kryo, Input in, Class<? extends SchemaMessage> type) {
        int tables = Wire.readVarUInt(in);
        if (tables < 0 || tables > MAX_TABLES) {
            return null;
        }
        List<Schema> schemas = new ArrayList<>(tables);
        for (int t = 0; t < tables; t++) {
            Schema schema = readSchema(in);
            if (schema == null) {
                return null;
            }
            schemas.add(schema.freeze());
        }
        return Wire.fullyRead(in) ? new SchemaMessage(List.copyOf(schemas)) : null;
    }

    private static Schema readSchema(Input in) {
        String name = Wire.readString(in, Schema.MAX_NAME_BYTES);
        int fields = Wire.readVarUInt(in);
        if (!validName(name) || fields < 0 || fields > Schema.MAX_FIELDS) {
            return null;
        }
        Schema schema = new Schema(name);
        for (int f = 0; f < fields; f++) {
            String fieldName = Wire.readString(in, Schema.MAX_NAME_BYTES);
            if (!validName(fieldName) || in.limit() - in.position() < 2) {
                return null;
            }
            FieldType ft = FieldType.ofCode(in.readByte());
            int flags = in.readByte();
            int scale = ft == FieldType.QFLOAT ? Wire.readVarUInt(in) : 1;
            boolean linear = (flags & FLAG_LINEAR) != 0;
            if (ft == null || scale < 1 || (flags & ~FLAG_LINEAR) != 0 || (linear && !numeric(ft))
                    || hasField(schema, fieldName)) {
                return null;
            }
            schema.declare(fieldName, ft, scale, linear);
        }
        return schema;
    }

    /** Null: truncated, over 64 bytes or not UTF-8 ({@link Wire#readString}); a name is never empty. */
    private static boolean validName(String name) {
        return name != null && !name.isEmpty();
    }

    private static boolean numeric(FieldType t) {
        return t == FieldType.INT || t == FieldType.QFLOAT;
    }

    private static boolean hasField(Schema schema, String name) {
        for (Field f : schema.fields()) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
