package dev.tickcast.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code token}: mints a development player token for a server with identity on (docs/SECURITY.md
 * "Player identity"), signed by vertx-auth-jwt's {@link JWTAuth#generateToken}. Not an account
 * service: for tests and local play only.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a signed player token (JWT) for a server with identity on: HS256 with --hs256-secret, or "
                + "RS256 / ES256 with --private-key (a PKCS#8 PEM file, -----BEGIN PRIVATE KEY-----; the key type "
                + "picks the algorithm). For development only.")
final class TokenCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Key key;

    /** One signing key. */
    static final class Key {
        @Option(names = "--hs256-secret", paramLabel = "SECRET", description = "The server's --auth-hs256-secret.")
        String secret;

        @Option(names = "--private-key", paramLabel = "PEM_FILE",
                description = "A PKCS#8 PEM private key: RSA signs RS256, EC P-256 signs ES256.")
        Path privateKey;
    }

    @Option(names = "--sub", required = true, description = "The subject: the player's account id.")
    String subject;

    @Option(names = "--name", description = "The name claim (what other players see).")
    String name;

    @Option(names = "--iss", description = "The issuer (the server's --auth-issuer).")
    String issuer;

    @Option(names = "--aud", description = "An audience (the server's --auth-audience); repeatable.")
    List<String> audiences = List.of();

    @Option(names = "--ttl-s", description = "Seconds until the token expires. Default: ${DEFAULT-VALUE}.")
    int ttlSeconds = 3600;

    @Option(names = "--kid", description = "The key id in the token's header (a JWKS key's kid).")
    String kid;

    @Option(names = "--claim", paramLabel = "KEY=VALUE", description = "Another claim, repeatable; a VALUE that is "
            + "JSON (a number, true, false, an array) is taken as such, anything else as a string.")
    Map<String, String> claims = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            System.out.println(mint(vertx));
            return 0;
        } finally {
            vertx.close();
        }
    }

    String mint(Vertx vertx) throws Exception {
        PubSecKeyOptions signing = key.secret != null ? new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key.secret)
                : privateKey(Files.readString(key.privateKey));
        if (kid != null) {
            signing.setId(kid);
        }
        JsonObject payload = new JsonObject();
        claims.forEach((k, v) -> payload.put(k, value(v)));
        if (name != null) {
            payload.put("name", name);
        }
        JWTOptions options = new JWTOptions().setAlgorithm(signing.getAlgorithm()).setSubject(subject)
                .setIssuer(issuer).setAudience(audiences).setExpiresInSeconds(ttlSeconds);
        return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(signing)).generateToken(payload, options);
    }

    private static PubSecKeyOptions privateKey(String pem) throws Exception {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        String alg;
        try {
            KeyFactory.getInstance("RSA").generatePrivate(spec);
            alg = "RS256";
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            KeyFactory.getInstance("EC").generatePrivate(spec);
            alg = "ES256";
        }
        return new PubSecKeyOptions().setAlgorithm(alg).setBuffer(pem);
    }

    private static Object value(String text) {
        try {
            Object v = Json.decodeValue(text);
            return v instanceof Number || v instanceof Boolean || v instanceof JsonArray ? v : text;
        } catch (DecodeException e) {
            return text;
        }
    }
}
