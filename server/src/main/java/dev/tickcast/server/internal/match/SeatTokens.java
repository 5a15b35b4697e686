package dev.tickcast.server.internal.match;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signed, short-lived seat tokens: {@code base64url(kind.roomId.nonce.expiresAtMs).base64url(hmac)}
 * with HMAC-SHA256 under a per-process secret. A forged or altered token fails the signature; an
 * old one fails the expiry; single use is the matchmaker's job (it forgets a token once claimed).
 * Not thread-safe: the matchmaker calls it under its lock.
 */
final class SeatTokens {
    /** A parsed, verified token. */
    record Parsed(char kind, String roomId, String nonce, long expiresAtMs) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_CHARS = 256;

    private final Mac mac;
    private final SecureRandom random;

    SeatTokens(byte[] secret, SecureRandom random) {
        this.random = random;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /**
     * A new token of {@code kind} ('s' seat, 'r' reconnection, 'w' spectator) for {@code roomId},
     * valid until the given time.
     */
    String issue(char kind, String roomId, long expiresAtMs) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String payload = kind + "." + roomId + "." + ENCODER.encodeToString(nonce) + "." + expiresAtMs;
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac.doFinal(body));
    }

    /** The token's fields if its signature is valid (expired or not), else null. */
    Parsed verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return null;
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (!MessageDigest.isEqual(mac.doFinal(body), signature)) {
            return null;
        }
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\\.");
        if (parts.length != 4 || parts[0].length() != 1) {
            return null;
        }
        try {
            return new Parsed(parts[0].charAt(0), parts[1], parts[2], Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
