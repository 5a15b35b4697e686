package dev.tickcast.server.internal.room;

/**
 * The white space trimmed from names and chat lines (docs/PROTOCOL.md section 3): exactly what
 * JavaScript's {@code String.prototype.trim()} removes, so that the SDK and the server agree on
 * what is left. Java's {@code String.strip()} differs both ways: it keeps U+00A0, U+2007, U+202F
 * and U+FEFF, and removes U+001C..U+001F.
 */
public final class Trim {
    private Trim() {
    }

    /** {@code text} without its leading and trailing white space. */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhiteSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that ends on a code
     * point (a name cut to the protocol's limit, a close reason to a close frame's).
     */
    public static String cut(String text, int maxBytes) {
        if (text.length() * 3 <= maxBytes) {
            return text;
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return i == text.length() ? text : text.substring(0, i);
    }

    /**
     * ECMAScript's WhiteSpace and LineTerminator: TAB..CR, every space separator (Zs: U+0020,
     * U+00A0, U+1680, U+2000..U+200A, U+202F, U+205F, U+3000), U+2028, U+2029 and U+FEFF. All are
     * in the Basic Multilingual Plane, so a surrogate is never white space.
     */
    static boolean isWhiteSpace(char c) {
        return c >= '\t' && c <= '\r' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }
}
