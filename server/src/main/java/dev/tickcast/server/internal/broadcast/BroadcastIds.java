package dev.tickcast.server.internal.broadcast;

import java.security.SecureRandom;
import java.util.Base64;

/** Broadcast ids: 128 random bits in base64url without padding (22 characters), checked before any lookup. */
public final class BroadcastIds {
    /** The length of an id. */
    public static final int LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BroadcastIds() {
    }

    /** A new id. */
    static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** Whether {@code id} is 22 characters of the base64url alphabet. */
    public static boolean valid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
