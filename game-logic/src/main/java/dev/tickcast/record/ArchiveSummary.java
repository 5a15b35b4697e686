package dev.tickcast.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The head and index of a finished archive, read without reading its fragments: the head block
 * from the start, the trailer from the end (its last {@link Blocks#TRAILER_BYTES} bytes), and the
 * index it points at (docs/PROTOCOL.md 14.5). For listing archives; {@link ArchiveReader} reads
 * and checks everything.
 *
 * @param head  the head
 * @param index the index
 * @param bytes the file's size
 */
public record ArchiveSummary(RecordingHead head, ArchiveIndex index, long bytes) {
    private static final byte[] END_MAGIC = "TCEND".getBytes(StandardCharsets.US_ASCII);

    /** Reads the summary of the archive at {@code path}; null if it is not a finished archive (or is damaged there). */
    public static ArchiveSummary read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch);
        }
    }

    /** Reads the summary of the archive in {@code channel}; null if it is not a finished archive. */
    public static ArchiveSummary read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < Blocks.TRAILER_BYTES + Blocks.OVERHEAD) {
            return null;
        }
        byte[] headBlock = block(channel, 0, size);
        byte[] trailer = read(channel, size - Blocks.TRAILER_BYTES, Blocks.TRAILER_BYTES);
        if (headBlock == null || Blocks.kind(headBlock, 0) != Blocks.HEAD
                || Blocks.check(trailer, 0, trailer.length) != null || Blocks.kind(trailer, 0) != Blocks.TRAILER
                || Blocks.bodyLength(trailer, 0) != Blocks.TRAILER_BYTES - Blocks.OVERHEAD
                || !Arrays.equals(trailer, Blocks.HEADER_BYTES + 8, Blocks.HEADER_BYTES + 13, END_MAGIC, 0, 5)) {
            return null;
        }
        long indexAt = Blocks.u64(trailer, Blocks.HEADER_BYTES);
        byte[] indexBlock = indexAt < 0 || indexAt >= size - Blocks.TRAILER_BYTES ? null : block(channel, indexAt, size);
        if (indexBlock == null || Blocks.kind(indexBlock, 0) != Blocks.INDEX
                || indexAt + indexBlock.length != size - Blocks.TRAILER_BYTES) {
            return null;
        }
        RecordingHead head = RecordingHead.parse(headBlock, Blocks.HEADER_BYTES, headBlock.length - Blocks.OVERHEAD);
        ArchiveIndex index = ArchiveIndex.parse(indexBlock, Blocks.HEADER_BYTES, indexBlock.length - Blocks.OVERHEAD);
        return head == null || index == null ? null : new ArchiveSummary(head, index, size);
    }

    /** The checked block at {@code at}, or null. */
    private static byte[] block(FileChannel ch, long at, long size) throws IOException {
        if (size - at < Blocks.OVERHEAD) {
            return null;
        }
        byte[] header = read(ch, at, Blocks.HEADER_BYTES);
        long length = Blocks.u32(header, 1);
        if (length > Blocks.MAX_BODY_BYTES || length + Blocks.OVERHEAD > size - at) {
            return null;
        }
        byte[] block = read(ch, at, (int) length + Blocks.OVERHEAD);
        return Blocks.check(block, 0, block.length) == null ? block : null;
    }

    private static byte[] read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new IOException("the file ends before byte " + (at + length));
            }
        }
        return buf.array();
    }
}
