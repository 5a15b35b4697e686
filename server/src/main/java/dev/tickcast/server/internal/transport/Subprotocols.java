package dev.tickcast.server.internal.transport;

/**
 * Reads a {@code Sec-WebSocket-Protocol} header: a comma-separated list of tokens, blanks allowed
 * around the commas. One linear pass, and a header longer than {@link #MAX_HEADER_CHARS} is refused
 * before it is read, so no header can cost the event loop more than a few hundred character
 * comparisons (a regular expression split was quadratic in the blanks).
 */
public final class Subprotocols {
    /** The longest header read; a longer one is refused (HTTP 400). */
    public static final int MAX_HEADER_CHARS = 256;

    private Subprotocols() {
    }

    /** True if {@code header} (may be null) is at most {@link #MAX_HEADER_CHARS} long and lists {@code protocol}. */
    public static boolean offers(String header, String protocol) {
        if (header == null || header.length() > MAX_HEADER_CHARS) {
            return false;
        }
        int start = 0;
        while (start <= header.length()) {
            int comma = header.indexOf(',', start);
            int end = comma < 0 ? header.length() : comma;
            int from = start;
            int to = end;
            while (from < to && isBlank(header.charAt(from))) {
                from++;
            }
            while (to > from && isBlank(header.charAt(to - 1))) {
                to--;
            }
            if (to - from == protocol.length() && header.regionMatches(from, protocol, 0, protocol.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
