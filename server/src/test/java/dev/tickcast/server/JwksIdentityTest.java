package dev.tickcast.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tickcast.server.PlayerIdentityTest.assertRefused;
import static dev.tickcast.server.PlayerIdentityTest.assertSeated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Keys from a JWKS served by a test HTTP server on loopback: a rotated key (new kid) is picked up
 * without a restart, an unknown kid is refused, and a JWKS server that never answers holds only the
 * requests that need its keys, and those only until the fetch timeout.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class JwksIdentityTest {
    private static JsonObject keySet(JsonObject... keys) {
        return new JsonObject().put("keys", new JsonArray(List.of((Object[]) keys)));
    }

    private static int serve(Vertx vertx, io.vertx.core.Handler<HttpServerRequest> handler) {
        HttpServer server = vertx.createHttpServer().requestHandler(handler);
        return Bot.get(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()).actualPort();
    }

    @Test
    void shouldPickUpARotatedKeyWithoutRestart(Vertx vertx) {
        KeyPair first = TestTokens.rsa();
        KeyPair second = TestTokens.ec();
        AtomicReference<JsonObject> served = new AtomicReference<>(keySet(TestTokens.jwk(first.getPublic(), "k1")));
        AtomicInteger fetches = new AtomicInteger();
        int port = serve(vertx, req -> {
            fetches.incrementAndGet();
            req.response().putHeader("content-type", "application/json").end(served.get().encode());
        });
        AuthHttp http = PlayerIdentityTest.start(vertx, PlayerIdentityTest.identity()
                .with(AuthSettings.JWKS_URL, "http://127.0.0.1:" + port + "/.well-known/jwks.json"));
        JsonObject claims = TestTokens.claims("user-7", "Grace");
        assertSeated(http.matchmake(TestTokens.rs256(first.getPrivate(), "k1", claims), "x"), "user-7", "Grace");
        assertRefused(http.matchmake(TestTokens.hs256(claims), "x"), 401, "bad_algorithm");

        served.set(keySet(TestTokens.jwk(second.getPublic(), "k2")));
        assertSeated(http.matchmake(TestTokens.es256(second.getPrivate(), "k2", claims), "x"), "user-7", "Grace");
        int afterRotation = fetches.get();
        assertRefused(http.matchmake(TestTokens.rs256(first.getPrivate(), "k1", claims), "x"), 401, "unknown_key");
        assertRefused(http.matchmake(TestTokens.es256(second.getPrivate(), "k3", claims), "x"), 401, "unknown_key");
        assertRefused(http.matchmake(TestTokens.es256(TestTokens.ec().getPrivate(), "k2", claims), "x"), 401,
                "bad_signature");
        assertEquals(afterRotation, fetches.get(), "unknown kids within 10 s of a fetch fetch nothing more");
    }

    @Test
    void shouldFetchANewKidEvenWhenAPemKeyWithoutKidFits(Vertx vertx, @TempDir Path dir) throws Exception {
        KeyPair pem = TestTokens.rsa();
        KeyPair first = TestTokens.rsa();
        KeyPair second = TestTokens.rsa();
        Path file = Files.writeString(dir.resolve("rsa.pem"), TestTokens.pem(pem.getPublic()));
        AtomicReference<JsonObject> served = new AtomicReference<>(keySet(TestTokens.jwk(first.getPublic(), "k1")));
        int port = serve(vertx, req -> req.response().end(served.get().encode()));
        AuthHttp http = PlayerIdentityTest.start(vertx, PlayerIdentityTest.identity()
                .with(AuthSettings.PUBLIC_KEYS, List.of(file.toString()))
                .with(AuthSettings.JWKS_URL, "http://127.0.0.1:" + port + "/jwks"));
        JsonObject claims = TestTokens.claims("user-9", "Ivan");
        assertSeated(http.matchmake(TestTokens.rs256(first.getPrivate(), "k1", claims), "x"), "user-9", "Ivan");
        served.set(keySet(TestTokens.jwk(second.getPublic(), "k2")));
        assertSeated(http.matchmake(TestTokens.rs256(second.getPrivate(), "k2", claims), "x"), "user-9", "Ivan");
        assertSeated(http.matchmake(TestTokens.rs256(pem.getPrivate(), "any", claims), "x"), "user-9", "Ivan");
        assertSeated(http.matchmake(TestTokens.rs256(pem.getPrivate(), null, claims), "x"), "user-9", "Ivan");
    }

    @Test
    void shouldAnswerOtherRequestsWhileTheJwksServerHangs(Vertx vertx) {
        List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
        int port = serve(vertx, held::add);
        AuthHttp http = PlayerIdentityTest.start(vertx, PlayerIdentityTest.identity()
                .with(AuthSettings.JWKS_URL, "http://127.0.0.1:" + port + "/jwks")
                .with(AuthSettings.JWKS_TIMEOUT_MS, 3_000));
        String token = TestTokens.rs256(TestTokens.rsa().getPrivate(), "k1", TestTokens.claims("user-8", "Heidi"));
        Future<AuthHttp.Answer> waiting = http.send("/matchmake/arena", token, "x");

        assertEquals(200, http.get("/health").status());
        assertRefused(http.matchmake(null, "x"), 401, "missing_token");
        assertRefused(http.matchmake(TestTokens.hs256(TestTokens.claims("u", "n")), "x"), 401, "bad_algorithm");
        assertFalse(waiting.isComplete(), "the token waits for the keys, nothing else does");

        assertRefused(Bot.get(waiting.toCompletionStage().toCompletableFuture()), 503, "keys_unavailable");
        assertEquals(1, held.size(), "the token waited for the fetch of the start");
        assertRefused(http.matchmake(token, "x"), 503, "keys_unavailable");
        assertEquals(2, held.size(), "a token asked for a second fetch, and waited for it");
        assertRefused(http.matchmake(token, "x"), 503, "keys_unavailable");
        assertEquals(2, held.size(), "no third fetch within 10 s of the one asked for: refused at once");
    }
}
