package dev.tickcast.golden;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.games.arena.ArenaScript;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.GameMessage;
import dev.tickcast.wire.GameSendMessage;
import dev.tickcast.wire.InputMessage;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The golden vectors of the wire format, produced by the Java codec and read by the JavaScript SDK
 * (game-logic/src/test/resources/golden/, described in docs/PROTOCOL.md, "Golden vectors").
 * {@link #generate()} builds every file in memory, deterministically; {@link GoldenVectorsTest}
 * compares them with the committed files, and rewrites them when run with
 * {@code -Dgolden.write=true}:
 *
 * <pre>
 * mvn -q test -pl game-logic -Dtest=GoldenVectorsTest -Dgolden.write=true
 * </pre>
 *
 * <p>Each snapshot case is what one client receives: step 0 is a full snapshot, and each later
 * step is a delta from the state after the previous step (the header's baseTick), predicted from
 * the state before that when the header names a predictor. A snapshot the client skipped (its
 * write queue was full) is simply absent from the steps, so the next step is a delta from an older
 * baseline; frame files are numbered by snapshot, so a skipped one leaves a gap in the numbering.
 */
public final class GoldenVectors {
    /** The system property that makes {@link GoldenVectorsTest} rewrite the committed files. */
    public static final String WRITE_PROPERTY = "golden.write";
    /** The manifest's name in the golden directory. */
    public static final String MANIFEST = "manifest.json";

    static final long ARENA_SEED = 7L;
    static final String[] ARENA_PLAYERS = {"ann", "Zoë", "🎮 bot"};
    static final int ARENA_SNAPSHOTS = 30;
    static final Set<Integer> ARENA_SKIPPED = Set.of(12, 20, 21);

    private GoldenVectors() {
    }

    /** Every file, by path relative to the golden directory, manifest included; sorted by path. */
    public static Map<String, byte[]> generate() {
        Map<String, byte[]> files = new TreeMap<>();
        StringBuilder manifest = new StringBuilder("{\"snapshotCases\":[\n");
        manifest.append(arena(files)).append(",\n");
        manifest.append(TypesCase.write(files)).append(",\n");
        manifest.append(EmptyCase.write(files)).append("\n],\n\"cellCases\":[\n");
        manifest.append(CellsCase.write(files)).append("\n],\n\"messages\":[\n");
        manifest.append(messages(files)).append("\n],\n\"predictions\":[\n");
        manifest.append(ArenaMoves.write(files)).append("\n],\n\"records\":[\n");
        manifest.append(RecordsCase.write(files)).append("\n],\n\"recordings\":[\n");
        manifest.append(RecordingsCase.write(files)).append("\n]}\n");
        files.put(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Writes {@link #generate()} into {@code dir}, replacing what is there. */
    public static void write(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        for (Map.Entry<String, byte[]> e : generate().entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }

    private static String arena(Map<String, byte[]> files) {
        ArenaScript script = new ArenaScript(ARENA_SEED, ARENA_PLAYERS);
        CaseWriter c = new CaseWriter("arena", script.world().schemas(), files, false);
        for (int i = 0; i < ARENA_SNAPSHOTS; i++) {
            c.offer(script.nextSnapshot(script.newSnapshot()), ARENA_SKIPPED.contains(i));
        }
        return c.manifestEntry();
    }

    private static String messages(Map<String, byte[]> files) {
        Object[][] messages = {
            {"join", "JOIN", new JoinMessage(Protocol.VERSION, "seat.token-abc")},
            {"input", "INPUT", new InputMessage(42, ViewStamp.NONE, new byte[] {0x1A})},
            {"ping", "PING", new PingMessage(123456789, 0)},
            {"chat_send", "CHAT_SEND", new ChatSendMessage("gg héllo 🎮")},
            {"welcome", "WELCOME", new WelcomeMessage(Protocol.VERSION, "r-7f3a", "arena", 2, 334, 60, 3)},
            {"welcome_spectator", "WELCOME", new WelcomeMessage(Protocol.VERSION, "r", "g", 0, -1, 1, 1)},
            {"input_big", "INPUT", new InputMessage(Integer.MAX_VALUE, ViewStamp.NONE, big())},
            {"pong", "PONG", new PongMessage(123456789, 5400)},
            {"chat", "CHAT", new ChatMessage(2, "Zoë", "gg \"quoted\" 🎮")},
            {"chat_system", "CHAT", ChatMessage.system("chat: you are typing too fast; that line was not sent")},
            {"game_send", "GAME_SEND", new GameSendMessage(3, ViewStamp.NONE, new byte[] {1, (byte) 0x80, (byte) 0xFF})},
            {"game_send_empty", "GAME_SEND", new GameSendMessage(0, ViewStamp.NONE, new byte[0])},
            {"game_message", "GAME_MESSAGE", new GameMessage(200, new byte[] {0x2A, 0, 7})},
            {"game_message_empty", "GAME_MESSAGE", new GameMessage(1, new byte[0])},
            // Tick 1000 (1000 mod 512 = 488), 17/32 of the way to the next snapshot: 1 + 488 * 32 + 17 = 15634.
            {"input_view", "INPUT", new InputMessage(43, ViewStamp.of(1000, 17), new byte[] {0x1A})},
            // The largest stamp (tick 511 mod 512, 31/32): 16384, a three-byte varuint.
            {"game_send_view", "GAME_SEND", new GameSendMessage(3, ViewStamp.MAX, new byte[] {9})},
            {"ping_delay", "PING", new PingMessage(123456789, 100)},
        };
        StringBuilder entries = new StringBuilder();
        for (Object[] m : messages) {
            String file = "messages/" + m[0] + ".bin";
            files.put(file, frame(m[2]));
            entries.append(entries.length() == 0 ? "" : ",\n").append("{\"name\":").append(Json.string((String) m[0]))
                    .append(",\"type\":").append(Json.string((String) m[1])).append(",\"file\":").append(Json.string(file))
                    .append(",\"value\":").append(Json.value(m[2])).append('}');
        }
        return entries.toString();
    }

    /** The largest INPUT payload: 256 bytes 0, 1, ..., 255. */
    private static byte[] big() {
        byte[] payload = new byte[Protocol.MAX_INPUT_PAYLOAD_BYTES];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return payload;
    }

    static byte[] frame(Object message) {
        Kryo kryo = Messages.newKryo();
        Output out = new Output(4096, -1);
        Messages.write(kryo, out, message);
        return out.toBytes();
    }

    /** Encodes what one client receives, step by step, and records the files of a case. */
    static final class CaseWriter {
        private final String name;
        private final Map<String, byte[]> files;
        private final boolean predictAcrossGaps;
        private final DeltaEncoder encoder = new DeltaEncoder();
        private final Output out = new Output(16384, -1);
        private final StringBuilder steps = new StringBuilder();
        private Snapshot current;
        private Snapshot previous;
        private int index;

        /**
         * @param predictAcrossGaps false: name a predictor only when it is as far from the baseline
         *                          as the baseline is from the target (what the server does); true:
         *                          whenever the client holds one (the decoder accepts both)
         */
        CaseWriter(String name, List<Schema> schemas, Map<String, byte[]> files, boolean predictAcrossGaps) {
            this.name = name;
            this.files = files;
            this.predictAcrossGaps = predictAcrossGaps;
            files.put(name + "/schema.bin", frame(new SchemaMessage(List.copyOf(schemas))));
        }

        void offer(Snapshot server, boolean skipped) {
            String stem = name + "/" + String.format("%03d", index++);
            if (skipped) {
                return;
            }
            Snapshot pred = null;
            if (current != null && previous != null && (predictAcrossGaps
                    || server.tick() - current.tick() == current.tick() - previous.tick())) {
                pred = previous;
            }
            out.reset();
            encoder.encode(server, current, pred, out);
            files.put(stem + ".bin", out.toBytes());
            files.put(stem + ".json", Json.state(server).getBytes(StandardCharsets.UTF_8));
            steps.append(steps.length() == 0 ? "\n" : ",\n").append("{\"frame\":").append(Json.string(stem + ".bin"))
                    .append(",\"state\":").append(Json.string(stem + ".json")).append('}');
            previous = current;
            current = server;
        }

        /** A full snapshot to a client that lost its baseline; the next step is a delta without a predictor. */
        void offerKeyframe(Snapshot server) {
            current = null;
            previous = null;
            offer(server, false);
        }

        String manifestEntry() {
            return "{\"name\":" + Json.string(name) + ",\"schema\":" + Json.string(name + "/schema.bin")
                    + ",\"steps\":[" + steps + "\n]}";
        }
    }
}
