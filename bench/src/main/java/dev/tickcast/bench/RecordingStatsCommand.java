package dev.tickcast.bench;

import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.EntryVisitor;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code recording-stats FILE}: where an archive's bytes go (docs/PROTOCOL.md 14), read with
 * {@link ArchiveReader}: the head, the keyframes, the SNAPSHOT entries (the first of a fragment, the
 * spectator's delta for its start tick; the second, encoded without a predictor; the rest, the
 * spectators' own bytes), and the rest of the fragment blocks (block framing, fragment header,
 * entry headers and the other entries: joins, leaves, chat, game messages, marks). Per minute of
 * recording (from the first fragment's start to the last entry). A file still being written reads
 * up to its last whole fragment. kB are 1000 bytes.
 */
@Command(name = "recording-stats", mixinStandardHelpOptions = true,
        description = "Reads an archive (.tcrec, finished or not) and prints where its bytes go: keyframes, snapshot "
                + "deltas, entry overhead, per minute of recording.")
final class RecordingStatsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The archive.")
    Path file;

    @Option(names = "--json", description = "Also write the figures as JSON to this file.")
    Path json;

    @Option(names = "--tables", split = ",", paramLabel = "MINUTE",
            description = "Also the bytes per snapshot each table's changes cost, in these minutes of the recording (0-based; "
                    + "the minute's snapshots encoded again per table).")
    int[] tableMinutes = new int[0];

    @Override
    public Integer call() throws Exception {
        ArchiveReader r = ArchiveReader.read(file);
        if (r.head() == null) {
            System.out.println("not readable: " + r.damage());
            return 1;
        }
        JsonObject out = stats(r);
        print(out);
        io.vertx.core.json.JsonArray tables = new io.vertx.core.json.JsonArray();
        for (int minute : tableMinutes) {
            JsonObject t = TableCosts.of(r, minute, 60 * r.head().tickHz() / r.head().snapshotEveryTicks());
            System.out.println("  bytes per snapshot, minute " + minute + ": " + t.encode());
            tables.add(t);
        }
        out.put("tableCosts", tables);
        if (json != null) {
            Files.writeString(json, out.encodePrettily() + "\n");
        }
        return 0;
    }

    /** The figures of {@code r}. */
    static JsonObject stats(ArchiveReader r) {
        byte[] data = r.bytes();
        Sizes keyframes = new Sizes();
        Sizes first = new Sizes();
        Sizes second = new Sizes();
        Sizes rest = new Sizes();
        long[] others = new long[1];
        long blocks = 0;
        int n = r.fragments().size();
        for (int i = 0; i < n; i++) {
            int at = (int) r.fragments().get(i).offset();
            blocks += 9 + u32(data, at + 1);
            int[] full = r.full(i);
            if (full != null) {
                keyframes.add(full[1]);
            }
            int[] k = {0};
            r.entries(i, new EntryVisitor() {
                @Override
                public void snapshot(int tick, byte[] d, int offset, int length) {
                    (k[0] == 0 ? first : k[0] == 1 ? second : rest).add(length);
                    k[0]++;
                }

                @Override
                public void chat(int tick, byte[] d, int offset, int length) {
                    others[0]++;
                }

                @Override
                public void gameMessage(int tick, byte[] d, int offset, int length) {
                    others[0]++;
                }

                @Override
                public void join(int tick, int playerId, String name) {
                    others[0]++;
                }

                @Override
                public void leave(int tick, int playerId) {
                    others[0]++;
                }

                @Override
                public void mark(int tick, String text) {
                    others[0]++;
                }
            });
        }
        long snapshotBytes = first.total + second.total + rest.total;
        long overhead = blocks - keyframes.total - snapshotBytes;
        int headBytes = 9 + u32(data, 1);
        double minutes = n == 0 ? 0 : (r.endTick() - r.fragments().get(0).startTick()) / (double) r.head().tickHz() / 60;
        JsonObject perMinute = new JsonObject().put("fragmentBlocks", kb(blocks, minutes))
                .put("keyframes", kb(keyframes.total, minutes)).put("snapshotEntries", kb(snapshotBytes, minutes))
                .put("overhead", kb(overhead, minutes)).put("file", kb(data.length, minutes))
                .put("withEveryKeyframe", n == 0 ? null : kb(blocks + (long) (n - keyframes.count) * keyframes.mean(),
                        minutes));
        return new JsonObject().put("file", data.length).put("finished", r.finished()).put("damage", r.damage())
                .put("game", r.head().game()).put("tickHz", r.head().tickHz())
                .put("snapshotEveryTicks", r.head().snapshotEveryTicks()).put("fragmentTicks", r.head().fragmentTicks())
                .put("durationMs", r.durationMs()).put("minutes", Math.round(minutes * 1000) / 1000.0)
                .put("headBytes", headBytes).put("fragments", n).put("fragmentsWithKeyframe", keyframes.count)
                .put("fragmentBlockBytes", blocks).put("indexAndTrailerBytes", r.finished()
                        ? data.length - headBytes - blocks : 0)
                .put("keyframeBytes", keyframes.json()).put("firstDeltaBytes", first.json())
                .put("secondDeltaBytes", second.json()).put("deltaBytes", rest.json())
                .put("allSnapshotEntryBytes", new JsonObject().put("count", first.count + second.count + rest.count)
                        .put("total", snapshotBytes))
                .put("otherEntries", others[0]).put("overheadBytes", overhead)
                .put("overheadBytesPerEntry", round(overhead / (double) Math.max(1, first.count + second.count
                        + rest.count + others[0])))
                .put("kBPerMinute", perMinute);
    }

    private static void print(JsonObject s) {
        System.out.printf(Locale.ROOT, "%s: %d bytes, %s, %d fragments (%d with a keyframe), %.3f min (durationMs %d)%n",
                s.getString("game"), s.getInteger("file"), s.getBoolean("finished") ? "finished" : "unfinished",
                s.getInteger("fragments"), s.getInteger("fragmentsWithKeyframe"), s.getDouble("minutes"),
                s.getLong("durationMs"));
        for (String k : new String[] {"keyframeBytes", "firstDeltaBytes", "secondDeltaBytes", "deltaBytes"}) {
            JsonObject o = s.getJsonObject(k);
            System.out.printf(Locale.ROOT, "  %-17s count %6d  mean %8.1f  min %6d  max %6d  total %10d%n", k,
                    o.getLong("count"), o.getDouble("mean"), o.getLong("min"), o.getLong("max"), o.getLong("total"));
        }
        System.out.printf(Locale.ROOT, "  other entries %d; overhead (blocks, fragment and entry headers, other entries) "
                + "%d bytes, %.2f per entry; head %d; index and trailer %d%n", s.getLong("otherEntries"),
                s.getLong("overheadBytes"), s.getDouble("overheadBytesPerEntry"), s.getInteger("headBytes"),
                s.getLong("indexAndTrailerBytes"));
        System.out.println("  kB per minute: " + s.getJsonObject("kBPerMinute").encode());
    }

    private static Double kb(double bytes, double minutes) {
        return minutes <= 0 ? null : round(bytes / 1000.0 / minutes);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static int u32(byte[] a, int at) {
        return (a[at] & 0xff) | (a[at + 1] & 0xff) << 8 | (a[at + 2] & 0xff) << 16 | (a[at + 3] & 0xff) << 24;
    }

    /** Count, total, min and max of sizes. */
    private static final class Sizes {
        long count;
        long total;
        long min = Long.MAX_VALUE;
        long max;

        void add(int n) {
            count++;
            total += n;
            min = Math.min(min, n);
            max = Math.max(max, n);
        }

        double mean() {
            return count == 0 ? 0 : total / (double) count;
        }

        JsonObject json() {
            return new JsonObject().put("count", count).put("mean", round(mean())).put("min", count == 0 ? 0 : min)
                    .put("max", max).put("total", total);
        }
    }
}
