package dev.tickcast.server.internal.record;

/**
 * Archive ids: 128 random bits in base64url without padding, 22 characters; an archive's file is
 * {@code <id>.tcrec} in the recordings directory. A name is checked here before any disk access, so a
 * request can never name a file outside the directory (no dot, slash or backslash gets through).
 */
public final class RecordingIds {
    /** The file name suffix of an archive. */
    public static final String SUFFIX = ".tcrec";
    /** The length of an id: 128 bits in base64url. */
    public static final int LENGTH = 22;

    private RecordingIds() {
    }

    /** Whether {@code id} is 22 characters of the base64url alphabet. */
    public static boolean valid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The id of an archive's file name {@code <id>.tcrec}, or null if the name is not one. */
    public static String ofFileName(String name) {
        if (name == null || !name.endsWith(SUFFIX)) {
            return null;
        }
        String id = name.substring(0, name.length() - SUFFIX.length());
        return valid(id) ? id : null;
    }
}
