package dev.tickcast.game;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a player is, as the engine vouches for it. With identity on (the server verified a signed
 * token from the studio's account system, docs/SECURITY.md "Player identity"), {@link #subject()} is
 * the token's {@code sub}, {@link #name()} comes from the claim the operator chose for names, and
 * {@link #claims()} holds the claims the operator passes to games (a rank, a team, roles). A guest
 * (identity off, the default) has no subject and the name it typed. Names are shown to other
 * players; a guest's can be anything, a verified player's cannot be chosen by the client.
 *
 * <p>A player keeps its identity across reconnections; in one room an identity holds at most one
 * seat (a second login takes the seat over, and the first connection is closed with 4013).
 *
 * @param subject the verified subject (the token's {@code sub}), or null for a guest
 * @param name    the name shown to other players: 1 to 32 UTF-8 bytes ({@code Protocol.MAX_NAME_BYTES}), trimmed
 * @param claims  the claims passed to games, by claim name: strings, numbers, booleans and lists of
 *                them; empty for a guest. Immutable.
 */
public record Identity(String subject, String name, Map<String, Object> claims) {
    /** Checks the name and takes an immutable copy of the claims. */
    public Identity {
        Objects.requireNonNull(name, "name");
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }

    /** A guest: no subject, the name it typed, no claims. */
    public static Identity guest(String name) {
        return new Identity(null, name, Map.of());
    }

    /** True if a verified token vouches for this player (it has a subject); false for a guest. */
    public boolean verified() {
        return subject != null;
    }

    /** The claim {@code name} if it was passed and is a string, else null. */
    public String claim(String name) {
        return claims.get(name) instanceof String s ? s : null;
    }

    /** The claim {@code name} if it was passed and is a list, else an empty list. */
    public List<?> claimList(String name) {
        return claims.get(name) instanceof List<?> l ? l : List.of();
    }
}
