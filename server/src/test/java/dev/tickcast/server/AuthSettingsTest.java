package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.server.internal.engine.TickcastServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity settings taken together, and a key file that is not a public key. */
@ExtendWith(VertxExtension.class)
class AuthSettingsTest {
    private static String refusal(TickcastOptions o) {
        return assertThrows(IllegalArgumentException.class, o::validate).getMessage();
    }

    @Test
    void shouldNeedAnIssuerAndAnAudienceWithAKey() {
        TickcastOptions keyOnly = new TickcastOptions().with(AuthSettings.HS256_SECRET, TestTokens.SECRET);
        assertTrue(AuthSettings.identityOn(keyOnly));
        assertTrue(refusal(keyOnly).contains("--auth-issuer"), refusal(keyOnly));
        assertTrue(refusal(keyOnly.with(AuthSettings.ISSUER, "https://a/")).contains("--auth-audience"));
        keyOnly.with(AuthSettings.AUDIENCES, List.of("g")).validate();
        assertTrue(refusal(new TickcastOptions().with(AuthSettings.ISSUER, "https://a/")).contains("need a key"));
        assertFalse(AuthSettings.identityOn(new TickcastOptions()), "guest play by default");
    }

    @Test
    void shouldRefuseAShortSecretAndTooManyClaimsAndAWideSkew() {
        assertEquals("--auth-hs256-secret (authHs256Secret, or TICKCAST_AUTH_HS256_SECRET) must be 32 bytes or more, "
                + "not 5", assertThrows(IllegalArgumentException.class,
                () -> new TickcastOptions().with(AuthSettings.HS256_SECRET, "short")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TickcastOptions().with(AuthSettings.CLOCK_SKEW_S, 301));
        assertThrows(IllegalArgumentException.class, () -> new TickcastOptions().with(AuthSettings.CLAIMS,
                java.util.stream.IntStream.range(0, 17).mapToObj(i -> "c" + i).toList()));
        assertEquals(List.of("rank", "team"), SettingsTest.parse("--auth-claims", "rank, team").get(AuthSettings.CLAIMS));
    }

    @Test
    void shouldNotStartWithAKeyFileThatIsNotAPublicKey(Vertx vertx, @TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        TickcastOptions o = PlayerIdentityTest.identity().with(AuthSettings.PUBLIC_KEYS, List.of(bad.toString()));
        CompletableFuture<TickcastServer> started = TickcastServer.start(vertx, o,
                new GameRegistry().register(ArenaGame.SPEC)).toCompletionStage().toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> started.get(15, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("--auth-public-key " + bad), e.getCause().getMessage());
    }
}
