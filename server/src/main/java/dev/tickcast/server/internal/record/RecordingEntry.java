package dev.tickcast.server.internal.record;

import dev.tickcast.record.ArchiveSummary;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One finished archive as {@code GET /recordings} lists it, read once from its head and index.
 *
 * @param id          the archive's id: its file is {@code <id>.tcrec}
 * @param game        the game's name
 * @param room        the room's id
 * @param startedAtMs when the recording started (epoch milliseconds)
 * @param durationMs  how long it lasted
 * @param bytes       the file's size
 * @param players     the most players seated at once
 */
public record RecordingEntry(String id, String game, String room, long startedAtMs, long durationMs, long bytes,
                             int players) {
    /**
     * The entry of archive {@code id} at {@code file}, from its head and index only ({@link ArchiveSummary}: its
     * fragments are not read), or null if it is not a finished archive (no good trailer and index yet). Blocking.
     */
    public static RecordingEntry read(Path file, String id, long bytes) throws IOException {
        ArchiveSummary s = ArchiveSummary.read(file);
        return s == null ? null : new RecordingEntry(id, s.head().game(), s.head().roomId(), s.head().startedAtMs(),
                s.index().durationMs(), s.bytes(), s.index().players());
    }

    /** The path of the archive under a server's base URL. */
    public String path() {
        return "/recordings/" + id + RecordingIds.SUFFIX;
    }

    /** This entry as JSON, its {@code url} under {@code baseUrl} (no trailing slash). */
    public JsonObject toJson(String baseUrl) {
        return new JsonObject().put("id", id).put("game", game).put("room", room)
                .put("startedAt", Instant.ofEpochMilli(startedAtMs).toString()).put("durationMs", durationMs)
                .put("bytes", bytes).put("players", players).put("url", baseUrl + path());
    }
}
