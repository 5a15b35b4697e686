package dev.tickcast.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an archive (docs/PROTOCOL.md 14): a finished one, one cut short by a crash, or a damaged
 * one up to its damage. Every block is checked (length, CRC32C, then its body); the first bad one
 * ends the readable part and {@link #damage()} says where and why, and everything before it stays
 * readable. The file is held in memory (archives are under 2 GiB). {@link #replay()} rebuilds the
 * recorded states. Not thread-safe.
 */
public final class ArchiveReader {
    /**
     * One readable fragment.
     *
     * @param offset    the file offset of its block
     * @param number    its number (0, 1, ... in file order)
     * @param startTick its start tick
     * @param hasFull   whether it carries a keyframe (a thinned archive drops most)
     * @param endTick   its last entry's tick ({@code startTick} if it has no entry)
     */
    public record Fragment(long offset, int number, int startTick, boolean hasFull, int endTick) {
    }

    private static final byte[] END_MAGIC = "TCEND".getBytes(StandardCharsets.US_ASCII);

    private final byte[] data;
    private final int end;
    private RecordingHead head;
    private List<Fragment> fragments = List.of();
    private ArchiveIndex scanned;
    private ArchiveIndex index;
    private int[] lengths = new int[0];
    private String damage;
    private int readable;

    private ArchiveReader(byte[] data, int end) {
        this.data = data;
        this.end = end;
        scan();
    }

    /** Reads the archive in {@code data} (not copied: do not change it while reading). */
    public static ArchiveReader of(byte[] data) {
        return new ArchiveReader(data, data.length);
    }

    /** Reads the archive in {@code buffer}'s remaining bytes (copied; the buffer's position is unchanged). */
    public static ArchiveReader of(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return of(copy);
    }

    /** Reads the archive in {@code channel}, from position 0 to its size. */
    public static ArchiveReader read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("an archive of " + size + " bytes is over 2 GiB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) >= 0) {
            // read(buf, position) does not move the channel; the buffer's position does the counting
        }
        buf.flip();
        return of(buf.array().length == buf.limit() ? buf.array() : Arrays.copyOf(buf.array(), buf.limit()));
    }

    /** Reads the archive file at {@code path}. */
    public static ArchiveReader read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch);
        }
    }

    /** The head, or null if the head block itself is damaged (then nothing is readable). */
    public RecordingHead head() {
        return head;
    }

    /** The readable fragments, in order. */
    public List<Fragment> fragments() {
        return fragments;
    }

    /** The markers of the readable fragments, in order. */
    public List<ArchiveIndex.Marker> markers() {
        return scanned == null ? List.of() : scanned.markers();
    }

    /** The most players seated at once in the readable fragments. */
    public int players() {
        return scanned == null ? 0 : scanned.players();
    }

    /** The readable part's duration: from the first fragment's start to the last entry. */
    public long durationMs() {
        return scanned == null ? 0 : scanned.durationMs();
    }

    /** The last readable entry's tick (0 when no fragment is readable). */
    public int endTick() {
        return scanned == null ? 0 : scanned.endTick();
    }

    /** The file's INDEX block, or null when it has none (a crashed recording) or it is damaged. */
    public ArchiveIndex index() {
        return index;
    }

    /** True for a finished archive: a good index agreeing with the fragments, then the trailer, then nothing. */
    public boolean finished() {
        return index != null && damage == null;
    }

    /** Null, or {@code "damaged at byte N: reason"}: the first block that could not be read. */
    public String damage() {
        return damage;
    }

    /** Bytes before the damage (the whole file when there is none). */
    public int readableBytes() {
        return readable;
    }

    /** The archive's bytes (shared, not copied). */
    public byte[] bytes() {
        return data;
    }

    /**
     * Walks the entries of readable fragment {@code i} (an index into {@link #fragments()}); the
     * keyframe is not an entry ({@link #full}).
     */
    public void entries(int i, EntryVisitor visitor) {
        body(i).walk(visitor);
    }

    /** Fragment {@code i}'s keyframe as {@code {offset, length}} into {@link #bytes()}, or null if it has none. */
    public int[] full(int i) {
        FragmentBody b = body(i);
        return b.hasFull ? new int[] {b.fullOffset, b.fullLength} : null;
    }

    /** A new replay of this archive's states. */
    public Replay replay() {
        return new Replay(this);
    }

    FragmentBody body(int i) {
        Fragment f = fragments.get(i);
        int at = (int) f.offset();
        return FragmentBody.parse(data, at + Blocks.HEADER_BYTES, lengths[i] - Blocks.OVERHEAD);
    }

    private void scan() {
        readable = 0;
        if (!damaged(0) && Blocks.kind(data, 0) != Blocks.HEAD) {
            damage(0, "the first block is of kind " + Blocks.kind(data, 0) + ", not a head");
        }
        if (damage != null) {
            return;
        }
        head = RecordingHead.parse(data, Blocks.HEADER_BYTES, Blocks.bodyLength(data, 0));
        if (head == null) {
            damage(0, "malformed head (or a format version other than " + RecordingHead.FORMAT_VERSION + ")");
            return;
        }
        int pos = Blocks.bodyLength(data, 0) + Blocks.OVERHEAD;
        IndexBuilder builder = new IndexBuilder();
        int indexAt = -1;
        boolean trailer = false;
        while (pos < end && !damaged(pos)) {
            int kind = Blocks.kind(data, pos);
            int length = Blocks.bodyLength(data, pos);
            String bad = switch (kind) {
                case Blocks.FRAGMENT -> indexAt >= 0 ? "a fragment after the index" : builder.add(data, pos, pos);
                case Blocks.INDEX -> indexAt >= 0 ? "a second index" : null;
                case Blocks.TRAILER -> trailer(pos, length, indexAt);
                case Blocks.HEAD -> "a second head";
                default -> null; // a kind of a later format: skipped
            };
            if (bad != null) {
                damage(pos, bad);
                break;
            }
            if (kind == Blocks.INDEX) {
                indexAt = pos;
            }
            trailer = kind == Blocks.TRAILER;
            pos += length + Blocks.OVERHEAD;
            readable = pos;
        }
        finishScan(builder, indexAt, trailer);
    }

    private void finishScan(IndexBuilder builder, int indexAt, boolean trailer) {
        scanned = builder.build(head.tickHz(), builder.fragments);
        Fragment[] list = new Fragment[builder.fragments.size()];
        lengths = new int[list.length];
        for (int i = 0; i < list.length; i++) {
            ArchiveIndex.Entry e = builder.fragments.get(i);
            list[i] = new Fragment(e.offset(), builder.numbers.get(i), e.startTick(), e.hasFull(), builder.endTicks.get(i));
            lengths[i] = builder.lengths.get(i);
        }
        fragments = List.of(list);
        if (indexAt < 0 || !trailer) {
            return;
        }
        ArchiveIndex read = ArchiveIndex.parse(data, indexAt + Blocks.HEADER_BYTES, Blocks.bodyLength(data, indexAt));
        if (read == null || !read.equals(scanned)) {
            damage(indexAt, read == null ? "malformed index" : "the index disagrees with the fragments");
            readable = indexAt;
        } else {
            index = read;
        }
    }

    private String trailer(int pos, int length, int indexAt) {
        if (length != Blocks.TRAILER_BYTES - Blocks.OVERHEAD
                || !Arrays.equals(data, pos + Blocks.HEADER_BYTES + 8, pos + Blocks.HEADER_BYTES + 13, END_MAGIC, 0, 5)) {
            return "malformed trailer";
        }
        if (indexAt < 0 || Blocks.u64(data, pos + Blocks.HEADER_BYTES) != indexAt) {
            return "the trailer does not point at the index";
        }
        return pos + Blocks.TRAILER_BYTES == end ? null : "bytes after the trailer";
    }

    private boolean damaged(int pos) {
        String reason = Blocks.check(data, pos, end);
        if (reason != null) {
            damage(pos, reason);
        }
        return reason != null;
    }

    private void damage(int pos, String reason) {
        damage = "damaged at byte " + pos + ": " + reason;
    }
}
