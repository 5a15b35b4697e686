package dev.tickcast.server.internal.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The checks of a verified token's claims, in order: {@code exp} (required), {@code nbf} and
 * {@code iat} (when present) within the clock skew, {@code iss}, {@code aud}, {@code sub}. Runs only
 * on a payload whose signature verified.
 */
final class ClaimChecks {
    /** The longest subject accepted, in characters. */
    static final int MAX_SUBJECT_CHARS = 255;

    private final String issuer;
    private final List<String> audiences;
    private final long skewS;

    ClaimChecks(String issuer, List<String> audiences, long skewS) {
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
        this.skewS = skewS;
    }

    /** The first check {@code claims} fails at {@code nowS} (seconds since the epoch), or null. */
    Reason problem(JsonObject claims, long nowS) {
        Object exp = claims.getValue("exp");
        if (!(exp instanceof Number expiry)) {
            return Reason.MISSING_EXPIRY;
        }
        if (nowS - skewS >= expiry.longValue()) {
            return Reason.EXPIRED;
        }
        if (after(claims.getValue("nbf"), nowS) || after(claims.getValue("iat"), nowS)) {
            return Reason.NOT_YET_VALID;
        }
        if (issuer != null && !issuer.equals(claims.getValue("iss"))) {
            return Reason.WRONG_ISSUER;
        }
        if (!audiences.isEmpty() && !namesAnAudience(claims.getValue("aud"))) {
            return Reason.WRONG_AUDIENCE;
        }
        Object sub = claims.getValue("sub");
        if (!(sub instanceof String s) || s.isBlank() || s.length() > MAX_SUBJECT_CHARS) {
            return Reason.MISSING_SUBJECT;
        }
        return null;
    }

    /** A time claim later than now plus the skew; a present claim that is not a number counts as later. */
    private boolean after(Object time, long nowS) {
        if (time == null) {
            return false;
        }
        return !(time instanceof Number n) || n.longValue() > nowS + skewS;
    }

    private boolean namesAnAudience(Object aud) {
        if (aud instanceof String s) {
            return audiences.contains(s);
        }
        if (aud instanceof JsonArray list) {
            for (Object a : list) {
                if (a instanceof String s && audiences.contains(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
