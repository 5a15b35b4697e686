package dev.tickcast.server.internal.auth;

import dev.tickcast.game.Identity;

/**
 * The outcome of a token check: the verified identity, or the reason it was refused.
 *
 * @param identity the verified identity, or null
 * @param reason   the refusal, or null
 */
public record Verdict(Identity identity, Reason reason) {
    static Verdict ok(Identity identity) {
        return new Verdict(identity, null);
    }

    static Verdict refused(Reason reason) {
        return new Verdict(null, reason);
    }

    /** True if the token was verified. */
    public boolean ok() {
        return reason == null;
    }
}
