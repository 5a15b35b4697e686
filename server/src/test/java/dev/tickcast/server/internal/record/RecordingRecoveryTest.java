package dev.tickcast.server.internal.record;

import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.ArchiveWriter;
import dev.tickcast.record.RecordingHead;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crashed run's unfinished archive is finished by the disk budget's next pass (then listed, and evictable);
 * an archive this process writes, or that another writer holds locked, is left alone.
 */
class RecordingRecoveryTest {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private RecordingCatalogue recordings() {
        return new RecordingCatalogue(vertx, dir, RecordingEntry::read, System::nanoTime, 0);
    }

    @Test
    void shouldFinishAnAbandonedArchiveAndListIt() throws Exception {
        String id = Recordings.newId();
        Path crashed = RealArchives.write(dir, id, "arena", "r1", 1_000L, 3, 2, false);
        byte[] before = Files.readAllBytes(crashed);
        RecordingCatalogue catalogue = recordings();
        assertTrue(catalogue.scan().stream().noneMatch(RecordingCatalogue.Known::finished), "unfinished at first");

        assertEquals(0, new RecordingBudget(vertx, catalogue, 1L << 30).enforceNow(), "nothing evicted");

        ArchiveReader r = ArchiveReader.read(crashed);
        assertTrue(r.finished(), "finished by the budget's pass");
        assertEquals(3, r.fragments().size(), "every fragment kept");
        int headEnd = (int) r.fragments().get(0).offset();
        assertArrayEquals(Arrays.copyOf(before, headEnd), Arrays.copyOf(r.bytes(), headEnd), "the head as it was");
        List<RecordingEntry> listed = catalogue.list().toCompletionStage().toCompletableFuture().get();
        assertEquals(List.of(id), listed.stream().map(RecordingEntry::id).toList());
        assertEquals(2, listed.get(0).players());
    }

    @Test
    void shouldLeaveWhatThisProcessWritesAndWhatAnotherWriterHolds() throws Exception {
        String ours = Recordings.newId();
        Path mine = RealArchives.write(dir, ours, "arena", "r1", 1_000L, 2, 1, false);
        byte[] mineBefore = Files.readAllBytes(mine);
        String theirs = Recordings.newId();
        Path held = dir.resolve(theirs + RecordingIds.SUFFIX);
        try (ArchiveWriter other = ArchiveWriter.create(held, RecordingHead.of("arena", "r2", 2_000L, 60, 3, 240,
                RecordingHead.schemaBytes(List.of())))) {
            byte[] heldBefore = Files.readAllBytes(held);
            RecordingBudget budget = new RecordingBudget(vertx, recordings(), 1L << 30);
            budget.exceptWriting(Set.of(ours)::contains);

            budget.enforceNow();

            assertArrayEquals(mineBefore, Files.readAllBytes(mine), "this process's own archive: untouched");
            assertArrayEquals(heldBefore, Files.readAllBytes(held), "locked by its writer: untouched");
            assertFalse(ArchiveReader.read(held).finished());
        }
    }
}
