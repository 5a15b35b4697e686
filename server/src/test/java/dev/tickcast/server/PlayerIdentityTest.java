package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Player identity over real loopback HTTP with real signed tokens (HS256, RS256, ES256 from PEM files):
 * each failure gives its status, reason and WWW-Authenticate; the seat's name is the token's, not
 * the typed one; guest play is unchanged when no key is configured.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class PlayerIdentityTest {
    static TickcastOptions identity() {
        return TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(1).withLoadTestLimits()
                .with(AuthSettings.ISSUER, TestTokens.ISSUER).with(AuthSettings.AUDIENCES, List.of(TestTokens.AUDIENCE));
    }

    static AuthHttp start(Vertx vertx, TickcastOptions options) {
        ServerFixture fixture = new ServerFixture(vertx, options.validate(), new GameRegistry().register(ArenaGame.SPEC));
        return new AuthHttp(vertx, fixture.port());
    }

    static void assertRefused(AuthHttp.Answer answer, int status, String reason) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(reason, answer.reason(), answer.body());
        assertTrue(answer.json().getString("error").length() > 0);
        if (!"missing_token".equals(reason)) {
            assertEquals("Bearer error=\"invalid_token\", error_description=\"" + reason + "\"", answer.challenge());
        } else {
            assertEquals("Bearer", answer.challenge());
        }
    }

    static void assertSeated(AuthHttp.Answer answer, String subject, String name) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals(subject, answer.json().getString("subject"));
        assertEquals(name, answer.json().getString("name"), "the token's name, not the typed one");
    }

    @Test
    void shouldCheckAnHs256TokenClaimByClaim(Vertx vertx) {
        AuthHttp http = start(vertx, identity().with(AuthSettings.HS256_SECRET, TestTokens.SECRET));
        long now = System.currentTimeMillis() / 1000;
        JsonObject good = TestTokens.claims("user-1", "Alice");
        String token = TestTokens.hs256(good);
        assertSeated(http.matchmake(token, "Mallory"), "user-1", "Alice");

        assertRefused(http.matchmake(null, "x"), 401, "missing_token");
        assertRefused(http.matchmake("not.a.jwt!", "x"), 401, "malformed_token");
        assertRefused(http.matchmake("a".repeat(8000), "x"), 401, "malformed_token");
        assertEquals(431, http.matchmake("a".repeat(9000), "x").status(), "the HTTP server's header limit comes first");
        assertRefused(http.matchmake(TestTokens.hs256(good.copy().put("exp", now - 31)), "x"), 401, "expired");
        assertSeated(http.matchmake(TestTokens.hs256(good.copy().put("exp", now - 5)), "x"), "user-1", "Alice");
        assertRefused(http.matchmake(TestTokens.hs256(good.copy().put("nbf", now + 120)), "x"), 401, "not_yet_valid");
        assertRefused(http.matchmake(TestTokens.hs256(good.copy().put("iat", now + 120)), "x"), 401, "not_yet_valid");
        assertRefused(http.matchmake(TestTokens.hs256(good.copy().put("iss", "https://evil.example/")), "x"), 401,
                "wrong_issuer");
        assertRefused(http.matchmake(TestTokens.hs256(good.copy().put("aud", "another-app")), "x"), 401,
                "wrong_audience");
        assertSeated(http.matchmake(TestTokens.hs256(good.copy().put("aud", new JsonArray().add("x")
                .add(TestTokens.AUDIENCE))), "x"), "user-1", "Alice");
        assertRefused(http.matchmake(TestTokens.hs256(good.copy().put("sub", "")), "x"), 401, "missing_subject");
        assertRefused(http.matchmake(TestTokens.hs256(good.copy().put("sub", "s".repeat(256))), "x"), 401,
                "missing_subject");
        JsonObject noExpiry = good.copy();
        noExpiry.remove("exp");
        assertRefused(http.matchmake(TestTokens.hs256(noExpiry), "x"), 401, "missing_expiry");
        assertRefused(http.matchmake(TestTokens.none(good), "x"), 401, "bad_algorithm");
        assertRefused(http.matchmake(TestTokens.tampered(token, good.copy().put("sub", "admin")), "x"), 401,
                "bad_signature");
        assertRefused(http.matchmake(TestTokens.hs256("another-secret-of-more-than-32-bytes-xyz".getBytes(
                StandardCharsets.UTF_8), good), "x"), 401, "bad_signature");
        assertRefused(http.matchmake(TestTokens.rs256(TestTokens.rsa().getPrivate(), null, good), "x"), 401,
                "bad_algorithm");
        assertEquals(true, new JsonArray(http.get("/games").body()).getJsonObject(0).getBoolean("auth"));
    }

    @Test
    void shouldNameThePlayerFromTheChosenClaimThenFallBack(Vertx vertx) {
        AuthHttp http = start(vertx, identity().with(AuthSettings.HS256_SECRET, TestTokens.SECRET)
                .with(AuthSettings.NAME_CLAIM, "nickname"));
        JsonObject claims = TestTokens.claims("user-2", "Bob").put("nickname", "  Bobby  ");
        assertSeated(http.matchmake(TestTokens.hs256(claims), "typed"), "user-2", "Bobby");
        claims.remove("nickname");
        assertSeated(http.matchmake(TestTokens.hs256(claims.copy().put("preferred_username", "bob42")), "t"),
                "user-2", "bob42");
        assertSeated(http.matchmake(TestTokens.hs256(claims), "typed"), "user-2", "user-2");
        String long64 = "\u00e9".repeat(20); // 40 UTF-8 bytes: cut to 16 whole characters (32 bytes)
        assertSeated(http.matchmake(TestTokens.hs256(claims.copy().put("nickname", long64)), "t"), "user-2",
                "\u00e9".repeat(16));
    }

    @Test
    void shouldVerifyRs256FromAPemKeyAndRefuseTheHmacConfusion(Vertx vertx, @TempDir Path dir) throws Exception {
        KeyPair rsa = TestTokens.rsa();
        Path pem = Files.writeString(dir.resolve("rsa.pem"), TestTokens.pem(rsa.getPublic()));
        AuthHttp http = start(vertx, identity().with(AuthSettings.PUBLIC_KEYS, List.of(pem.toString())));
        JsonObject claims = TestTokens.claims("user-3", "Carol");
        assertSeated(http.matchmake(TestTokens.rs256(rsa.getPrivate(), "any-kid", claims), "x"), "user-3", "Carol");
        byte[] publicKeyBytes = Files.readAllBytes(pem);
        assertRefused(http.matchmake(TestTokens.hs256(publicKeyBytes, claims), "x"), 401, "bad_algorithm");
        assertRefused(http.matchmake(TestTokens.rs256(TestTokens.rsa().getPrivate(), null, claims), "x"), 401,
                "bad_signature");
        assertRefused(http.matchmake(TestTokens.tampered(TestTokens.rs256(rsa.getPrivate(), null, claims),
                claims.copy().put("name", "Admin")), "x"), 401, "bad_signature");
    }

    @Test
    void shouldRefuseAnHmacSignedWithThePublicKeyEvenWithASecretConfigured(Vertx vertx, @TempDir Path dir)
            throws Exception {
        KeyPair rsa = TestTokens.rsa();
        Path pem = Files.writeString(dir.resolve("rsa.pem"), TestTokens.pem(rsa.getPublic()));
        AuthHttp http = start(vertx, identity().with(AuthSettings.PUBLIC_KEYS, List.of(pem.toString()))
                .with(AuthSettings.HS256_SECRET, TestTokens.SECRET));
        JsonObject claims = TestTokens.claims("user-4", "Dan");
        assertRefused(http.matchmake(TestTokens.hs256(Files.readAllBytes(pem), claims), "x"), 401, "bad_signature");
        assertSeated(http.matchmake(TestTokens.hs256(claims), "x"), "user-4", "Dan");
        assertSeated(http.matchmake(TestTokens.rs256(rsa.getPrivate(), null, claims), "x"), "user-4", "Dan");
    }

    @Test
    void shouldVerifyEs256FromAPemKey(Vertx vertx, @TempDir Path dir) throws Exception {
        KeyPair ec = TestTokens.ec();
        Path pem = Files.writeString(dir.resolve("ec.pem"), TestTokens.pem(ec.getPublic()));
        AuthHttp http = start(vertx, identity().with(AuthSettings.PUBLIC_KEYS, List.of(pem.toString())));
        JsonObject claims = TestTokens.claims("user-5", "Eve");
        assertSeated(http.matchmake(TestTokens.es256(ec.getPrivate(), null, claims), "x"), "user-5", "Eve");
        assertRefused(http.matchmake(TestTokens.es256(TestTokens.ec().getPrivate(), null, claims), "x"), 401,
                "bad_signature");
        assertRefused(http.matchmake(TestTokens.es256(ec.getPrivate(), null, claims.copy().put("exp", 1000)), "x"), 401,
                "expired");
    }

    @Test
    void shouldLetGuestsPlayAsTodayWhenIdentityIsOff(Vertx vertx) {
        AuthHttp http = start(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(1));
        AuthHttp.Answer answer = http.matchmake("garbage.that.is-ignored", "Typed");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("Typed", answer.json().getString("name"));
        assertTrue(answer.json().containsKey("subject"));
        assertNull(answer.json().getString("subject"));
        assertEquals(false, new JsonArray(http.get("/games").body()).getJsonObject(0).getBoolean("auth"));
    }
}
