package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.wire.Protocol;

import java.util.List;

/**
 * Hand-builds SNAPSHOT_CELLS frames for the decoder's tests, straight from docs/PROTOCOL.md
 * 10.10-10.13 (no encoder involved): the header, then bit codes, with {@link #pad()} closing a part.
 * Rows are {@code {id, value per field}} with Integer, Boolean or String values.
 */
final class CellDecoderTestFrame {
    /** Table 0, a cell table: x QFLOAT/10 linear, v INT. */
    static final Schema ORB = new Schema("orb");
    /** Table 1, the global table: score INT. */
    static final Schema LEADER = new Schema("leader");
    /** Table 2, a cell table: x INT linear, alive BOOL, name STRING, ammo INT (an owned field). */
    static final Schema SHIP = new Schema("ship");
    static final List<Schema> SCHEMAS = List.of(ORB, LEADER, SHIP);
    /** globalMask: table 1 only. */
    static final int MASK = 0b010;

    static {
        ORB.qfloat("x", 0.1f, true);
        ORB.intField("v", false);
        LEADER.intField("score", false);
        SHIP.intField("x", true);
        SHIP.boolField("alive");
        SHIP.stringField("name");
        SHIP.intField("ammo", false);
    }

    private final Output out = new Output(256, -1);
    private final BitWriter bits = new BitWriter();

    CellDecoderTestFrame(int tick, int baseDelta, int predDelta) {
        this(Protocol.typeByte(Protocol.SNAPSHOT_CELLS), tick, baseDelta, predDelta);
    }

    CellDecoderTestFrame(int type, int tick, int baseDelta, int predDelta) {
        out.writeVarInt(type, true);
        out.writeVarInt(tick, true);
        out.writeVarInt(baseDelta, true);
        out.writeVarInt(predDelta, true);
        bits.begin(out);
    }

    CellDecoderTestFrame u(int v) {
        bits.writeU(v);
        return this;
    }

    CellDecoderTestFrame s(int v) {
        bits.writeS(v);
        return this;
    }

    CellDecoderTestFrame bit(boolean b) {
        bits.writeBit(b);
        return this;
    }

    CellDecoderTestFrame write(long v, int n) {
        bits.write(v, n);
        return this;
    }

    CellDecoderTestFrame str(String v) {
        bits.writeString(v);
        return this;
    }

    /** A list of increasing keys (or ids): the count, then the gaps from -1. */
    CellDecoderTestFrame keys(int... keys) {
        bits.writeU(keys.length);
        int prev = -1;
        for (int k : keys) {
            bits.writeU(k - prev - 1);
            prev = k;
        }
        return this;
    }

    /**
     * Ends a part. The parts of SNAPSHOT_CELLS follow each other in one bit stream (PROTOCOL.md
     * 10.10), so nothing is written: the frame is padded once, by {@link #bytes()}.
     */
    CellDecoderTestFrame pad() {
        return this;
    }

    /** An empty 10.4 section of a global table (nothing removed, changed or added). */
    CellDecoderTestFrame none() {
        return u(0).u(0).u(0);
    }

    /** A cell table's section bit 0: the empty cell section (10.11). */
    CellDecoderTestFrame skip() {
        return bit(false);
    }

    /** A cell table's section bit 1: a cell section follows (10.11). */
    CellDecoderTestFrame cell() {
        return bit(true);
    }

    /** An owned entry's table and id, the id coded against the client's own entity {@code body} (10.13). */
    CellDecoderTestFrame owned(int table, int id, int body) {
        return u(table).s(id - body);
    }

    /** A 10.11 added list of a section whose base is empty: the first row against the defaults. */
    CellDecoderTestFrame addedCell(Schema schema, Object[]... rows) {
        return addedCellFrom(schema, null, rows);
    }

    /**
     * A 10.11 added list: ids from -1, the first row's values against {@code baseFirst} (the first
     * entity of the section's base, null if the base is empty: the defaults), then each against the
     * previous added row.
     */
    CellDecoderTestFrame addedCellFrom(Schema schema, Object[] baseFirst, Object[]... rows) {
        bits.writeU(rows.length);
        int prev = -1;
        Object[] ref = baseFirst;
        for (Object[] row : rows) {
            int id = (Integer) row[0];
            bits.writeU(id - prev - 1);
            prev = id;
            writeValues(schema, row, ref);
            ref = row;
        }
        return this;
    }

    /** A 10.4 added list: ids from {@code baseMaxId}, values against the defaults. */
    CellDecoderTestFrame addedGlobal(Schema schema, int baseMaxId, Object[]... rows) {
        bits.writeU(rows.length);
        int prev = baseMaxId;
        for (Object[] row : rows) {
            int id = (Integer) row[0];
            bits.writeU(id - prev - 1);
            prev = id;
            writeValues(schema, row, null);
        }
        return this;
    }

    private void writeValues(Schema schema, Object[] row, Object[] ref) {
        int n = schema.fieldCount();
        int mask = 0;
        for (int f = 0; f < n; f++) {
            if (!row[f + 1].equals(ref == null ? defaultOf(schema.field(f).type()) : ref[f + 1])) {
                mask |= 1 << f;
            }
        }
        bits.write(mask, n);
        for (int f = 0; f < n; f++) {
            if ((mask & (1 << f)) == 0) {
                continue;
            }
            FieldType type = schema.field(f).type();
            if (type == FieldType.STRING) {
                bits.writeString((String) row[f + 1]);
            } else if (type != FieldType.BOOL) {
                int refValue = ref == null ? 0 : (Integer) ref[f + 1];
                bits.writeS((Integer) row[f + 1] - refValue);
            }
        }
    }

    private static Object defaultOf(FieldType type) {
        return type == FieldType.STRING ? "" : type == FieldType.BOOL ? (Object) Boolean.FALSE : (Object) 0;
    }

    /** The whole frame, its last part padded. */
    byte[] bytes() {
        bits.end();
        return out.toBytes();
    }
}
