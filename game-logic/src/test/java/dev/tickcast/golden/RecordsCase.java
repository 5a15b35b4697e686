package dev.tickcast.golden;

import dev.tickcast.wire.Records;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The golden bodies of the HTTP binding (docs/PROTOCOL.md 2.1 and 13): each a body of records,
 * downstream or upstream, whose MESSAGE payloads are whole message vectors written by the other
 * cases, and its manifest entry listing the records a receiver takes from it.
 */
final class RecordsCase {
    /** How many bytes {@code down-cut} lacks of {@code down-join}. */
    static final int CUT_BYTES = 10;

    private RecordsCase() {
    }

    /** Writes records/*.bin into {@code files} (whose message vectors are already there); returns the manifest entries. */
    static String write(Map<String, byte[]> files) {
        StringBuilder entries = new StringBuilder();
        Body join = new Body("down-join", "down", files).seq(1).message("messages/welcome.bin")
                .message("arena/schema.bin").message("arena/000.bin");
        add(entries, join);
        add(entries, new Body("down-keepalive", "down", files).seq(4).keepAlive());
        add(entries, new Body("down-close", "down", files).seq(9).message("messages/chat.bin")
                .close(4006, "too far behind for too long"));
        add(entries, join.cut("down-cut", CUT_BYTES));
        add(entries, new Body("up-join", "up", files).seq(1).message("messages/join.bin"));
        add(entries, new Body("up-inputs", "up", files).seq(7).message("messages/input.bin")
                .message("messages/ping.bin").message("messages/chat_send.bin"));
        add(entries, new Body("up-leave", "up", files).seq(12).close(1000, "bye"));
        return entries.toString();
    }

    private static void add(StringBuilder entries, Body body) {
        body.files.put(body.file(), body.bytes());
        entries.append(entries.length() == 0 ? "" : ",\n").append(body.manifestEntry());
    }

    /** A body being written, with the manifest entries of the whole records in it. */
    static final class Body {
        private final String name;
        private final String direction;
        private final Map<String, byte[]> files;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final StringBuilder records = new StringBuilder();
        private int next;
        private boolean partial;

        Body(String name, String direction, Map<String, byte[]> files) {
            this.name = name;
            this.direction = direction;
            this.files = files;
        }

        String file() {
            return "records/" + name + ".bin";
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        Body seq(int first) {
            next = first;
            out.writeBytes(Records.seq(first));
            return entry("{\"kind\":\"SEQ\",\"seq\":" + first + "}");
        }

        Body message(String vector) {
            byte[] payload = files.get(vector);
            out.writeBytes(Records.header(Records.MESSAGE, payload.length));
            out.writeBytes(payload);
            return entry("{\"kind\":\"MESSAGE\",\"seq\":" + next++ + ",\"file\":" + Json.string(vector) + "}");
        }

        Body keepAlive() {
            out.writeBytes(Records.keepAlive());
            return entry("{\"kind\":\"KEEPALIVE\"}");
        }

        Body close(int code, String reason) {
            out.writeBytes(Records.close(code, reason));
            return entry("{\"kind\":\"CLOSE\",\"code\":" + code + ",\"reason\":" + Json.string(reason) + "}");
        }

        /** This body without its last {@code bytes} bytes; it lists only the records still whole, which must be all but the last. */
        Body cut(String cutName, int bytes) {
            Body cut = new Body(cutName, direction, files);
            byte[] all = bytes();
            cut.out.writeBytes(Arrays.copyOf(all, all.length - bytes));
            String list = records.toString();
            cut.records.append(list, 0, list.lastIndexOf(",\n"));
            cut.partial = true;
            return cut;
        }

        private Body entry(String record) {
            records.append(records.length() == 0 ? "" : ",\n").append(record);
            return this;
        }

        String manifestEntry() {
            return "{\"name\":" + Json.string(name) + ",\"direction\":" + Json.string(direction) + ",\"file\":"
                    + Json.string(file()) + ",\"partial\":" + partial + ",\"records\":[\n" + records + "\n]}";
        }
    }
}
