package dev.tickcast.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tickcast-bench token}: the tokens it prints verify with the JDK and carry the claims asked for. */
class TokenCommandTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private String mint(String... args) throws Exception {
        TokenCommand command = new TokenCommand();
        new CommandLine(command).parseArgs(args);
        return command.mint(vertx);
    }

    private static JsonObject part(String token, int i) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8));
    }

    @Test
    void shouldSignHs256WithTheClaimsAskedFor() throws Exception {
        String secret = "a-test-secret-of-more-than-32-bytes-0123456789";
        String token = mint("--hs256-secret", secret, "--sub", "u1", "--name", "Alice", "--iss", "https://a.test/",
                "--aud", "game", "--ttl-s", "60", "--claim", "rank=7", "--claim", "team=red", "--claim", "roles=[\"a\"]");
        String[] p = token.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(p[2])), "the HMAC verifies");
        assertEquals("HS256", part(token, 0).getString("alg"));
        JsonObject claims = part(token, 1);
        assertEquals("u1", claims.getString("sub"));
        assertEquals("Alice", claims.getString("name"));
        assertEquals("https://a.test/", claims.getString("iss"));
        assertEquals("game", claims.getString("aud"));
        assertEquals(7, claims.getInteger("rank"));
        assertEquals("red", claims.getString("team"));
        assertEquals(new JsonArray().add("a"), claims.getJsonArray("roles"));
        assertEquals(60, claims.getLong("exp") - claims.getLong("iat"));
    }

    @Test
    void shouldSignEs256WithAPemPrivateKeyAndAKid(@TempDir Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String token = mint("--private-key", pem.toString(), "--sub", "u2", "--kid", "k7");
        assertEquals("ES256", part(token, 0).getString("alg"));
        assertEquals("k7", part(token, 0).getString("kid"));
        String[] p = token.split("\\.");
        Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
        verify.initVerify(pair.getPublic());
        verify.update((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verify.verify(Base64.getUrlDecoder().decode(p[2])), "the JWS signature (R || S) verifies");
    }
}
