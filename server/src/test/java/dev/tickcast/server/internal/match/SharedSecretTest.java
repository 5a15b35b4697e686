package dev.tickcast.server.internal.match;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.server.GameRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Tokens signed with the cluster's shared secret verify on every node; with another key they do not. */
class SharedSecretTest {
    private static final byte[] SECRET = "the-cluster-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private final GameRegistry games = new GameRegistry().register(ArenaGame.SPEC);

    private Matchmaker node(byte[] secret) {
        RoomFactory noRooms = (id, spec, mm) -> null;
        return new Matchmaker(games, noRooms, 10_000, () -> 0L, MatchLimits.NONE, secret);
    }

    @Test
    void shouldVerifyAnotherNodesTokenWithTheSharedSecret() {
        SeatTokens a = new SeatTokens(SECRET, new java.security.SecureRandom());
        SeatTokens b = new SeatTokens(SECRET, new java.security.SecureRandom());
        SeatTokens other = new SeatTokens("another-key-0123456789abc".getBytes(StandardCharsets.UTF_8),
                new java.security.SecureRandom());
        String token = a.issue('s', "room1", 123);
        assertEquals("room1", b.verify(token).roomId());
        assertNull(other.verify(token));
    }

    @Test
    void shouldTellAForeignNodesSeatFromAForgery() {
        Matchmaker b = node(SECRET);
        SeatTokens a = new SeatTokens(SECRET, new java.security.SecureRandom());
        assertEquals(Claim.Status.USED, b.claim(a.issue('s', "elsewhere", 60_000)).status(),
                "genuine, but this node holds no such reservation");
        assertEquals(Claim.Status.INVALID, node(null).claim(a.issue('s', "elsewhere", 60_000)).status());
    }
}
