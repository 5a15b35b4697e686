package dev.tickcast.record;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.wire.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The INDEX block's body of a finished archive (docs/PROTOCOL.md 14.6): where each fragment
 * starts, the markers, the last tick, the most players seated at once and the duration.
 *
 * @param fragments  each fragment's file offset, start tick and whether it has a keyframe
 * @param markers    every marker, in order
 * @param endTick    the last entry's tick
 * @param players    the most players seated at once
 * @param durationMs {@code (endTick - first startTick) * 1000 / tickHz}, rounded down
 */
public record ArchiveIndex(List<Entry> fragments, List<Marker> markers, int endTick, int players, long durationMs) {
    /**
     * One fragment in the index.
     *
     * @param offset    the file offset of the fragment's block
     * @param startTick its start tick
     * @param hasFull   whether it carries a keyframe
     */
    public record Entry(long offset, int startTick, boolean hasFull) {
    }

    /**
     * A marker.
     *
     * @param tick the tick it was set at
     * @param text its text
     */
    public record Marker(int tick, String text) {
    }

    /** The INDEX block: kind, length, body, CRC. */
    public byte[] toBlock() {
        Output out = new Output(256, -1);
        byte[] u64 = new byte[8];
        Wire.writeVarUInt(out, fragments.size());
        for (Entry e : fragments) {
            Blocks.putU64(u64, 0, e.offset());
            out.writeBytes(u64);
            Wire.writeVarUInt(out, e.startTick());
            out.writeByte(e.hasFull() ? 1 : 0);
        }
        Wire.writeVarUInt(out, markers.size());
        for (Marker m : markers) {
            Wire.writeVarUInt(out, m.tick());
            Wire.writeString(out, m.text());
        }
        Wire.writeVarUInt(out, endTick);
        Wire.writeVarUInt(out, players);
        Blocks.putU64(u64, 0, durationMs);
        out.writeBytes(u64);
        return Blocks.frame(Blocks.INDEX, out.getBuffer(), 0, out.position());
    }

    /** Parses an index body; null if malformed. */
    public static ArchiveIndex parse(byte[] data, int offset, int length) {
        Cursor c = new Cursor(data, offset, offset + length);
        int n = c.varuint();
        List<Entry> fragments = new ArrayList<>();
        for (int i = 0; i < n && !c.failed; i++) {
            long at = c.u64();
            int start = c.varuint();
            int full = c.u8();
            if (full > 1) {
                return null;
            }
            fragments.add(new Entry(at, start, full == 1));
        }
        int m = c.varuint();
        List<Marker> markers = new ArrayList<>();
        for (int i = 0; i < m && !c.failed; i++) {
            int tick = c.varuint();
            String text = c.string(EntryVisitor.MAX_MARK_BYTES);
            markers.add(new Marker(tick, text));
        }
        int end = c.varuint();
        int players = c.varuint();
        long duration = c.u64();
        if (c.failed || !c.atEnd() || duration < 0) {
            return null;
        }
        return new ArchiveIndex(List.copyOf(fragments), List.copyOf(markers), end, players, duration);
    }
}
