package dev.tickcast.server.internal.auth;

import java.util.Locale;

/**
 * Why a matchmaking request's token was refused: the {@code reason} of the answer (docs/PROTOCOL.md
 * section 3), in the order the checks run. All are 401 but {@link #KEYS_UNAVAILABLE} (503).
 */
public enum Reason {
    /** No {@code Authorization: Bearer} header. */
    MISSING_TOKEN(401, "a player token is required (Authorization: Bearer)"),
    /** Not three base64url parts of JSON, or longer than the bound. */
    MALFORMED_TOKEN(401, "the token is not a well-formed signed JWT"),
    /** An algorithm no configured key has ({@code none} included). */
    BAD_ALGORITHM(401, "the token's algorithm is not accepted"),
    /** A JWKS is configured but has never been loaded, and no other key fits. */
    KEYS_UNAVAILABLE(503, "the keys that verify tokens are not available yet; try again"),
    /** No key with the token's {@code kid} (and algorithm). */
    UNKNOWN_KEY(401, "no key is known for the token's kid"),
    /** The signature does not verify. */
    BAD_SIGNATURE(401, "the token's signature does not verify"),
    /** No numeric {@code exp}. */
    MISSING_EXPIRY(401, "the token has no expiry (exp)"),
    /** Past its {@code exp}. */
    EXPIRED(401, "the token has expired"),
    /** Before its {@code nbf}, or issued in the future ({@code iat}). */
    NOT_YET_VALID(401, "the token is not valid yet"),
    /** Another issuer. */
    WRONG_ISSUER(401, "the token's issuer is not accepted"),
    /** None of the accepted audiences. */
    WRONG_AUDIENCE(401, "the token is not meant for this server (aud)"),
    /** No subject, or not a string of 1..255 characters. */
    MISSING_SUBJECT(401, "the token has no valid subject (sub)");

    private final int status;
    private final String message;

    Reason(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The HTTP status of the refusal. */
    public int status() {
        return status;
    }

    /** The answer's {@code error}, for people. */
    public String message() {
        return message;
    }

    /** The answer's {@code reason}, for programs: the constant in lower case ({@code expired}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
