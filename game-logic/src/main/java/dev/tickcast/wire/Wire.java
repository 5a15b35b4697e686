package dev.tickcast.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.nio.charset.StandardCharsets;

/**
 * The byte-level primitives of control messages, over Kryo's {@link Output} and {@link Input}:
 * unsigned varints (Kryo {@code writeVarInt(v, true)}, LEB128) and strings as a varint UTF-8 byte
 * length followed by the bytes. Kryo's own {@code writeString} is not used on the wire: it writes
 * surrogate pairs as CESU-8 and, when reading, trusts the length enough to allocate it.
 *
 * <p>Readers return a sentinel on malformed input ({@code -1}, {@code null}); they never throw.
 * Strings are strict UTF-8 ({@link Utf8Decoder}): bytes that are not UTF-8 are malformed.
 */
public final class Wire {
    /** Kryo instances live one per thread; so do the decoders of {@link #readString}. */
    private static final ThreadLocal<Utf8Decoder> UTF8 = ThreadLocal.withInitial(Utf8Decoder::new);

    private Wire() {
    }

    /** Writes a non-negative int as an unsigned varint. */
    public static void writeVarUInt(Output out, int value) {
        out.writeVarInt(value, true);
    }

    /** Reads an unsigned varint that must fit a non-negative int; -1 if truncated or too large. */
    public static int readVarUInt(Input in) {
        if (!in.canReadVarInt()) {
            return -1;
        }
        int v = in.readVarInt(true);
        return v < 0 ? -1 : v;
    }

    /**
     * Writes a string: varint byte length, then UTF-8 bytes. An unpaired UTF-16 surrogate, which
     * UTF-8 cannot represent, is written as {@code ?}: what is written is always valid UTF-8.
     */
    public static void writeString(Output out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(utf8.length, true);
        out.writeBytes(utf8);
    }

    /**
     * Reads a string of at most {@code maxBytes} UTF-8 bytes; null if truncated, too long or not
     * valid UTF-8. The input's position is past the string only when it returns one.
     */
    public static String readString(Input in, int maxBytes) {
        int len = readVarUInt(in);
        if (len < 0 || len > maxBytes || len > in.limit() - in.position()) {
            return null;
        }
        String s = UTF8.get().decode(in.getBuffer(), in.position(), len);
        if (s == null) {
            return null;
        }
        in.setPosition(in.position() + len);
        return s;
    }

    /** True if every byte of the input was consumed. */
    public static boolean fullyRead(Input in) {
        return in.position() == in.limit();
    }
}
