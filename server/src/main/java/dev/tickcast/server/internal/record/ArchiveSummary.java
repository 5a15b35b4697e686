package dev.tickcast.server.internal.record;

import dev.tickcast.record.ArchiveIndex;
import dev.tickcast.record.Blocks;
import dev.tickcast.record.RecordingHead;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A finished archive's entry, read from its head block, its trailer and its index block only (docs/PROTOCOL.md,
 * "Recordings"): a few hundred bytes of a file of any size, not its fragments. A file is finished when its last
 * 22 bytes are a good TRAILER block pointing at a good INDEX block that ends where the trailer starts; the
 * fragments are not checked here (a reader plays up to any damage in them).
 */
public final class ArchiveSummary {
    private static final byte[] END = "TCEND".getBytes(StandardCharsets.US_ASCII);

    private ArchiveSummary() {
    }

    /** The entry of {@code file} ({@code bytes} long), or null while it has no good trailer and index. Blocking. */
    public static RecordingEntry read(Path file, String id, long bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < Blocks.TRAILER_BYTES + 2L * Blocks.OVERHEAD) {
                return null;
            }
            long indexAt = indexOffset(read(ch, size - Blocks.TRAILER_BYTES, Blocks.TRAILER_BYTES));
            long indexBytes = size - Blocks.TRAILER_BYTES - indexAt;
            if (indexAt < Blocks.OVERHEAD || indexBytes < Blocks.OVERHEAD || indexBytes > Blocks.MAX_BODY_BYTES) {
                return null;
            }
            byte[] indexBlock = read(ch, indexAt, (int) indexBytes);
            ArchiveIndex index = body(indexBlock, Blocks.INDEX) ? ArchiveIndex.parse(indexBlock, Blocks.HEADER_BYTES,
                    (int) indexBytes - Blocks.OVERHEAD) : null;
            RecordingHead head = head(ch, indexAt);
            if (index == null || head == null) {
                return null;
            }
            return new RecordingEntry(id, head.game(), head.roomId(), head.startedAtMs(), index.durationMs(), size,
                    index.players());
        }
    }

    /** The index offset a trailer block names, or -1 if it is not a good trailer. */
    private static long indexOffset(byte[] trailer) {
        if (!body(trailer, Blocks.TRAILER) || trailer.length != Blocks.TRAILER_BYTES
                || !Arrays.equals(trailer, Blocks.HEADER_BYTES + 8, Blocks.HEADER_BYTES + 13, END, 0, END.length)) {
            return -1;
        }
        return ByteBuffer.wrap(trailer, Blocks.HEADER_BYTES, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The head block at the start, ending before {@code limit}, or null. */
    private static RecordingHead head(FileChannel ch, long limit) throws IOException {
        byte[] header = read(ch, 0, Blocks.HEADER_BYTES);
        long blockBytes = Integer.toUnsignedLong(Blocks.bodyLength(header, 0)) + Blocks.OVERHEAD;
        if (Blocks.kind(header, 0) != Blocks.HEAD || blockBytes > limit || blockBytes > Blocks.MAX_BODY_BYTES) {
            return null;
        }
        byte[] block = read(ch, 0, (int) blockBytes);
        return body(block, Blocks.HEAD) ? RecordingHead.parse(block, Blocks.HEADER_BYTES, block.length - Blocks.OVERHEAD)
                : null;
    }

    /** Whether {@code block} is exactly one good block of {@code kind}. */
    private static boolean body(byte[] block, int kind) {
        return block.length >= Blocks.OVERHEAD && Blocks.kind(block, 0) == kind
                && Blocks.check(block, 0, block.length) == null
                && (long) Blocks.bodyLength(block, 0) + Blocks.OVERHEAD == block.length;
    }

    private static byte[] read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new EOFException("the file ended at byte " + (at + buf.position()));
            }
        }
        return buf.array();
    }
}
