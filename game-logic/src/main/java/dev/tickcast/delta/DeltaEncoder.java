package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.Protocol;

import java.util.Arrays;

/**
 * Encodes a SNAPSHOT message: the delta from a baseline to a target snapshot, as a merge-join over
 * each table's sorted ids (Quake's {@code SV_EmitPacketEntities}). A full snapshot is the delta
 * from the empty baseline. With a predictor snapshot (the one before the baseline), linear fields
 * are sent as the difference from {@code base + (base - pred)}, so steady motion costs nothing.
 * The layout is docs/PROTOCOL.md, "SNAPSHOT"; {@link DeltaDecoder} is the mirror.
 *
 * <p>One encoder per thread. After warm-up it allocates nothing, except the UTF-8 bytes of strings
 * that are added or changed.
 */
public final class DeltaEncoder {
    private final BitWriter bits = new BitWriter();
    private int[] removed = new int[64];
    private int[] changedRow = new int[64];
    private int[] changedBaseRow = new int[64];
    private int[] changedPredRow = new int[64];
    private int[] changedMask = new int[64];
    private int[] added = new int[64];
    private int removedCount;
    private int changedCount;
    private int addedCount;

    /**
     * Writes the message for {@code target} relative to {@code base} (null: full snapshot) and,
     * when {@code pred} is not null, predicting linear fields from {@code pred} and {@code base}.
     */
    public void encode(Snapshot target, Snapshot base, Snapshot pred, Output out) {
        if (base == null && pred != null) {
            throw new IllegalArgumentException("a full snapshot has no predictor");
        }
        out.writeVarInt(Protocol.typeByte(Protocol.SNAPSHOT), true);
        out.writeVarInt(target.tick(), true);
        out.writeVarInt(base == null ? 0 : target.tick() - base.tick(), true);
        out.writeVarInt(pred == null ? 0 : base.tick() - pred.tick(), true);
        bits.begin(out);
        for (int i = 0; i < target.tableCount(); i++) {
            encodeTable(target.table(i), base == null ? null : base.table(i), pred == null ? null : pred.table(i));
        }
        bits.end();
    }

    private void encodeTable(TableSnapshot t, TableSnapshot b, TableSnapshot p) {
        classify(t, b, p);
        int prev = -1;
        bits.writeU(removedCount);
        for (int k = 0; k < removedCount; k++) {
            bits.writeU(removed[k] - prev - 1);
            prev = removed[k];
        }
        writeChanged(t, b, p);
        bits.writeU(addedCount);
        prev = b == null ? -1 : b.maxId();
        for (int k = 0; k < addedCount; k++) {
            int row = added[k];
            if (t.id(row) <= prev) {
                throw new IllegalStateException("added id " + t.id(row) + " is not above " + prev);
            }
            bits.writeU(t.id(row) - prev - 1);
            prev = t.id(row);
            writeAdded(t, row);
        }
    }

