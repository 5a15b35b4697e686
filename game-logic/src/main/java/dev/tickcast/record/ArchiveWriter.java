package dev.tickcast.record;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.wire.Wire;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one archive file (docs/PROTOCOL.md 14), with blocking file I/O: call it from a worker,
 * never from an event loop or a room's thread. {@link #create} writes the head,
 * {@link #appendFragment} each FRAGMENT block, forced to the disk (so a crash loses at most the
 * fragment being written), and {@link #finish} thins the keyframes and writes the index and the
 * trailer. A file whose writer never finished (a crash, kill -9) is finished later by
 * {@link #recover}. Not thread-safe: one writer per file, used by one thread at a time.
 *
 * <p>A writer holds an exclusive lock on its file (an OS lock: released when the file is closed, or
 * by the system when the process dies) from before the head is written, so {@link #recover} can tell
 * a file still being written, by this process or another sharing the folder, from an abandoned one.
 *
 * <p>Thinning rewrites the file: the thinned copy is written beside it ({@code name.thin}),
 * forced, and renamed over it atomically, so a crash while finishing leaves either the unthinned
 * file (which {@link #recover} finishes) or the finished one, never a mix. When no keyframe is
 * dropped the index and trailer are appended in place.
 */
public final class ArchiveWriter implements Closeable {
    /** The default keyframe interval of a finished archive ({@code archiveKeyframeSeconds}, 30 s). */
    public static final int DEFAULT_KEYFRAME_EVERY_MS = 30_000;

    /** What {@link #recover} found. */
    public enum Recovery {
        /** The file was finished already: left as is. */
        FINISHED,
        /** The file was unfinished and is now finished. */
        RECOVERED,
        /** A writer holds the file (this process or another): left as is. */
        IN_USE,
        /** The file's head is unreadable (not an archive, or empty): left as is. */
        NOT_AN_ARCHIVE
    }

    private final Path path;
    private final RecordingHead head;
    private final FileChannel channel;
    private final int headLength;
    private final IndexBuilder builder = new IndexBuilder();
    private long position;
    private boolean closed;

    private ArchiveWriter(Path path, RecordingHead head, FileChannel channel, int headLength, long position) {
        this.path = path;
        this.head = head;
        this.channel = channel;
        this.headLength = headLength;
        this.position = position;
    }

    /** Creates {@code path} (it must not exist) and writes {@code head}'s block. */
    public static ArchiveWriter create(Path path, RecordingHead head) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        byte[] block = head.toBlock();
        try {
            ch.lock(); // waits only while a recover() looks at the empty file, finds no head and lets go
            writeFully(ch, block, 0);
            ch.force(false);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new ArchiveWriter(path, head, ch, block.length, block.length);
    }

    /** The file written. */
    public Path path() {
        return path;
    }

    /** Bytes written so far. */
    public long bytes() {
        return position;
    }

    /** Fragments appended so far. */
    public int fragmentCount() {
        return builder.fragments.size();
    }

    /**
     * Appends a FRAGMENT block ({@link FragmentBuilder#finish()}) and forces it to the disk. A block
     * that is not a whole fragment following the ones before is refused (a bug of the caller).
     */
    public void appendFragment(byte[] block) throws IOException {
        ensureOpen();
        String bad = Blocks.check(block, 0, block.length);
        if (bad == null && Blocks.kind(block, 0) != Blocks.FRAGMENT) {
            bad = "a block of kind " + Blocks.kind(block, 0);
        }
        if (bad == null && Blocks.bodyLength(block, 0) + Blocks.OVERHEAD != block.length) {
            bad = "bytes after the block";
        }
        if (bad == null) {
            bad = builder.add(block, 0, position);
        }
        if (bad != null) {
            throw new IllegalArgumentException("not a fragment to append: " + bad);
        }
        writeFully(channel, block, position);
        channel.force(false);
        position += block.length;
    }

    /**
     * Finishes the archive and closes it: keeps the first fragment's keyframe and then one at least
     * {@code keyframeEveryMs} after the last kept (0: keeps them all), and writes the index and
     * trailer. Returns the finished file's size.
     */
    public long finish(int keyframeEveryMs) throws IOException {
        ensureOpen();
        boolean[] keep = keep(keyframeEveryMs);
        boolean thin = false;
        for (int i = 0; i < keep.length; i++) {
            thin |= builder.fragments.get(i).hasFull() && !keep[i];
        }
        try {
            if (!thin) {
                writeEnd(channel, position, builder.fragments);
                channel.force(true);
                return channel.size();
            }
            return rewriteThinned(keep);
        } finally {
            close();
        }
    }

    /** Closes the file without finishing it: {@link #recover} finishes it later. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    /** {@link #recover(Path, int)} with {@link #DEFAULT_KEYFRAME_EVERY_MS}. */
    public static Recovery recover(Path path) throws IOException {
        return recover(path, DEFAULT_KEYFRAME_EVERY_MS);
    }

    /**
     * Finishes the archive at {@code path} if a crash left it unfinished: drops what follows its
     * last whole fragment (a cut or damaged block, a lone index), then finishes it like
     * {@link #finish}. A file a writer still holds, a finished file and a file without a readable
     * head are left as they are.
     */
    public static Recovery recover(Path path, int keyframeEveryMs) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ArchiveWriter w = null;
        try {
            if (!tryLock(ch)) {
                return Recovery.IN_USE;
            }
            ArchiveReader reader = ArchiveReader.read(ch);
            if (reader.head() == null) {
                return Recovery.NOT_AN_ARCHIVE;
            }
            if (reader.finished()) {
                return Recovery.FINISHED;
            }
            w = resume(path, ch, reader);
        } finally {
            if (w == null) {
                ch.close();
            }
        }
        w.finish(keyframeEveryMs);
        return Recovery.RECOVERED;
    }

    /** True if this call locked {@code ch}'s file; false if a writer (this process or another) holds it. */
    private static boolean tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /** A writer over {@code ch} after the last whole fragment {@code reader} found (what follows is cut off). */
    private static ArchiveWriter resume(Path path, FileChannel ch, ArchiveReader reader) throws IOException {
        byte[] data = reader.bytes();
        int headLength = Blocks.bodyLength(data, 0) + Blocks.OVERHEAD;
        ArchiveWriter w = new ArchiveWriter(path, reader.head(), ch, headLength, headLength);
        for (ArchiveReader.Fragment f : reader.fragments()) {
            String bad = w.builder.add(data, (int) f.offset(), f.offset());
            if (bad != null) {
                throw new IllegalStateException("a fragment the reader accepted: " + bad);
            }
            w.position = f.offset() + Blocks.bodyLength(data, (int) f.offset()) + Blocks.OVERHEAD;
        }
        ch.truncate(w.position);
        ch.force(true);
        return w;
    }

    private boolean[] keep(int keyframeEveryMs) {
        List<ArchiveIndex.Entry> list = builder.fragments;
        long every = (long) keyframeEveryMs * head.tickHz() / 1000L;
        boolean[] keep = new boolean[list.size()];
        long lastKept = Long.MIN_VALUE;
        for (int i = 0; i < keep.length; i++) {
            ArchiveIndex.Entry e = list.get(i);
            keep[i] = e.hasFull() && (i == 0 || keyframeEveryMs <= 0 || e.startTick() - lastKept >= every);
            if (keep[i]) {
                lastKept = e.startTick();
            }
        }
        return keep;
    }

    private long rewriteThinned(boolean[] keep) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".thin");
        List<ArchiveIndex.Entry> entries = new ArrayList<>();
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long at = 0;
            at += writeFully(out, readBlock(0, headLength), at);
            for (int i = 0; i < keep.length; i++) {
                ArchiveIndex.Entry e = builder.fragments.get(i);
                byte[] block = readBlock(e.offset(), builder.lengths.get(i));
                if (e.hasFull() && !keep[i]) {
                    block = withoutFull(block);
                }
                entries.add(new ArchiveIndex.Entry(at, e.startTick(), keep[i]));
                at += writeFully(out, block, at);
            }
            writeEnd(out, at, entries);
            out.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(path);
    }

    /** The fragment block without its keyframe (flags bit 0 clear). */
    static byte[] withoutFull(byte[] block) {
        FragmentBody body = FragmentBody.parse(block, Blocks.HEADER_BYTES, Blocks.bodyLength(block, 0));
        Output out = new Output(block.length, -1);
        out.setPosition(Blocks.HEADER_BYTES);
        Wire.writeVarUInt(out, body.number);
        Wire.writeVarUInt(out, body.startTick);
        Wire.writeVarUInt(out, 0);
        out.writeBytes(block, body.entriesAt, body.end - body.entriesAt);
        int bodyLength = out.position() - Blocks.HEADER_BYTES;
        out.writeBytes(new byte[Blocks.CRC_BYTES]);
        Blocks.seal(Blocks.FRAGMENT, out.getBuffer(), 0, bodyLength);
        return out.toBytes();
    }

    private void writeEnd(FileChannel ch, long at, List<ArchiveIndex.Entry> entries) throws IOException {
        byte[] index = builder.build(head.tickHz(), entries).toBlock();
        writeFully(ch, index, at);
        byte[] body = new byte[Blocks.TRAILER_BYTES - Blocks.OVERHEAD];
        Blocks.putU64(body, 0, at);
        System.arraycopy("TCEND".getBytes(StandardCharsets.US_ASCII), 0, body, 8, 5);
        writeFully(ch, Blocks.frame(Blocks.TRAILER, body, 0, body.length), at + index.length);
    }

    private byte[] readBlock(long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, at + buf.position()) < 0) {
                throw new IOException(path + " ends before byte " + (at + length));
            }
        }
        return buf.array();
    }

    private static int writeFully(FileChannel ch, byte[] bytes, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf, at + buf.position());
        }
        return bytes.length;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
    }
}
