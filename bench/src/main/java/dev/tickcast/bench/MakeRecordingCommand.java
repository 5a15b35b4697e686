package dev.tickcast.bench;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.record.ArchiveWriter;
import dev.tickcast.record.FragmentBuilder;
import dev.tickcast.record.RecordingHead;
import dev.tickcast.state.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code make-recording}: an arena match recorded fast, with no server and no clock: a
 * {@link LocalRoom} of the arena game stepped as fast as it runs, {@code --players} bots moving
 * (a new random direction about once a second, sprint toggled rarely, from {@code --seed}), recorded
 * with the server recorder's rules (a keyframe per fragment, the predictive delta rule) and finished
 * as the server finishes an archive (keyframes thinned to one per {@code --keyframe-every-ms}). The
 * file is {@code <22-char base64url id>.tcrec} in {@code --dir}, ready for {@code --recordings-dir}.
 */
@Command(name = "make-recording", mixinStandardHelpOptions = true,
        description = "Writes a recorded arena match (LocalRoom, seeded moving bots, the server recorder's rules) as "
                + "<id>.tcrec into --dir, for the seek bench (bench/scripts/seek.sh) and the viewer.")
final class MakeRecordingCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, description = "The directory to write into (created if missing).")
    Path dir;

    @Option(names = "--minutes", description = "Match length in minutes of game time. Default: ${DEFAULT-VALUE}.")
    double minutes = 30;

    @Option(names = "--players", description = "Bot players. Default: ${DEFAULT-VALUE}.")
    int players = 16;

    @Option(names = "--seed", description = "Seed of the room, the bots and the id. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--fragment-seconds", description = "Fragment length. Default: ${DEFAULT-VALUE}.")
    int fragmentSeconds = 4;

    @Option(names = "--keyframe-every-ms", description = "Keyframes kept when the archive is finished. "
            + "Default: ${DEFAULT-VALUE}.")
    int keyframeEveryMs = ArchiveWriter.DEFAULT_KEYFRAME_EVERY_MS;

    @Option(names = "--mark-every-seconds", description = "A marker (\"minute N\" style, for the timeline) this often; "
            + "0 for none (the game's own marks are always kept). Default: ${DEFAULT-VALUE}.")
    int markEverySeconds = 60;

    @Override
    public Integer call() throws Exception {
        GameSpec spec = ArenaGame.SPEC.maxPlayers(Math.max(16, players));
        LocalRoom room = LocalRoom.create(spec, seed);
        int tickHz = spec.tickHz();
        int every = spec.snapshotEveryTicks();
        SplittableRandom random = new SplittableRandom(seed);
        String id = newId(random);
        Files.createDirectories(dir);
        Path file = dir.resolve(id + ".tcrec");
        RecordingHead head = RecordingHead.of("arena", "bench-" + seed, 1_767_225_600_000L + seed, tickHz, every,
                fragmentSeconds * tickHz, RecordingHead.schemaBytes(room.world().schemas()));
        Bots bots = new Bots(room, players, random);
        long snapshots = Math.round(minutes * 60 * tickHz / every);
        long started = System.nanoTime();
        long bytes;
        try (ArchiveWriter writer = ArchiveWriter.create(file, head)) {
            LocalArenaRecorder recorder = new LocalArenaRecorder(room.world().schemas(), fragmentSeconds * tickHz, writer);
            int marks = 0;
            for (long i = 0; i < snapshots; i++) {
                bots.input();
                room.step(every);
                Snapshot s = room.snapshots().newest();
                recorder.snapshot(s);
                int tick = s.tick();
                if (i == 0) {
                    bots.joined(recorder.builder(), tick);
                }
                List<String> made = room.marks();
                for (; marks < made.size(); marks++) {
                    recorder.builder().mark(tick, made.get(marks));
                }
                if (markEverySeconds > 0 && i > 0 && tick % (markEverySeconds * tickHz) < every) {
                    recorder.builder().mark(tick, "minute " + tick / (60 * tickHz));
                }
            }
            recorder.flush();
            bytes = writer.finish(keyframeEveryMs);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%s%n%s: %d snapshots, %.1f min, %d bytes (%.1f kB/min archived) in %.1f s%n",
                id, file, snapshots, minutes, bytes, bytes / 1000.0 / minutes, seconds);
        return 0;
    }

    /** 128 random bits from the seed, base64url without padding: 22 characters, as the server's ids. */
    static String newId(SplittableRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The bots: ArenaScript's moves (ARENA-SCENARIO.md), one INPUT each per snapshot period. */
    private static final class Bots {
        private final LocalRoom room;
        private final SplittableRandom random;
        private final int[] ids;
        private final int[] input;
        private final boolean[] sprint;

        Bots(LocalRoom room, int players, SplittableRandom random) {
            this.room = room;
            this.random = random;
            ids = new int[players];
            input = new int[players];
            sprint = new boolean[players];
            for (int p = 0; p < players; p++) {
                ids[p] = room.join("bot-" + p);
                input[p] = direction(false);
            }
        }

        void joined(FragmentBuilder b, int tick) {
            for (int p = 0; p < ids.length; p++) {
                b.join(tick, ids[p], "bot-" + p);
            }
        }

        void input() {
            for (int p = 0; p < ids.length; p++) {
                if (random.nextInt(20) == 0) {
                    input[p] = direction(sprint[p]);
                }
                if (random.nextInt(100) == 0) {
                    sprint[p] = !sprint[p];
                    input[p] = ArenaInput.encode(ArenaInput.dx(input[p]), ArenaInput.dy(input[p]), sprint[p]);
                }
                room.input(ids[p], (byte) input[p]);
            }
        }

        private int direction(boolean sprinting) {
            return ArenaInput.encode(random.nextInt(3) - 1, random.nextInt(3) - 1, sprinting);
        }
    }
}
