package dev.tickcast.server.internal.record;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The disk budget: the oldest finished archives go until the total fits; unfinished files never go. */
class RecordingBudgetTest {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private RecordingCatalogue recordings() {
        return new RecordingCatalogue(vertx, dir, FakeArchives::read, System::nanoTime, 0);
    }

    @Test
    void shouldDeleteTheOldestFinishedUntilUnderTheBudget() throws Exception {
        Path a = FakeArchives.write(dir, FakeArchives.id('a'), 1000, true, 1, 10_000);
        Path b = FakeArchives.write(dir, FakeArchives.id('b'), 1000, true, 2, 20_000);
        Path c = FakeArchives.write(dir, FakeArchives.id('c'), 1000, true, 3, 30_000);
        Path busy = FakeArchives.write(dir, FakeArchives.id('w'), 1000, false, 0, 5_000);
        Files.writeString(dir.resolve("notes.txt"), "x".repeat(5000));
        RecordingBudget budget = new RecordingBudget(vertx, recordings(), 2500);

        int evicted = budget.enforce().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(2, evicted, "4000 bytes of archives, 2500 allowed: two go");
        assertFalse(Files.exists(a), "the oldest first");
        assertFalse(Files.exists(b));
        assertTrue(Files.exists(c), "the newest stays");
        assertTrue(Files.exists(busy), "an unfinished file is never deleted, though older");
        assertTrue(Files.exists(dir.resolve("notes.txt")), "other files are not archives: neither counted nor deleted");
        assertEquals(0, budget.enforceNow(), "under the budget: nothing more");
    }

    @Test
    void shouldDeleteNothingUnderTheBudgetOrWhenOnlyUnfinishedFilesHoldIt() throws Exception {
        FakeArchives.write(dir, FakeArchives.id('a'), 1000, true, 1, 10_000);
        assertEquals(0, new RecordingBudget(vertx, recordings(), 1000).enforceNow(), "at the budget exactly");
        FakeArchives.write(dir, FakeArchives.id('w'), 3000, false, 0, 5_000);
        RecordingBudget small = new RecordingBudget(vertx, recordings(), 2000);
        assertEquals(1, small.enforceNow(), "the finished one goes");
        assertEquals(0, small.enforceNow(), "still over, held by the unfinished file: nothing to delete");
        assertTrue(Files.exists(dir.resolve(FakeArchives.id('w') + RecordingIds.SUFFIX)));
    }

    @Test
    void shouldDeleteFinishedArchivesOlderThanTheAgeLimitWhateverTheBudget() throws Exception {
        Path old = FakeArchives.write(dir, FakeArchives.id('a'), 1000, true, 1, 10_000);
        Path young = FakeArchives.write(dir, FakeArchives.id('b'), 1000, true, 2, 50_000);
        Path oldUnfinished = FakeArchives.write(dir, FakeArchives.id('w'), 1000, false, 0, 5_000);
        RecordingBudget budget = new RecordingBudget(vertx, recordings(), 1L << 30, 40_000, () -> 60_000L);

        assertEquals(1, budget.enforceNow(), "far under the budget, but one is older than 40 s");
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young), "finished 10 s ago");
        assertTrue(Files.exists(oldUnfinished), "an unfinished file is never deleted");
        assertEquals(0, new RecordingBudget(vertx, recordings(), 1L << 30, 0, () -> Long.MAX_VALUE).enforceNow(),
                "0: no age limit");
    }

    @Test
    void shouldDoNothingWithoutTheDirectory() throws Exception {
        RecordingCatalogue none = new RecordingCatalogue(vertx, dir.resolve("missing"), FakeArchives::read, System::nanoTime, 0);
        assertEquals(0, new RecordingBudget(vertx, none, 1).enforceNow());
    }
}
