package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.Protocol;

import java.util.Arrays;

/**
 * Decodes a SNAPSHOT message written by {@link DeltaEncoder}: the mirror of its merge-join (Quake's
 * {@code CL_ParsePacketEntities}). Use it in two steps: {@link #readHeader} tells which baseline and
 * predictor the message needs, then {@link #decodeBody} builds the target. Malformed input is a
 * return value ({@link #MALFORMED}), never an exception. One decoder per thread.
 */
public final class DeltaDecoder {
    /** The message decoded. */
    public static final int OK = 0;
    /** The bytes do not follow docs/PROTOCOL.md. */
    public static final int MALFORMED = -1;
    /** The baseline or predictor given to {@link #decodeBody} is not the one the message names. */
    public static final int WRONG_BASE = -2;

    /** The longest string a snapshot may carry, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = Protocol.MAX_STRING_BYTES;
    private static final int MAX_ADDED_PER_TABLE = 1 << 20;

    private final Input input = new Input();
    private final BitReader bits = new BitReader();
    private byte[] data;
    private int bodyOffset;
    private int end;
    private int tick;
    private int baseTick;
    private int predTick;
    private int[] removed = new int[64];

    /**
     * Reads the header of the message in {@code data[offset, offset + length)}, type byte included.
     * Returns {@link #OK} or {@link #MALFORMED}.
     */
    public int readHeader(byte[] bytes, int offset, int length) {
        input.setBuffer(bytes, offset, length);
        int type = readVarInt();
        int t = readVarInt();
        int baseDelta = readVarInt();
        int predDelta = readVarInt();
        if (type != Protocol.typeByte(Protocol.SNAPSHOT) || t < 0 || baseDelta < 0 || predDelta < 0
                || baseDelta > t || (baseDelta == 0 && predDelta != 0) || predDelta > t - baseDelta) {
            return MALFORMED;
        }
        data = bytes;
        tick = t;
        baseTick = baseDelta == 0 ? Snapshot.NO_TICK : t - baseDelta;
        predTick = predDelta == 0 ? Snapshot.NO_TICK : baseTick - predDelta;
        bodyOffset = input.position();
        end = offset + length;
        return OK;
    }

    /** The tick of the snapshot in the message. */
    public int tick() {
        return tick;
    }

    /** The baseline tick, or {@link Snapshot#NO_TICK} for a full snapshot. */
    public int baseTick() {
        return baseTick;
    }

    /** The predictor tick, or {@link Snapshot#NO_TICK} when the message predicts nothing. */
    public int predTick() {
        return predTick;
    }

    /** True if the message is a full snapshot (delta from the empty baseline). */
    public boolean full() {
        return baseTick == Snapshot.NO_TICK;
    }

    /**
     * Builds {@code target} from {@code base} (ignored for a full snapshot) and {@code pred}
     * (ignored when the message predicts nothing). {@code target} must be a different object.
     */
    public int decodeBody(Snapshot base, Snapshot pred, Snapshot target) {
        Snapshot b = full() ? null : base;
        Snapshot p = predTick == Snapshot.NO_TICK ? null : pred;
        if ((b == null) != full() || (b != null && b.tick() != baseTick)
                || (p == null) != (predTick == Snapshot.NO_TICK) || (p != null && p.tick() != predTick)) {
            return WRONG_BASE;
        }
        bits.begin(data, bodyOffset, end - bodyOffset);
        for (int i = 0; i < target.tableCount(); i++) {
            if (!decodeTable(b == null ? null : b.table(i), p == null ? null : p.table(i), target.table(i))) {
                return MALFORMED;
            }
        }
        if (bits.failed() || !bits.atEnd()) {
            return MALFORMED;
        }
        target.tick(tick);
        return OK;
    }

    private boolean decodeTable(TableSnapshot b, TableSnapshot p, TableSnapshot t) {
        t.clear();
        int bCount = b == null ? 0 : b.count();
        int removedCount = bits.readU();
        if (removedCount > bCount || !readRemoved(removedCount)) {
            return false;
        }
        int changedCount = bits.readU();
        if (changedCount > bCount - removedCount || bits.failed()) {
            return false;
        }
        if (bCount > 0 && !mergeBase(b, p, t, removedCount, changedCount)) {
            return false;
        }
        return readAdded(b == null ? -1 : b.maxId(), t);
    }

