package dev.tickcast.golden;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import dev.tickcast.wire.SchemaMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed golden vectors are exactly what the codec produces (so any change of bytes fails
 * here until the vectors are regenerated on purpose with {@code -Dgolden.write=true}), and the Java
 * decoder, applying the committed frames as one client, gets the committed states and values.
 */
class GoldenVectorsTest {
    private static final Path DIR = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden");
    private static final Pattern CASE = Pattern.compile(
            "\\{\"name\":\"(\\w+)\",\"schema\":\"([^\"]+)\",\"steps\":\\[(.*?)\\]\\}", Pattern.DOTALL);
    private static final Pattern STEP = Pattern.compile("\\{\"frame\":\"([^\"]+)\",\"state\":\"([^\"]+)\"\\}");
    private static final Pattern MESSAGE = Pattern.compile(
            "\\{\"name\":\"(\\w+)\",\"type\":\"(\\w+)\",\"file\":\"([^\"]+)\",\"value\":(\\{.*\\})\\}");

    private static final Pattern BODY = Pattern.compile("\\{\"name\":\"([\\w-]+)\",\"direction\":\"(down|up)\",\"file\":\"([^\"]+)\","
            + "\"partial\":(true|false),\"records\":\\[\n(.*?)\n\\]\\}", Pattern.DOTALL);
    private static final Pattern RECORD_FILE = Pattern.compile("\"file\":\"([^\"]+)\"");

    private final Kryo kryo = Messages.newKryo();

