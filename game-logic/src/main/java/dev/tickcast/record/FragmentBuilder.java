package dev.tickcast.record;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.wire.Wire;

import java.nio.charset.StandardCharsets;

/**
 * Builds FRAGMENT blocks (docs/PROTOCOL.md 14.4) on the room's thread. One builder serves a room
 * for its whole life: {@link #begin}, entries in tick order, {@link #finish}, {@link #begin} again.
 * Its buffers only grow; {@link #finish} returns a new array (the block handed to the writer).
 *
 * <p>The recorder's duty (the predictive delta rule, 14.5): {@code full} is a SNAPSHOT of
 * {@code startTick} from the empty snapshot; the first SNAPSHOT entry is the spectator's delta for
 * {@code startTick} itself; the second is encoded from base {@code startTick} without a predictor;
 * later ones are the spectator's own bytes. This class writes what it is given in that order.
 */
public final class FragmentBuilder {
    private final Output full = new Output(4096, -1);
    private final Output entries = new Output(16384, -1);
    private final Output head = new Output(32, -1);
    private int number = -1;
    private int startTick;
    private int lastTick;
    private int count;
    private boolean hasFull;
    private boolean open;

    /**
     * Starts fragment {@code number} at {@code startTick}, with its keyframe {@code fullBytes}
     * (a whole SNAPSHOT message, copied) or null for a fragment without one.
     */
    public void begin(int number, int startTick, byte[] fullBytes) {
        begin(number, startTick, fullBytes, 0, fullBytes == null ? 0 : fullBytes.length);
    }

    /** {@link #begin(int, int, byte[])} with the keyframe at {@code fullBytes[offset, offset + length)}. */
    public void begin(int number, int startTick, byte[] fullBytes, int offset, int length) {
        if (number < 0 || startTick < 0) {
            throw new IllegalArgumentException("fragment " + number + " at tick " + startTick);
        }
        this.number = number;
        this.startTick = startTick;
        this.lastTick = startTick;
        this.count = 0;
        this.hasFull = fullBytes != null;
        full.reset();
        entries.reset();
        if (hasFull) {
            full.writeBytes(fullBytes, offset, length);
        }
        open = true;
    }

    /** True between {@link #begin} and {@link #finish}. */
    public boolean open() {
        return open;
    }

    /** The number of the fragment begun last. */
    public int number() {
        return number;
    }

    /** The start tick of the fragment begun last. */
    public int startTick() {
        return startTick;
    }

    /** Entries added since {@link #begin}. */
    public int entryCount() {
        return count;
    }

    /** An upper bound of the bytes of the block {@link #finish} would return now. */
    public int size() {
        return Blocks.OVERHEAD + 25 + full.position() + entries.position();
    }

    /** A SNAPSHOT message of {@code tick}, type byte included. */
    public void snapshot(int tick, byte[] bytes, int offset, int length) {
        bytesEntry(tick, EntryVisitor.SNAPSHOT, bytes, offset, length);
    }

    /** A CHAT message as sent. */
    public void chat(int tick, byte[] bytes, int offset, int length) {
        bytesEntry(tick, EntryVisitor.CHAT, bytes, offset, length);
    }

    /** A GAME_MESSAGE sent to every player. */
    public void gameMessage(int tick, byte[] bytes, int offset, int length) {
        bytesEntry(tick, EntryVisitor.GAME_MESSAGE, bytes, offset, length);
    }

    /** Player {@code playerId} took a seat under {@code name}. */
    public void join(int tick, int playerId, String name) {
        entry(tick, EntryVisitor.JOIN);
        Wire.writeVarUInt(entries, playerId);
        Wire.writeString(entries, name);
    }

    /** Player {@code playerId} left. */
    public void leave(int tick, int playerId) {
        entry(tick, EntryVisitor.LEAVE);
        Wire.writeVarUInt(entries, playerId);
    }

    /** A marker; a text over {@link EntryVisitor#MAX_MARK_BYTES} UTF-8 bytes is cut at a character boundary. */
    public void mark(int tick, String text) {
        entry(tick, EntryVisitor.MARK);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, EntryVisitor.MAX_MARK_BYTES);
        while (n < utf8.length && (utf8[n] & 0xC0) == 0x80) {
            n--;
        }
        Wire.writeVarUInt(entries, n);
        entries.writeBytes(utf8, 0, n);
    }

    /** The FRAGMENT block: kind, length, body, CRC32C. The builder is then closed until {@link #begin}. */
    public byte[] finish() {
        if (!open) {
            throw new IllegalStateException("finish() without begin()");
        }
        head.reset();
        Wire.writeVarUInt(head, number);
        Wire.writeVarUInt(head, startTick);
        Wire.writeVarUInt(head, hasFull ? 1 : 0);
        if (hasFull) {
            Wire.writeVarUInt(head, full.position());
        }
        int headLength = head.position();
        head.writeVarInt(count, true);
        int countLength = head.position() - headLength;
        int body = headLength + full.position() + countLength + entries.position();
        byte[] block = new byte[body + Blocks.OVERHEAD];
        int at = Blocks.HEADER_BYTES;
        System.arraycopy(head.getBuffer(), 0, block, at, headLength);
        at += headLength;
        System.arraycopy(full.getBuffer(), 0, block, at, full.position());
        at += full.position();
        System.arraycopy(head.getBuffer(), headLength, block, at, countLength);
        at += countLength;
        System.arraycopy(entries.getBuffer(), 0, block, at, entries.position());
        Blocks.seal(Blocks.FRAGMENT, block, 0, body);
        open = false;
        return block;
    }

    private void bytesEntry(int tick, int type, byte[] bytes, int offset, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("an empty message");
        }
        entry(tick, type);
        Wire.writeVarUInt(entries, length);
        entries.writeBytes(bytes, offset, length);
    }

    private void entry(int tick, int type) {
        if (!open) {
            throw new IllegalStateException("an entry outside begin() .. finish()");
        }
        if (tick < lastTick) {
            throw new IllegalArgumentException("entry of tick " + tick + " after tick " + lastTick);
        }
        Wire.writeVarUInt(entries, tick - lastTick);
        entries.writeByte(type);
        lastTick = tick;
        count++;
    }
}
