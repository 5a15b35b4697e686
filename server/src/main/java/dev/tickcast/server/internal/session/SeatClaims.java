package dev.tickcast.server.internal.session;

import dev.tickcast.server.internal.match.Matchmaker;

/** Where a client session claims the seat its JOIN's token names. May be called from any thread. */
@FunctionalInterface
public interface SeatClaims {
    /** Claims the seat of {@code token} (single use): the room to enter, or why not. */
    Admission claim(String token);

    /** The claims of {@code matchmaker}. */
    static SeatClaims of(Matchmaker matchmaker) {
        return token -> Admission.of(matchmaker.claim(token));
    }
}
