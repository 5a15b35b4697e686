package dev.tickcast.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench's record codec against the golden record bodies of PROTOCOL.md section 13
 * (game-logic's test resources): the reader takes exactly the listed records of each downstream
 * body, the writers rebuild each upstream body byte for byte.
 */
class GoldenRecordsTest {
    private static final Path GOLDEN = Path.of("..", "game-logic", "src", "test", "resources", "golden");

    @Test
    void shouldReadEveryDownstreamBodyAndWriteEveryUpstreamOne() throws Exception {
        JsonArray bodies = new JsonObject(Files.readString(GOLDEN.resolve("manifest.json"))).getJsonArray("records");
        assertFalse(bodies.isEmpty());
        for (Object o : bodies) {
            JsonObject body = (JsonObject) o;
            byte[] bytes = Files.readAllBytes(GOLDEN.resolve(body.getString("file")));
            if (body.getString("direction").equals("down")) {
                assertEquals(expected(body.getJsonArray("records")), read(bytes), body.getString("name"));
            } else {
                assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(write(body.getJsonArray("records"))),
                        body.getString("name"));
            }
        }
    }

    private static List<String> expected(JsonArray records) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object o : records) {
            JsonObject r = (JsonObject) o;
            switch (r.getString("kind")) {
                case "MESSAGE" -> out.add(r.getInteger("seq") + ":"
                        + HexFormat.of().formatHex(Files.readAllBytes(GOLDEN.resolve(r.getString("file")))));
                case "CLOSE" -> out.add("close " + r.getInteger("code") + " " + r.getString("reason"));
                default -> { }
            }
        }
        return out;
    }

    private static List<String> read(byte[] bytes) {
        List<String> taken = new ArrayList<>();
        RecordReader reader = new RecordReader(new RecordReader.Handler() {
            @Override
            public void message(int number, ByteBuf buf, int index, int length) {
                taken.add(number + ":" + ByteBufUtil.hexDump(buf, index, length));
            }

            @Override
            public void close(int code, String reason) {
                taken.add("close " + code + " " + reason);
            }
        });
        reader.begin();
        for (int at = 0; at < bytes.length; at += 7) {
            assertTrue(reader.feed(Unpooled.wrappedBuffer(bytes), at, Math.min(7, bytes.length - at)), reader.error());
        }
        reader.end();
        return taken;
    }

    private static byte[] write(JsonArray records) throws Exception {
        ByteBuf out = Unpooled.buffer();
        for (Object o : records) {
            JsonObject r = (JsonObject) o;
            switch (r.getString("kind")) {
                case "SEQ" -> HttpRecords.writeSeq(out, r.getInteger("seq"));
                case "MESSAGE" -> {
                    byte[] m = Files.readAllBytes(GOLDEN.resolve(r.getString("file")));
                    HttpRecords.writeMessage(out, m, 0, m.length);
                }
                case "CLOSE" -> HttpRecords.writeClose(out, r.getInteger("code"), r.getString("reason"));
                default -> throw new AssertionError("no " + r.getString("kind") + " upstream");
            }
        }
        return ByteBufUtil.getBytes(out);
    }
}
