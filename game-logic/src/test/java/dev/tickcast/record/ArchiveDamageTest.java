package dev.tickcast.record;

import dev.tickcast.record.ArchiveWriter.Recovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static dev.tickcast.record.ArchiveRoundTripTest.CHAT_FRAME;
import static dev.tickcast.record.ArchiveRoundTripTest.GAME_FRAME;
import static dev.tickcast.record.ArchiveRoundTripTest.assertSame;
import static dev.tickcast.record.ArchiveRoundTripTest.stateAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cut or corrupted archive reads up to its damage; a crashed one is finished by recover(). */
class ArchiveDamageTest {
    @TempDir
    Path dir;

    private final ArenaRecording rec = ArenaRecording.record(CHAT_FRAME, GAME_FRAME);

    @Test
    void shouldReadATruncatedFileUpToItsLastWholeFragment() throws IOException {
        byte[] whole = rec.write(dir, "a.tcrec", ArenaRecording.KEYFRAME_EVERY_MS);
        ArchiveReader.Fragment last = ArchiveReader.of(whole).fragments().get(2);
        int end = (int) last.offset() + Blocks.bodyLength(whole, (int) last.offset()) + Blocks.OVERHEAD;
        for (int cut : new int[] {(int) last.offset() + 1, (int) last.offset() + 4, (int) last.offset() + 5,
                                  (int) last.offset() + 700, end - 1}) {
            ArchiveReader r = ArchiveReader.of(Arrays.copyOf(whole, cut));
            assertTrue(r.damage().startsWith("damaged at byte " + last.offset() + ": block"), r.damage());
            assertTrue(r.damage().contains("cut short"), r.damage());
            assertEquals(2, r.fragments().size());
            assertFalse(r.finished());
            assertEquals(last.offset(), r.readableBytes());
            Replay replay = r.replay();
            assertTrue(replay.seek(90));
            assertSame(stateAt(rec.recorder.states(), 60), replay.state(), "cut at " + cut);
            assertFalse(replay.next());
        }
        ArchiveReader noTrailer = ArchiveReader.of(Arrays.copyOf(whole, whole.length - Blocks.TRAILER_BYTES));
        assertNull(noTrailer.damage(), "an index without its trailer is an unfinished file, not damage");
        assertFalse(noTrailer.finished());
        assertEquals(3, noTrailer.fragments().size());
    }

    @Test
    void shouldStopAtACorruptedBlock() throws IOException {
        byte[] bytes = rec.write(dir, "a.tcrec", ArenaRecording.KEYFRAME_EVERY_MS);
        ArchiveReader.Fragment second = ArchiveReader.of(bytes).fragments().get(1);
        bytes[(int) second.offset() + 300] ^= 0x10;
        ArchiveReader r = ArchiveReader.of(bytes);
        assertEquals("damaged at byte " + second.offset() + ": CRC32C mismatch in a block of kind 2", r.damage());
        assertEquals(1, r.fragments().size());
        assertEquals(30, r.endTick());
        Replay replay = r.replay();
        assertTrue(replay.seek(70));
        assertSame(stateAt(rec.recorder.states(), 30), replay.state(), "the last readable state");
    }

    @Test
    void shouldRefuseABlockOver64MiBWithoutAllocatingIt() throws IOException {
        byte[] bytes = rec.write(dir, "a.tcrec", 0);
        int at = (int) ArchiveReader.of(bytes).fragments().get(1).offset();
        Blocks.putU32(bytes, at + 1, Blocks.MAX_BODY_BYTES + 1L);
        ArchiveReader r = ArchiveReader.of(bytes);
        assertEquals("damaged at byte " + at + ": block length 67108865 is over 64 MiB", r.damage());
        assertEquals(1, r.fragments().size());
    }

    @Test
    void shouldReportADamagedHead() {
        ArchiveReader empty = ArchiveReader.of(new byte[0]);
        assertEquals("damaged at byte 0: block header cut short (0 of 5 bytes)", empty.damage());
        assertNull(empty.head());
        assertFalse(empty.replay().seek(100));
        byte[] head = rec.head.toBlock();
        head[Blocks.HEADER_BYTES] = 'X';
        Blocks.seal(Blocks.HEAD, head, 0, head.length - Blocks.OVERHEAD);
        assertTrue(ArchiveReader.of(head).damage().startsWith("damaged at byte 0: malformed head"));
    }

    @Test
    void shouldRecoverACrashedFileToTheFinishedArchive() throws IOException {
        byte[] finished = rec.write(dir, "finished.tcrec", ArenaRecording.KEYFRAME_EVERY_MS);
        Path crashed = dir.resolve("crashed.tcrec");
        try (ArchiveWriter w = ArchiveWriter.create(crashed, rec.head)) {
            for (byte[] block : rec.blocks) {
                w.appendFragment(block);
            }
        }
        try (FileChannel ch = FileChannel.open(crashed, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(Arrays.copyOf(rec.blocks.get(1), 100)));
        }
        assertFalse(ArchiveReader.read(crashed).finished());
        assertEquals(Recovery.RECOVERED, ArchiveWriter.recover(crashed, ArenaRecording.KEYFRAME_EVERY_MS));
        assertArrayEquals(finished, Files.readAllBytes(crashed));
        assertEquals(Recovery.FINISHED, ArchiveWriter.recover(crashed, ArenaRecording.KEYFRAME_EVERY_MS),
                "a finished file is left as is");
        assertArrayEquals(finished, Files.readAllBytes(crashed));
        assertFalse(Files.exists(dir.resolve("crashed.tcrec.thin")));
    }