    @Test
    void shouldMatchTheCommittedVectorsByteForByte() throws IOException {
        if (Boolean.getBoolean(GoldenVectors.WRITE_PROPERTY)) {
            GoldenVectors.write(DIR);
        }
        Map<String, byte[]> expected = GoldenVectors.generate();
        TreeSet<String> committed = new TreeSet<>();
        try (var paths = Files.walk(DIR)) {
            paths.filter(Files::isRegularFile).forEach(p -> committed.add(DIR.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(expected.keySet(), committed, "the golden files; regenerate with -Dgolden.write=true");
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(DIR.resolve(e.getKey())),
                    e.getKey() + " differs from what the codec writes; regenerate with -Dgolden.write=true on purpose");
        }
    }

    @Test
    void shouldDecodeTheCommittedFramesToTheCommittedStates() throws IOException {
        String manifest = read(GoldenVectors.MANIFEST);
        Matcher cases = CASE.matcher(manifest.substring(0, manifest.indexOf("\"cellCases\"")));
        int caseCount = 0;
        int olderBaselines = 0;
        while (cases.find()) {
            caseCount++;
            olderBaselines += replay(cases.group(1), cases.group(2), cases.group(3));
        }
        assertEquals(3, caseCount);
        assertTrue(olderBaselines >= 2, "some steps follow a skipped snapshot");
        assertTrue(keyframesAfterDeltas >= 1, "a keyframe after deltas (a resynchronised client)");
    }

    @Test
    void shouldDecodeTheCommittedMessagesToTheirValues() throws IOException, ReflectiveOperationException {
        Matcher messages = MESSAGE.matcher(read(GoldenVectors.MANIFEST));
        int count = 0;
        while (messages.find()) {
            count++;
            byte[] frame = Files.readAllBytes(DIR.resolve(messages.group(3)));
            Input in = new Input(frame);
            int id = in.readVarInt(true) - 2;
            assertEquals(Protocol.class.getDeclaredField(messages.group(2)).getInt(null), id, messages.group(1));
            Object value = kryo.readObject(in, kryo.getRegistration(id).getType());
            assertNotNull(value, messages.group(1));
            assertEquals(messages.group(4), Json.value(value), messages.group(1));
        }
        assertEquals(17, count);
    }

    @Test
    void shouldParseTheCommittedRecordBodiesToTheirRecords() throws IOException {
        Matcher bodies = BODY.matcher(read(GoldenVectors.MANIFEST));
        int count = 0;
        while (bodies.find()) {
            count++;
            String name = bodies.group(1);
            byte[] body = Files.readAllBytes(DIR.resolve(bodies.group(3)));
            List<String> expected = List.of(bodies.group(5).split(",\n"));
            List<String> seen = new ArrayList<>();
            int max = bodies.group(2).equals("up") ? Records.MAX_UPSTREAM_MESSAGE_BYTES : Integer.MAX_VALUE;
            int whole = Records.parse(body, 0, body.length, max, new Records.Visitor() {
                @Override
                public void onSeq(int first) {
                    seen.add("{\"kind\":\"SEQ\",\"seq\":" + first + "}");
                }

                @Override
                public void onMessage(int number, byte[] b, int offset, int length) {
                    Matcher file = RECORD_FILE.matcher(seen.size() < expected.size() ? expected.get(seen.size()) : "");
                    String named = file.find() ? file.group(1) : "?";
                    boolean same = !named.equals("?") && Arrays.equals(Arrays.copyOfRange(b, offset, offset + length), bytes(named));
                    seen.add("{\"kind\":\"MESSAGE\",\"seq\":" + number + ",\"file\":" + Json.string(same ? named : "?") + "}");
                }

                @Override
                public void onKeepAlive() {
                    seen.add("{\"kind\":\"KEEPALIVE\"}");
                }

                @Override
                public void onClose(int code, String reason) {
                    seen.add("{\"kind\":\"CLOSE\",\"code\":" + code + ",\"reason\":" + Json.string(reason) + "}");
                }
            });
            assertEquals(expected, seen, name);
            boolean partial = Boolean.parseBoolean(bodies.group(4));
            assertTrue(partial ? whole >= 0 && whole < body.length : whole == body.length, name + ": whole records " + whole);
        }
        assertEquals(7, count);
    }

    private static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(DIR.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Applies a case's frames as one client; returns how many came from an older baseline. */
    private int keyframesAfterDeltas;

    private int replay(String name, String schemaFile, String stepList) throws IOException {
        byte[] schemaFrame = Files.readAllBytes(DIR.resolve(schemaFile));
        assertEquals(Protocol.typeByte(Protocol.SCHEMA), schemaFrame[0]);
        Input in = new Input(schemaFrame, 1, schemaFrame.length - 1);
        SchemaMessage schema = kryo.readObject(in, SchemaMessage.class);
        assertNotNull(schema, name + " schema");
        DeltaDecoder decoder = new DeltaDecoder();
        Snapshot current = null;
        Snapshot previous = null;
        int olderBaselines = 0;
        int gap = 0;
        Matcher steps = STEP.matcher(stepList);
        for (int step = 0; steps.find(); step++) {
            byte[] frame = Files.readAllBytes(DIR.resolve(steps.group(1)));
            assertEquals(DeltaDecoder.OK, decoder.readHeader(frame, 0, frame.length), steps.group(1));
            if (step == 0) {
                assertTrue(decoder.full(), steps.group(1) + ": step 0 is full");
            } else if (decoder.full()) {
                keyframesAfterDeltas++;
            }
            if (current != null && !decoder.full()) {
                assertEquals(current.tick(), decoder.baseTick(), steps.group(1) + ": the baseline is the client's state");
                olderBaselines += gap != 0 && decoder.tick() - current.tick() > gap ? 1 : 0;
                gap = decoder.tick() - current.tick();
            }
            Snapshot pred = decoder.predTick() == Snapshot.NO_TICK ? null : previous;
            Snapshot next = new Snapshot(schema.schemas());
            assertEquals(DeltaDecoder.OK, decoder.decodeBody(decoder.full() ? null : current, pred, next), steps.group(1));
            assertEquals(read(steps.group(2)), Json.state(next), steps.group(2));
            previous = current;
            current = next;
        }
        return olderBaselines;
    }

    private static String read(String file) throws IOException {
        return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
    }
}
