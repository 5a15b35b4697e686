package dev.tickcast.record;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.wire.Wire;

/**
 * Whole FRAGMENT blocks (docs/PROTOCOL.md 14) as the delayed broadcast serves them (section 15): a
 * fragment's keyframe alone, the fragment without it (flags bit 0 clear, CRC recomputed), and back.
 */
public final class Fragments {
    private Fragments() {
    }

    /**
     * The fragment block {@code block} (checked: kind {@link Blocks#FRAGMENT}, length and CRC good) without its
     * keyframe: flags bit 0 clear, the same entries, a new CRC. A block without a keyframe comes back as is.
     * Throws IllegalArgumentException if {@code block} is not a whole, well-formed fragment block.
     */
    public static byte[] withoutFull(byte[] block) {
        FragmentBody body = parse(block);
        return body.hasFull ? ArchiveWriter.withoutFull(block) : block;
    }

    /** {@code {offset, length}} of the keyframe's bytes (a SNAPSHOT message) in {@code block}, or null if it has none. */
    public static int[] full(byte[] block) {
        FragmentBody body = parse(block);
        return body.hasFull ? new int[] {body.fullOffset, body.fullLength} : null;
    }

    /** The fragment's number. */
    public static int number(byte[] block) {
        return parse(block).number;
    }

    /** The fragment's start tick. */
    public static int startTick(byte[] block) {
        return parse(block).startTick;
    }

    /** The tick of the fragment's last entry ({@link #startTick} if it has none), or -1 if its entries are malformed. */
    public static int lastTick(byte[] block) {
        return parse(block).walk(new EntryVisitor() { });
    }

    /**
     * The fragment block {@code block} without a keyframe, given back {@code full[offset, offset + length)} as
     * its keyframe (flags bit 0 set, a new CRC): what a viewer that starts at this fragment reads.
     */
    public static byte[] withFull(byte[] block, byte[] full, int offset, int length) {
        FragmentBody body = parse(block);
        if (body.hasFull) {
            throw new IllegalArgumentException("fragment " + body.number + " has a keyframe already");
        }
        Output out = new Output(block.length + length + 8, -1);
        out.setPosition(Blocks.HEADER_BYTES);
        Wire.writeVarUInt(out, body.number);
        Wire.writeVarUInt(out, body.startTick);
        Wire.writeVarUInt(out, 1);
        Wire.writeVarUInt(out, length);
        out.writeBytes(full, offset, length);
        out.writeBytes(block, body.entriesAt, body.end - body.entriesAt);
        int bodyLength = out.position() - Blocks.HEADER_BYTES;
        out.writeBytes(new byte[Blocks.CRC_BYTES]);
        Blocks.seal(Blocks.FRAGMENT, out.getBuffer(), 0, bodyLength);
        return out.toBytes();
    }

    private static FragmentBody parse(byte[] block) {
        String damage = Blocks.check(block, 0, block.length);
        if (damage != null || Blocks.kind(block, 0) != Blocks.FRAGMENT
                || Blocks.bodyLength(block, 0) + Blocks.OVERHEAD != block.length) {
            throw new IllegalArgumentException("not a whole fragment block: " + (damage == null ? "kind or length" : damage));
        }
        FragmentBody body = FragmentBody.parse(block, Blocks.HEADER_BYTES, Blocks.bodyLength(block, 0));
        if (body == null) {
            throw new IllegalArgumentException("a malformed fragment body");
        }
        return body;
    }
}
