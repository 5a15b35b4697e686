package dev.tickcast.golden;

import dev.tickcast.record.ArchiveIndex;
import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.ArenaRecording;
import dev.tickcast.record.Blocks;
import dev.tickcast.record.EntryVisitor;
import dev.tickcast.record.RecordingHead;
import dev.tickcast.record.Replay;
import dev.tickcast.state.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The golden recordings (docs/PROTOCOL.md 13 and 14): the arena recorded by
 * {@link ArenaRecording} (its CHAT and GAME_MESSAGE entries are the message vectors
 * {@code messages/chat.bin} and {@code messages/game_message.bin}), a copy cut in the middle of its
 * last fragment and a copy with one byte flipped in its second fragment; each manifest entry says
 * what a reader finds, as the Java reader finds it.
 */
final class RecordingsCase {
    static final String CHAT_FILE = "messages/chat.bin";
    static final String GAME_FILE = "messages/game_message.bin";

    private RecordingsCase() {
    }

    /** Writes recordings/*.tcrec into {@code files} (whose message vectors are already there); returns the manifest entries. */
    static String write(Map<String, byte[]> files) {
        byte[] archive = archive(files.get(CHAT_FILE), files.get(GAME_FILE));
        ArchiveReader whole = ArchiveReader.of(archive);
        ArchiveReader.Fragment last = whole.fragments().get(whole.fragments().size() - 1);
        byte[] truncated = Arrays.copyOf(archive, (int) last.offset() + length(archive, last) / 2);
        byte[] corrupted = archive.clone();
        ArchiveReader.Fragment second = whole.fragments().get(1);
        corrupted[(int) second.offset() + length(archive, second) / 2] ^= (byte) 0xFF;
        files.put("recordings/arena.tcrec", archive);
        files.put("recordings/truncated.tcrec", truncated);
        files.put("recordings/corrupted.tcrec", corrupted);
        return entry("arena", archive, files) + ",\n" + entry("truncated", truncated, files) + ",\n"
                + entry("corrupted", corrupted, files);
    }

    private static int length(byte[] archive, ArchiveReader.Fragment f) {
        return Blocks.bodyLength(archive, (int) f.offset()) + Blocks.OVERHEAD;
    }

