package dev.tickcast.record;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.state.Schema;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.Wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The head of a recording (docs/PROTOCOL.md 14.3): what a reader needs before the first fragment.
 *
 * @param formatVersion      the archive format's version, {@link #FORMAT_VERSION}
 * @param protocolVersion    the wire protocol of the recorded messages ({@link Protocol#VERSION})
 * @param game               the game's name
 * @param roomId             the recorded room's id
 * @param startedAtMs        when the recording started, Unix epoch milliseconds
 * @param tickHz             the room's simulation rate
 * @param snapshotEveryTicks ticks between two broadcasts
 * @param fragmentTicks      ticks a fragment spans (a whole number of broadcasts)
 * @param schema             the SCHEMA message exactly as sent, type byte included
 */
public record RecordingHead(int formatVersion, int protocolVersion, String game, String roomId, long startedAtMs,
                            int tickHz, int snapshotEveryTicks, int fragmentTicks, byte[] schema) {
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The head body's first five bytes. */
    public static final String MAGIC = "TCREC";
    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);

    /** A head of the current format and protocol versions. */
    public static RecordingHead of(String game, String roomId, long startedAtMs, int tickHz, int snapshotEveryTicks,
                                   int fragmentTicks, byte[] schema) {
        return new RecordingHead(FORMAT_VERSION, Protocol.VERSION, game, roomId, startedAtMs, tickHz,
                snapshotEveryTicks, fragmentTicks, schema);
    }

    /** The SCHEMA message of {@code schemas}, as a server sends it: what {@link #schema} holds. */
    public static byte[] schemaBytes(List<Schema> schemas) {
        Kryo kryo = Messages.newKryo();
        Output out = new Output(1024, -1);
        Messages.write(kryo, out, new SchemaMessage(List.copyOf(schemas)));
        return out.toBytes();
    }

    /** The tables of {@link #schema}, or null if it is not a SCHEMA message. */
    public List<Schema> schemas() {
        try {
            Input in = new Input(schema);
            Kryo kryo = Messages.newKryo();
            if (in.readVarInt(true) - 2 != Protocol.SCHEMA) {
                return null;
            }
            SchemaMessage m = kryo.readObject(in, SchemaMessage.class);
            return m == null ? null : m.schemas();
        } catch (RuntimeException e) {
            // Kryo reports malformed input by throwing; here it is a value.
            return null;
        }
    }

    /** The head block: kind {@link Blocks#HEAD}, the body, its CRC. */
    public byte[] toBlock() {
        Output out = new Output(64 + schema.length, -1);
        out.writeBytes(MAGIC_BYTES);
        Wire.writeVarUInt(out, formatVersion);
        Wire.writeVarUInt(out, protocolVersion);
        Wire.writeString(out, game);
        Wire.writeString(out, roomId);
        byte[] u64 = new byte[8];
        Blocks.putU64(u64, 0, startedAtMs);
        out.writeBytes(u64);
        Wire.writeVarUInt(out, tickHz);
        Wire.writeVarUInt(out, snapshotEveryTicks);
        Wire.writeVarUInt(out, fragmentTicks);
        Wire.writeVarUInt(out, schema.length);
        out.writeBytes(schema);
        return Blocks.frame(Blocks.HEAD, out.getBuffer(), 0, out.position());
    }

    /** Parses a head body; null if malformed or of another format version. */
    public static RecordingHead parse(byte[] data, int offset, int length) {
        Cursor c = new Cursor(data, offset, offset + length);
        byte[] magic = new byte[MAGIC_BYTES.length];
        if (!c.bytes(magic, magic.length) || !Arrays.equals(magic, MAGIC_BYTES)) {
            return null;
        }
        int format = c.varuint();
        int protocol = c.varuint();
        String game = c.string(Protocol.MAX_STRING_BYTES);
        String room = c.string(Protocol.MAX_STRING_BYTES);
        long started = c.u64();
        int hz = c.varuint();
        int every = c.varuint();
        int fragment = c.varuint();
        int n = c.length(Blocks.MAX_BODY_BYTES);
        if (c.failed || format != FORMAT_VERSION || hz <= 0 || every <= 0 || fragment <= 0) {
            return null;
        }
        byte[] schema = new byte[n];
        if (!c.bytes(schema, n) || !c.atEnd()) {
            return null;
        }
        return new RecordingHead(format, protocol, game, room, started, hz, every, fragment, schema);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordingHead h && formatVersion == h.formatVersion && protocolVersion == h.protocolVersion
                && game.equals(h.game) && roomId.equals(h.roomId) && startedAtMs == h.startedAtMs && tickHz == h.tickHz
                && snapshotEveryTicks == h.snapshotEveryTicks && fragmentTicks == h.fragmentTicks
                && Arrays.equals(schema, h.schema);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * game.hashCode() + roomId.hashCode()) + Arrays.hashCode(schema);
    }

    @Override
    public String toString() {
        return "RecordingHead[format " + formatVersion + ", protocol " + protocolVersion + ", " + game + ", room " + roomId
                + ", started " + startedAtMs + ", " + tickHz + " Hz, every " + snapshotEveryTicks + ", fragment "
                + fragmentTicks + ", schema " + schema.length + " bytes]";
    }
}
