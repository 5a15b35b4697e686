package dev.tickcast.server.internal.record;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue reads a file once per size and time, on a worker thread, and lists the finished ones newest first. */
class RecordingCatalogueTest {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private final List<String> reads = new CopyOnWriteArrayList<>();
    private final List<Boolean> onWorker = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close();
    }

    private RecordingEntry counting(Path file, String id, long bytes) throws java.io.IOException {
        reads.add(id);
        onWorker.add(Context.isOnWorkerThread());
        return FakeArchives.read(file, id, bytes);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldReadEachFileOncePerSizeAndTimeOnAWorker() throws Exception {
        String a = FakeArchives.id('a');
        String b = FakeArchives.id('b');
        String w = FakeArchives.id('w');
        FakeArchives.write(dir, a, 100, true, 1000, 1);
        FakeArchives.write(dir, w, 100, false, 3000, 1);
        RecordingCatalogue catalogue = new RecordingCatalogue(vertx, dir, this::counting, System::nanoTime, 0);

        List<RecordingEntry> first = await(catalogue.list());
        assertEquals(List.of(a), first.stream().map(RecordingEntry::id).toList());
        assertEquals(2, reads.size(), "both files read once");
        assertTrue(onWorker.stream().allMatch(x -> x), "on a worker thread, never an event loop");

        await(catalogue.list());
        assertEquals(2, reads.size(), "nothing changed: nothing read again");

        FakeArchives.write(dir, b, 100, true, 2000, 2);
        FakeArchives.write(dir, w, 150, true, 3000, 3);
        List<RecordingEntry> later = await(catalogue.list());
        assertEquals(List.of(w, b, a), later.stream().map(RecordingEntry::id).toList(), "newest first by start");
        assertEquals(4, reads.size(), "the new file and the finished one read, the old one not");

        Files.delete(dir.resolve(a + RecordingIds.SUFFIX));
        assertEquals(List.of(w, b), await(catalogue.list()).stream().map(RecordingEntry::id).toList());
        assertNull(catalogue.findNow(a), "gone");
        assertNull(catalogue.findNow("../" + b.substring(3)), "not an id: the disk is not touched");
        assertEquals(b, catalogue.findNow(b).id());
        assertEquals(4, reads.size());
    }

    @Test
    void shouldShareOneListingForTheCachePeriod() throws Exception {
        FakeArchives.write(dir, FakeArchives.id('a'), 100, true, 1000, 1);
        RecordingCatalogue catalogue = new RecordingCatalogue(vertx, dir, this::counting, System::nanoTime, 60_000);
        List<RecordingEntry> first = await(catalogue.list());
        FakeArchives.write(dir, FakeArchives.id('b'), 100, true, 2000, 2);
        assertSame(first, await(catalogue.list()), "within the period: the same listing");
        catalogue.changed();
        assertEquals(2, await(catalogue.list()).size(), "after a change: a new one");
    }
}
