package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.record.ArchiveReader;
import dev.tickcast.server.internal.room.Room;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --record arena} over real WebSockets: a room of the arena leaves a finished archive in --recordings-dir. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RecordingEndToEndTest {
    @Test
    void shouldLeaveAFinishedArchiveOfARecordedGamesRoom(Vertx vertx, @TempDir Path dir) throws Exception {
        Path recordings = dir.resolve("recordings"); // made by the first write
        TickcastOptions options = TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2)
                .with(RecordSettings.RECORD, List.of("arena")).with(RecordSettings.RECORDINGS_DIR, recordings.toString())
                .with(RecordSettings.RECORDING_FRAGMENT_SECONDS, 1);
        ServerFixture fixture = new ServerFixture(vertx, options, new GameRegistry().register(ArenaGame.SPEC));
        Bot ann = Bot.join(vertx, fixture.port(), "ann");
        String roomId = ann.welcome().roomId();
        fixture.awaitRoom(roomId, r -> r.tick() >= 200);
        Room room = fixture.server.room(roomId);
        Bot.get(fixture.server.shutdown().toCompletionStage().toCompletableFuture());
        Bot.get(room.recorded().toCompletionStage().toCompletableFuture());

        List<Path> files;
        try (Stream<Path> list = Files.list(recordings)) {
            files = list.toList();
        }
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().matches("[A-Za-z0-9_-]{22}\\.tcrec"), files.toString());
        ArchiveReader archive = ArchiveReader.read(files.get(0));
        assertTrue(archive.finished(), String.valueOf(archive.damage()));
        assertEquals("arena", archive.head().game());
        assertEquals(roomId, archive.head().roomId());
        assertEquals(1, archive.players());
        assertTrue(archive.fragments().size() >= 3, archive.fragments().toString());
        assertTrue(archive.replay().seek(archive.endTick()), "it replays to its end");
    }
}
