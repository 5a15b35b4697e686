package dev.tickcast.record;

import dev.tickcast.games.arena.ArenaScript;
import dev.tickcast.state.Snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A deterministic recording of the arena (the golden vectors' and the tests' archive): seed 7,
 * three players, 30 snapshots at 20 Hz (ticks 3 to 90), fragments of 30 ticks (3, 33, 63), a chat
 * at tick 12, a game message at 40, a marker at 45 and a leave at 75, thinned to a keyframe a
 * second (fragments 0 and 2 keep theirs).
 */
public final class ArenaRecording {
    /** The arena's seed. */
    public static final long SEED = 7L;
    /** The players, ids 0, 1, 2. */
    public static final String[] PLAYERS = {"ann", "Zoë", "🎮 bot"};
    /** Snapshots recorded. */
    public static final int SNAPSHOTS = 30;
    /** Ticks per fragment. */
    public static final int FRAGMENT_TICKS = 30;
    /** Keyframes kept by thinning: one a second. */
    public static final int KEYFRAME_EVERY_MS = 1000;
    /** The head's start time. */
    public static final long STARTED_AT_MS = 1_767_225_600_000L;

    /** The recorder, after the recording. */
    public final SpectatorRecorder recorder;
    /** The head. */
    public final RecordingHead head;
    /** The fragment blocks as built (before thinning). */
    public final List<byte[]> blocks;

    private ArenaRecording(SpectatorRecorder recorder, RecordingHead head, List<byte[]> blocks) {
        this.recorder = recorder;
        this.head = head;
        this.blocks = blocks;
    }

    /**
     * Records the arena; {@code chat} and {@code gameMessage} are whole CHAT and GAME_MESSAGE
     * frames to record.
     */
    public static ArenaRecording record(byte[] chat, byte[] gameMessage) {
        ArenaScript script = new ArenaScript(SEED, PLAYERS);
        SpectatorRecorder r = new SpectatorRecorder(script.world().schemas(), FRAGMENT_TICKS);
        for (int i = 0; i < SNAPSHOTS; i++) {
            Snapshot s = script.nextSnapshot(script.newSnapshot());
            int tick = s.tick();
            r.snapshot(s);
            FragmentBuilder b = r.builder();
            if (i == 0) {
                for (int p = 0; p < PLAYERS.length; p++) {
                    b.join(tick, p, PLAYERS[p]);
                }
            }
            switch (tick) {
                case 12 -> b.chat(tick, chat, 0, chat.length);
                case 39 -> b.gameMessage(tick + 1, gameMessage, 0, gameMessage.length);
                case 45 -> b.mark(tick, "first blood");
                case 75 -> b.leave(tick, 2);
                default -> {
                }
            }
        }
        RecordingHead head = RecordingHead.of("arena", "r-golden", STARTED_AT_MS, 60, ArenaScript.TICKS_PER_SNAPSHOT,
                FRAGMENT_TICKS, RecordingHead.schemaBytes(script.world().schemas()));
        return new ArenaRecording(r, head, r.finish());
    }

    /** Writes the archive into {@code dir}/{@code name} and finishes it with {@code keyframeEveryMs}; returns its bytes. */
    public byte[] write(Path dir, String name, int keyframeEveryMs) throws IOException {
        Path file = dir.resolve(name);
        try (ArchiveWriter w = ArchiveWriter.create(file, head)) {
            for (byte[] block : blocks) {
                w.appendFragment(block);
            }
            w.finish(keyframeEveryMs);
        }
        return Files.readAllBytes(file);
    }
}