    @Test
    void shouldRecoverAFileCutBetweenIndexAndTrailer() throws IOException {
        byte[] finished = rec.write(dir, "finished.tcrec", ArenaRecording.KEYFRAME_EVERY_MS);
        Path cut = dir.resolve("cut.tcrec");
        Files.write(cut, Arrays.copyOf(finished, finished.length - 3));
        assertEquals(Recovery.RECOVERED, ArchiveWriter.recover(cut, ArenaRecording.KEYFRAME_EVERY_MS));
        assertArrayEquals(finished, Files.readAllBytes(cut));
    }

    @Test
    void shouldRecoverAFileWithOnlyItsHead() throws IOException {
        Path path = dir.resolve("head.tcrec");
        ArchiveWriter.create(path, rec.head).close();
        assertEquals(Recovery.RECOVERED, ArchiveWriter.recover(path, 1000));
        ArchiveReader r = ArchiveReader.read(path);
        assertTrue(r.finished());
        assertEquals(0, r.fragments().size());
        assertEquals(0, r.durationMs());
        Path junk = dir.resolve("junk.tcrec");
        Files.write(junk, new byte[] {1, 2, 3});
        assertEquals(Recovery.NOT_AN_ARCHIVE, ArchiveWriter.recover(junk, 1000));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(junk));
    }

    @Test
    void shouldLeaveAFileItsWriterStillHolds() throws IOException {
        Path path = dir.resolve("live.tcrec");
        try (ArchiveWriter w = ArchiveWriter.create(path, rec.head)) {
            w.appendFragment(rec.blocks.get(0));
            byte[] before = Files.readAllBytes(path);
            assertEquals(Recovery.IN_USE, ArchiveWriter.recover(path, 1000), "the writer holds its lock");
            assertArrayEquals(before, Files.readAllBytes(path));
            w.appendFragment(rec.blocks.get(1));
        }
        assertEquals(Recovery.RECOVERED, ArchiveWriter.recover(path, 1000), "closed without finishing: abandoned");
        assertEquals(2, ArchiveReader.read(path).fragments().size());
    }

    @Test
    void shouldSummariseOnlyAFinishedArchive() throws IOException {
        byte[] finished = rec.write(dir, "finished.tcrec", ArenaRecording.KEYFRAME_EVERY_MS);
        ArchiveSummary summary = ArchiveSummary.read(dir.resolve("finished.tcrec"));
        assertEquals(rec.head, summary.head());
        assertEquals(ArchiveReader.of(finished).index(), summary.index());
        assertEquals(finished.length, summary.bytes());
        Path cut = dir.resolve("cut.tcrec");
        Files.write(cut, Arrays.copyOf(finished, finished.length - 1));
        assertNull(ArchiveSummary.read(cut));
        byte[] flipped = finished.clone();
        flipped[flipped.length - Blocks.TRAILER_BYTES - 3] ^= 1;
        Files.write(cut, flipped);
        assertNull(ArchiveSummary.read(cut), "a damaged index");
    }

    @Test
    void shouldRefuseAppendingWhatIsNotTheNextFragment() throws IOException {
        try (ArchiveWriter w = ArchiveWriter.create(dir.resolve("w.tcrec"), rec.head)) {
            assertThrows(IllegalArgumentException.class, () -> w.appendFragment(rec.blocks.get(1)));
            assertThrows(IllegalArgumentException.class, () -> w.appendFragment(rec.head.toBlock()));
            w.appendFragment(rec.blocks.get(0));
            byte[] bad = rec.blocks.get(1).clone();
            bad[10] ^= 1;
            assertThrows(IllegalArgumentException.class, () -> w.appendFragment(bad));
            assertEquals(1, w.fragmentCount());
        }
    }

    @Test
    void shouldCutALongMarkAtACharacterBoundary() {
        FragmentBuilder b = new FragmentBuilder();
        b.begin(0, 10, null);
        b.mark(12, "é".repeat(150));
        byte[] block = b.finish();
        String[] seen = new String[1];
        FragmentBody.parse(block, Blocks.HEADER_BYTES, Blocks.bodyLength(block, 0)).walk(new EntryVisitor() {
            @Override
            public void mark(int tick, String text) {
                seen[0] = text;
            }
        });
        assertEquals("é".repeat(100), seen[0]);
        assertThrows(IllegalArgumentException.class, () -> {
            b.begin(1, 20, null);
            b.leave(21, 1);
            b.leave(20, 1);
        });
    }
}