    private boolean readRemoved(int count) {
        if (removed.length < count) {
            removed = Arrays.copyOf(removed, Math.max(count, removed.length * 2));
        }
        long prev = -1;
        for (int k = 0; k < count; k++) {
            long id = prev + 1 + bits.readU();
            if (id > Integer.MAX_VALUE) {
                return false;
            }
            removed[k] = (int) id;
            prev = id;
        }
        return !bits.failed();
    }

    private boolean mergeBase(TableSnapshot b, TableSnapshot p, TableSnapshot t, int removedCount, int changedCount) {
        Schema schema = t.schema();
        int ri = 0;
        int ci = 0;
        long nextChanged = changedCount > 0 ? bits.readU() : Long.MAX_VALUE;
        int mask = 0;
        int k = 0;
        for (int i = 0; i < b.count(); i++) {
            int id = b.id(i);
            if (ri < removedCount && removed[ri] == id) {
                ri++;
                continue;
            }
            if ((ri < removedCount && removed[ri] < id) || nextChanged < id) {
                return false;
            }
            int predRow = -1;
            if (p != null) {
                while (k < p.count() && p.id(k) < id) {
                    k++;
                }
                predRow = k < p.count() && p.id(k) == id ? k : -1;
            }
            int row = t.appendRow(id);
            copyPredicted(schema, b, i, p, predRow, t, row);
            if (nextChanged == id) {
                mask = bits.readBit() ? mask : (int) bits.read(schema.fieldCount());
                if (!applyChange(bits, schema, mask, t, row)) {
                    return false;
                }
                ci++;
                nextChanged = ci < changedCount ? id + 1L + bits.readU() : Long.MAX_VALUE;
            }
            if (bits.failed()) {
                return false;
            }
        }
        return ri == removedCount && ci == changedCount;
    }

    /** Fills row {@code row} of {@code t} with the base values, linear fields predicted (10.5); shared with CellSection. */
    static void copyPredicted(Schema schema, TableSnapshot b, int baseRow, TableSnapshot p, int predRow,
                              TableSnapshot t, int row) {
        for (int f = 0; f < schema.fieldCount(); f++) {
            Field field = schema.field(f);
            if (field.type() == FieldType.STRING) {
                t.setString(row, f, b.string(baseRow, f));
            } else {
                t.setValue(row, f, DeltaEncoder.predicted(field, b, baseRow, p, predRow));
            }
        }
    }

    /** Reads one changed entity's values (10.6) into row {@code row} of {@code t}; false for a bad mask. Shared with CellSection. */
    static boolean applyChange(BitReader bits, Schema schema, int mask, TableSnapshot t, int row) {
        int n = schema.fieldCount();
        if (mask == 0 || (n < 32 && (mask >>> n) != 0)) {
            return false;
        }
        for (int f = 0; f < n; f++) {
            if ((mask & (1 << f)) == 0) {
                continue;
            }
            FieldType type = schema.field(f).type();
            if (type == FieldType.STRING) {
                t.setString(row, f, bits.readString(MAX_STRING_BYTES));
            } else if (type == FieldType.BOOL) {
                t.setValue(row, f, t.value(row, f) ^ 1);
            } else {
                t.setValue(row, f, t.value(row, f) + bits.readS());
            }
        }
        return !bits.failed();
    }

    private boolean readAdded(int baseMaxId, TableSnapshot t) {
        int count = bits.readU();
        if (count > MAX_ADDED_PER_TABLE || bits.failed()) {
            return false;
        }
        Schema schema = t.schema();
        long prev = baseMaxId;
        for (int k = 0; k < count; k++) {
            long id = prev + 1 + bits.readU();
            if (id > Integer.MAX_VALUE || bits.failed() || (t.count() > 0 && id <= t.id(t.count() - 1))) {
                return false;
            }
            prev = id;
            int row = t.appendRow((int) id);
            int mask = (int) bits.read(schema.fieldCount());
            for (int f = 0; f < schema.fieldCount(); f++) {
                if ((mask & (1 << f)) != 0) {
                    readAddedValue(schema.field(f).type(), t, row, f);
                }
            }
            if (bits.failed()) {
                return false;
            }
        }
        return true;
    }

    private void readAddedValue(FieldType type, TableSnapshot t, int row, int f) {
        if (type == FieldType.STRING) {
            t.setString(row, f, bits.readString(MAX_STRING_BYTES));
        } else if (type == FieldType.BOOL) {
            t.setValue(row, f, 1);
        } else {
            t.setValue(row, f, bits.readS());
        }
    }

    private int readVarInt() {
        if (!input.canReadVarInt()) {
            return -1;
        }
        return input.readVarInt(true);
    }
}
