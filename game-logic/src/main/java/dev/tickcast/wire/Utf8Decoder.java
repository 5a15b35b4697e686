package dev.tickcast.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (docs/PROTOCOL.md 6.3): every string on the wire is valid UTF-8, and bytes that are
 * not (an overlong form, an encoded surrogate such as {@code ED A0 80}, a truncated sequence, a
 * code point above U+10FFFF, a byte {@code C0}, {@code C1} or {@code F5..FF}) make the message
 * malformed. They are never replaced with U+FFFD: a replaced string would be a different string
 * from the one that was sent (and up to three times as long as its byte limit).
 *
 * <p>{@link #decode} returns null instead of throwing. An instance is not thread-safe: a reader
 * owns one ({@code BitReader}, {@code InputReader}), and {@link Wire#readString} keeps one per
 * thread. ASCII, the common case, is decoded without the {@link CharsetDecoder}.
 */
public final class Utf8Decoder {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(64);

    /** The string that {@code bytes[offset, offset + length)} encode, or null if they are not valid UTF-8. */
    public String decode(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return "";
        }
        if (ascii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        // UTF-8 never needs more UTF-16 units than bytes, so the buffer cannot overflow
        if (chars.capacity() < length) {
            chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        // with endOfInput, a truncated last sequence is reported as malformed, not left over
        CoderResult result = decoder.decode(in, chars, true);
        if (!result.isUnderflow() || in.hasRemaining() || !decoder.flush(chars).isUnderflow()) {
            return null;
        }
        return chars.flip().toString();
    }

    private static boolean ascii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
