package dev.tickcast.server.internal.broadcast;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The signed expiring links of a private room's broadcast: {@code ?exp=E&sig=S}, E unix seconds, S the
 * base64url (no padding) HMAC-SHA256 of {@code "{bid}.{E}"} under the secret. One signature covers every object
 * of the broadcast until E. Any thread.
 */
public final class LinkSigner {
    /** The shortest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    /** How a link's query was judged. */
    public enum Verdict {
        /** Signed, and not expired. */
        OK,
        /** No {@code exp} or no {@code sig}. */
        MISSING,
        /** A malformed {@code exp}, or a signature that does not match. */
        BAD,
        /** Signed, but past its {@code exp}. */
        EXPIRED
    }

    private final byte[] secret;

    /** A signer with {@code secret} (at least {@link #MIN_SECRET_BYTES} bytes). */
    public LinkSigner(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a broadcast secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
    }

    /** A signer with a random secret: its links are good on this process only. */
    public static LinkSigner random() {
        byte[] bits = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(bits);
        return new LinkSigner(bits);
    }

    /** The query {@code exp=E&sig=S} that signs broadcast {@code bid} until {@code expSeconds}. */
    public String query(String bid, long expSeconds) {
        return "exp=" + expSeconds + "&sig=" + sign(bid, expSeconds);
    }

    /** The signature of {@code bid} until {@code expSeconds}. */
    String sign(String bid, long expSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] s = mac.doFinal((bid + "." + expSeconds).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Judges the query values {@code exp} and {@code sig} (either may be null) of broadcast {@code bid} at {@code nowSeconds}. */
    public Verdict check(String bid, String exp, String sig, long nowSeconds) {
        if (exp == null || sig == null) {
            return Verdict.MISSING;
        }
        if (exp.isEmpty() || exp.length() > 12 || !exp.chars().allMatch(c -> c >= '0' && c <= '9') || sig.length() > 64) {
            return Verdict.BAD;
        }
        long e = Long.parseLong(exp);
        byte[] expected = sign(bid, e).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.BAD;
        }
        return nowSeconds >= e ? Verdict.EXPIRED : Verdict.OK;
    }
}
