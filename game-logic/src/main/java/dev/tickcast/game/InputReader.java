package dev.tickcast.game;

import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.wire.Utf8Decoder;

/**
 * A bounded reader over one input payload, reused from input to input. The bytes come from the
 * network and may be malicious: no read throws; a read past the end returns 0 and marks the reader
 * {@link #failed()}. A game returns false from {@code onInput} when the payload is malformed.
 */
public final class InputReader {
    private final Input input = new Input();
    private final Utf8Decoder utf8 = new Utf8Decoder();
    private boolean failed;

    /** Points the reader at {@code data[offset, offset + length)}. */
    public void reset(byte[] data, int offset, int length) {
        input.setBuffer(data, offset, length);
        failed = false;
    }

    /** The bytes left to read. */
    public int remaining() {
        return input.limit() - input.position();
    }

    /** True if a read went past the end or a value was malformed. */
    public boolean failed() {
        return failed;
    }

    /** Reads an unsigned byte (0..255). */
    public int readUnsignedByte() {
        if (remaining() < 1) {
            failed = true;
            return 0;
        }
        return input.readByteUnsigned();
    }

    /** Reads a boolean byte; any value other than 0 or 1 fails. */
    public boolean readBool() {
        int b = readUnsignedByte();
        if (b > 1) {
            failed = true;
        }
        return b == 1;
    }

    /** Reads a zig-zag varint (Kryo {@code readVarInt(false)}). */
    public int readVarInt() {
        if (failed || !input.canReadVarInt()) {
            failed = true;
            return 0;
        }
        return input.readVarInt(false);
    }

    /** Reads an unsigned varint (Kryo {@code readVarInt(true)}) that must be non-negative. */
    public int readVarUInt() {
        if (failed || !input.canReadVarInt()) {
            failed = true;
            return 0;
        }
        int v = input.readVarInt(true);
        if (v < 0) {
            failed = true;
            return 0;
        }
        return v;
    }

    /**
     * Reads a string of at most {@code maxBytes} UTF-8 bytes (varint length, then the bytes); ""
     * and a failed reader if it is truncated, too long or not valid UTF-8 (docs/PROTOCOL.md 6.3).
     * Allocates the string.
     */
    public String readString(int maxBytes) {
        int len = readVarUInt();
        if (failed || len > maxBytes || len > remaining()) {
            failed = true;
            return "";
        }
        String s = utf8.decode(input.getBuffer(), input.position(), len);
        if (s == null) {
            failed = true;
            return "";
        }
        input.setPosition(input.position() + len);
        return s;
    }

    /** True if the payload was read to its end without failure. */
    public boolean complete() {
        return !failed && remaining() == 0;
    }
}