    private void classify(TableSnapshot t, TableSnapshot b, TableSnapshot p) {
        removedCount = 0;
        changedCount = 0;
        addedCount = 0;
        int bCount = b == null ? 0 : b.count();
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < bCount || j < t.count()) {
            int bid = i < bCount ? b.id(i) : Integer.MAX_VALUE;
            int tid = j < t.count() ? t.id(j) : Integer.MAX_VALUE;
            if (bid < tid) {
                pushRemoved(bid);
                i++;
            } else if (tid < bid) {
                pushAdded(j);
                j++;
            } else {
                int predRow = -1;
                if (p != null) {
                    while (k < p.count() && p.id(k) < tid) {
                        k++;
                    }
                    predRow = k < p.count() && p.id(k) == tid ? k : -1;
                }
                int mask = changeMask(t, j, b, i, p, predRow);
                if (mask != 0) {
                    pushChanged(j, i, predRow, mask);
                }
                i++;
                j++;
            }
        }
    }

    private static int changeMask(TableSnapshot t, int row, TableSnapshot b, int baseRow, TableSnapshot p, int predRow) {
        Schema schema = t.schema();
        int mask = 0;
        for (int f = 0; f < schema.fieldCount(); f++) {
            Field field = schema.field(f);
            boolean changed;
            if (field.type() == FieldType.STRING) {
                changed = !t.string(row, f).equals(b.string(baseRow, f));
            } else {
                changed = t.value(row, f) != predicted(field, b, baseRow, p, predRow);
            }
            if (changed) {
                mask |= 1 << f;
            }
        }
        return mask;
    }

    /** The value a client computes before corrections; shared by encoder and decoder. */
    static int predicted(Field field, TableSnapshot b, int baseRow, TableSnapshot p, int predRow) {
        int base = b.value(baseRow, field.index());
        if (!field.linear() || p == null || predRow < 0) {
            return base;
        }
        return base + (base - p.value(predRow, field.index()));
    }

    private void writeChanged(TableSnapshot t, TableSnapshot b, TableSnapshot p) {
        bits.writeU(changedCount);
        Schema schema = t.schema();
        int prev = -1;
        int prevMask = 0;
        for (int k = 0; k < changedCount; k++) {
            int row = changedRow[k];
            int mask = changedMask[k];
            bits.writeU(t.id(row) - prev - 1);
            prev = t.id(row);
            writeChange(bits, mask, mask == prevMask, t, row, b, changedBaseRow[k], p, changedPredRow[k]);
            prevMask = mask;
        }
    }

    /**
     * One changed entity after its id (10.4) or position (10.11): the reuse bit, the mask unless
     * reused, then each changed field: S(value - predicted), a flipped bool's nothing, or the string.
     */
    static void writeChange(BitWriter bits, int mask, boolean reuseMask, TableSnapshot t, int row, TableSnapshot b,
                            int baseRow, TableSnapshot p, int predRow) {
        Schema schema = t.schema();
        bits.writeBit(reuseMask);
        if (!reuseMask) {
            bits.write(mask, schema.fieldCount());
        }
        for (int f = 0; f < schema.fieldCount(); f++) {
            if ((mask & (1 << f)) == 0) {
                continue;
            }
            Field field = schema.field(f);
            if (field.type() == FieldType.STRING) {
                bits.writeString(t.string(row, f));
            } else if (field.type() != FieldType.BOOL) {
                bits.writeS(t.value(row, f) - predicted(field, b, baseRow, p, predRow));
            }
        }
    }

    private void writeAdded(TableSnapshot t, int row) {
        Schema schema = t.schema();
        int mask = 0;
        for (int f = 0; f < schema.fieldCount(); f++) {
            boolean nonDefault = schema.field(f).type() == FieldType.STRING
                    ? !t.string(row, f).isEmpty() : t.value(row, f) != 0;
            if (nonDefault) {
                mask |= 1 << f;
            }
        }
        bits.write(mask, schema.fieldCount());
        for (int f = 0; f < schema.fieldCount(); f++) {
            if ((mask & (1 << f)) == 0) {
                continue;
            }
            FieldType type = schema.field(f).type();
            if (type == FieldType.STRING) {
                bits.writeString(t.string(row, f));
            } else if (type != FieldType.BOOL) {
                bits.writeS(t.value(row, f));
            }
        }
    }

    private void pushRemoved(int id) {
        if (removedCount == removed.length) {
            removed = Arrays.copyOf(removed, removedCount * 2);
        }
        removed[removedCount++] = id;
    }

    private void pushAdded(int row) {
        if (addedCount == added.length) {
            added = Arrays.copyOf(added, addedCount * 2);
        }
        added[addedCount++] = row;
    }

    private void pushChanged(int row, int baseRow, int predRow, int mask) {
        if (changedCount == changedRow.length) {
            int n = changedCount * 2;
            changedRow = Arrays.copyOf(changedRow, n);
            changedBaseRow = Arrays.copyOf(changedBaseRow, n);
            changedPredRow = Arrays.copyOf(changedPredRow, n);
            changedMask = Arrays.copyOf(changedMask, n);
        }
        changedRow[changedCount] = row;
        changedBaseRow[changedCount] = baseRow;
        changedPredRow[changedCount] = predRow;
        changedMask[changedCount] = mask;
        changedCount++;
    }
}