    private static byte[] archive(byte[] chat, byte[] game) {
        try {
            Path dir = Files.createTempDirectory("golden-recording");
            try {
                return ArenaRecording.record(chat, game).write(dir, "arena.tcrec", ArenaRecording.KEYFRAME_EVERY_MS);
            } finally {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest entry of one archive, as the Java reader reads {@code bytes}. */
    static String entry(String name, byte[] bytes, Map<String, byte[]> files) {
        ArchiveReader r = ArchiveReader.of(bytes);
        RecordingHead h = r.head();
        StringBuilder out = new StringBuilder("{\"name\":").append(Json.string(name))
                .append(",\"file\":").append(Json.string("recordings/" + name + ".tcrec"))
                .append(",\"bytes\":").append(bytes.length)
                .append(",\"finished\":").append(r.finished())
                .append(",\"readableBytes\":").append(r.readableBytes())
                .append(",\"damage\":").append(damage(r.damage()))
                .append(",\n\"head\":{\"formatVersion\":").append(h.formatVersion())
                .append(",\"protocolVersion\":").append(h.protocolVersion())
                .append(",\"game\":").append(Json.string(h.game()))
                .append(",\"roomId\":").append(Json.string(h.roomId()))
                .append(",\"startedAtMs\":").append(h.startedAtMs())
                .append(",\"tickHz\":").append(h.tickHz())
                .append(",\"snapshotEveryTicks\":").append(h.snapshotEveryTicks())
                .append(",\"fragmentTicks\":").append(h.fragmentTicks())
                .append(",\"schema\":").append(Json.string(same(files, "arena/schema.bin", h.schema()))).append("},\n");
        out.append("\"endTick\":").append(r.endTick()).append(",\"players\":").append(r.players())
                .append(",\"durationMs\":").append(r.durationMs()).append(",\"markers\":[");
        for (int i = 0; i < r.markers().size(); i++) {
            ArchiveIndex.Marker m = r.markers().get(i);
            out.append(i == 0 ? "" : ",").append("{\"tick\":").append(m.tick()).append(",\"text\":")
                    .append(Json.string(m.text())).append('}');
        }
        out.append("],\n\"fragments\":[");
        for (int i = 0; i < r.fragments().size(); i++) {
            fragment(out.append(i == 0 ? "\n" : ",\n"), r, i, files);
        }
        out.append("\n],\n\"states\":[");
        states(out, r, files);
        return out.append("\n]}").toString();
    }

    private static String damage(String damage) {
        if (damage == null) {
            return "null";
        }
        int at = Integer.parseInt(damage.substring("damaged at byte ".length(), damage.indexOf(':')));
        String reason = damage.contains("CRC32C") ? "crc" : damage.contains("cut short") ? "cut" : "other";
        return "{\"at\":" + at + ",\"reason\":" + Json.string(reason) + ",\"text\":" + Json.string(damage) + "}";
    }

    private static void fragment(StringBuilder out, ArchiveReader r, int i, Map<String, byte[]> files) {
        ArchiveReader.Fragment f = r.fragments().get(i);
        int[] full = r.full(i);
        out.append("{\"offset\":").append(f.offset()).append(",\"number\":").append(f.number())
                .append(",\"startTick\":").append(f.startTick()).append(",\"hasFull\":").append(f.hasFull())
                .append(",\"fullLength\":").append(full == null ? 0 : full[1])
                .append(",\"endTick\":").append(f.endTick()).append(",\"entries\":[");
        StringBuilder entries = new StringBuilder();
        r.entries(i, new EntryVisitor() {
            @Override
            public void snapshot(int tick, byte[] data, int offset, int length) {
                add(tick, "SNAPSHOT", ",\"length\":" + length);
            }

            @Override
            public void chat(int tick, byte[] data, int offset, int length) {
                add(tick, "CHAT", ",\"file\":" + Json.string(same(files, CHAT_FILE, Arrays.copyOfRange(data, offset, offset + length))));
            }

            @Override
            public void gameMessage(int tick, byte[] data, int offset, int length) {
                add(tick, "GAME_MESSAGE", ",\"file\":" + Json.string(same(files, GAME_FILE,
                        Arrays.copyOfRange(data, offset, offset + length))));
            }

            @Override
            public void join(int tick, int playerId, String name) {
                add(tick, "JOIN", ",\"playerId\":" + playerId + ",\"name\":" + Json.string(name));
            }

            @Override
            public void leave(int tick, int playerId) {
                add(tick, "LEAVE", ",\"playerId\":" + playerId);
            }

            @Override
            public void mark(int tick, String text) {
                add(tick, "MARK", ",\"text\":" + Json.string(text));
            }

            private void add(int tick, String type, String rest) {
                entries.append(entries.length() == 0 ? "\n" : ",\n").append("{\"tick\":").append(tick)
                        .append(",\"type\":").append(Json.string(type)).append(rest).append('}');
            }
        });
        out.append(entries).append("\n]}");
    }

    /** Every snapshot tick replayed, with the arena case's state file of that tick when it has one. */
    private static void states(StringBuilder out, ArchiveReader r, Map<String, byte[]> files) {
        Replay replay = r.replay();
        String sep = "\n";
        for (boolean more = replay.seek(r.fragments().get(0).startTick()); more; more = replay.next()) {
            Snapshot s = replay.state();
            int step = s.tick() / 3 - 1;
            String file = String.format("arena/%03d.json", step);
            if (!GoldenVectors.ARENA_SKIPPED.contains(step)) {
                same(files, file, Json.state(s).getBytes(StandardCharsets.UTF_8));
                out.append(sep).append("{\"tick\":").append(s.tick()).append(",\"state\":").append(Json.string(file)).append('}');
                sep = ",\n";
            }
        }
    }

    private static String same(Map<String, byte[]> files, String file, byte[] bytes) {
        if (!Arrays.equals(files.get(file), bytes)) {
            throw new IllegalStateException("the recording's bytes are not " + file);
        }
        return file;
    }
}
