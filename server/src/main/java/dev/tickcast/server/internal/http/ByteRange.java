package dev.tickcast.server.internal.http;

/**
 * A request's {@code Range} header (RFC 9110, section 14) read against a file of {@code size} bytes:
 * the whole file, one satisfiable range, or unsatisfiable. Only one range of bytes is served: a header
 * naming several ranges, another unit, or a malformed one is ignored (the whole file, 200), as the RFC
 * lets a server do; a well-formed single range that starts at or past the end is unsatisfiable (416).
 *
 * @param kind   what to answer
 * @param first  the first byte served (0 for the whole file)
 * @param length how many bytes are served (the size for the whole file)
 */
record ByteRange(Kind kind, long first, long length) {
    /** What a request gets. */
    enum Kind {
        /** 200, the whole file. */
        WHOLE,
        /** 206, {@code first} to {@code first + length - 1}. */
        PARTIAL,
        /** 416, {@code Content-Range: bytes * /size}. */
        UNSATISFIABLE
    }

    private static final ByteRange UNSATISFIED = new ByteRange(Kind.UNSATISFIABLE, 0, 0);
    private static final String UNIT = "bytes=";
    /** A header longer than this is not a single range of two longs: ignored before parsing. */
    private static final int MAX_HEADER = 64;

    /** The answer to {@code header} (null: no Range) for a file of {@code size} bytes. */
    static ByteRange of(String header, long size) {
        ByteRange whole = new ByteRange(Kind.WHOLE, 0, size);
        if (header == null || header.length() > MAX_HEADER || !header.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return whole;
        }
        String spec = header.substring(UNIT.length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return whole;
        }
        long start = digits(spec.substring(0, dash).trim());
        long end = digits(spec.substring(dash + 1).trim());
        if (start == MALFORMED || end == MALFORMED || start == ABSENT && end == ABSENT) {
            return whole;
        }
        if (start == ABSENT) {
            // a suffix: the last `end` bytes
            if (end == 0 || size == 0) {
                return UNSATISFIED;
            }
            long n = Math.min(end, size);
            return new ByteRange(Kind.PARTIAL, size - n, n);
        }
        if (end != ABSENT && end < start) {
            return whole;
        }
        if (start >= size) {
            return UNSATISFIED;
        }
        long last = end == ABSENT ? size - 1 : Math.min(end, size - 1);
        return new ByteRange(Kind.PARTIAL, start, last - start + 1);
    }

    /** The {@code Content-Range} header of this answer for a file of {@code size} bytes (null for the whole file). */
    String contentRange(long size) {
        return switch (kind) {
            case WHOLE -> null;
            case PARTIAL -> "bytes " + first + "-" + (first + length - 1) + "/" + size;
            case UNSATISFIABLE -> "bytes */" + size;
        };
    }

    /** The status code of this answer. */
    int status() {
        return switch (kind) {
            case WHOLE -> 200;
            case PARTIAL -> 206;
            case UNSATISFIABLE -> 416;
        };
    }

    private static final long ABSENT = -1;
    private static final long MALFORMED = -2;

    /** A non-negative decimal of at most 18 digits, {@link #ABSENT} if empty, else {@link #MALFORMED}. */
    private static long digits(String s) {
        if (s.isEmpty()) {
            return ABSENT;
        }
        if (s.length() > 18) {
            return MALFORMED;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return MALFORMED;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
