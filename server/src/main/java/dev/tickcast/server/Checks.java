package dev.tickcast.server;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The checks of the settings table: each returns what is wrong with a value, or null. */
final class Checks {
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");

    private Checks() {
    }

    static <N extends Number> Function<N, String> atLeast(long min) {
        return v -> v.longValue() < min ? "must be " + min + " or more, not " + v : null;
    }

    static <N extends Number> Function<N, String> between(long min, long max) {
        return v -> v.longValue() < min || v.longValue() > max ? "must be " + min + ".." + max + ", not " + v : null;
    }

    static Function<Double, String> positive() {
        return v -> v > 0 && !v.isInfinite() ? null : "must be a number above 0, not " + v;
    }

    static Function<String, String> minChars(int min) {
        return v -> v.length() < min ? "must be " + min + " characters or more, not " + v.length() : null;
    }

    static Function<String, String> oneOf(String... values) {
        List<String> allowed = List.of(values);
        return v -> allowed.contains(v) ? null : "must be " + String.join(", ", allowed) + ", not " + v;
    }

    static Function<String, String> httpUrl() {
        return v -> HTTP_URL.matcher(v).matches() ? null : "must be an http(s) URL, not " + v;
    }

    /** Empty means none: an empty token or path is the same as leaving it out. */
    static String emptyIsNone(String v) {
        return v.isEmpty() ? null : v;
    }
}
