package dev.tickcast.server;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Signed JWTs for tests, made with the JDK alone (independent of the verifier's library). */
final class TestTokens {
    static final String ISSUER = "https://accounts.example.test/";
    static final String AUDIENCE = "tickcast-test";
    static final String SECRET = "a-test-secret-of-more-than-32-bytes-0123456789";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    static KeyPair rsa() {
        return pair("RSA", 2048);
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair pair(String type, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type);
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims valid now: iss, aud, sub, name, iat and exp in an hour. */
    static JsonObject claims(String sub, String name) {
        long now = System.currentTimeMillis() / 1000;
        return new JsonObject().put("iss", ISSUER).put("aud", AUDIENCE).put("sub", sub).put("name", name)
                .put("iat", now).put("exp", now + 3600);
    }

    static String hs256(byte[] secret, JsonObject claims) {
        return sign(new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims, input -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        });
    }

    static String hs256(JsonObject claims) {
        return hs256(SECRET.getBytes(StandardCharsets.UTF_8), claims);
    }

    static String rs256(PrivateKey key, String kid, JsonObject claims) {
        return signed("RS256", "SHA256withRSA", key, kid, claims);
    }

    static String es256(PrivateKey key, String kid, JsonObject claims) {
        return signed("ES256", "SHA256withECDSAinP1363Format", key, kid, claims);
    }

    /** An unsecured token: alg none, no signature. */
    static String none(JsonObject claims) {
        return part(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + part(claims) + ".";
    }

    /** {@code token} with its payload replaced by {@code claims}, the signature kept. */
    static String tampered(String token, JsonObject claims) {
        String[] p = token.split("\\.");
        return p[0] + "." + part(claims) + "." + p[2];
    }

    private static String signed(String alg, String jca, PrivateKey key, String kid, JsonObject claims) {
        JsonObject header = new JsonObject().put("alg", alg).put("typ", "JWT");
        if (kid != null) {
            header.put("kid", kid);
        }
        return sign(header, claims, input -> {
            Signature s = Signature.getInstance(jca);
            s.initSign(key);
            s.update(input);
            return s.sign();
        });
    }

    private interface Signer {
        byte[] sign(byte[] input) throws GeneralSecurityException;
    }

    private static String sign(JsonObject header, JsonObject claims, Signer signer) {
        String input = part(header) + "." + part(claims);
        try {
            return input + "." + B64.encodeToString(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(JsonObject json) {
        return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The public JWK of {@code key} (RSA or EC P-256) with {@code kid}. */
    static JsonObject jwk(PublicKey key, String kid) {
        if (key instanceof RSAPublicKey rsa) {
            return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                    .put("n", unsigned(rsa.getModulus(), 0)).put("e", unsigned(rsa.getPublicExponent(), 0));
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new JsonObject().put("kty", "EC").put("kid", kid).put("crv", "P-256")
                .put("x", unsigned(ec.getW().getAffineX(), 32)).put("y", unsigned(ec.getW().getAffineY(), 32));
    }

    private static String unsigned(BigInteger n, int size) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = Arrays.copyOfRange(b, 1, b.length);
        }
        if (b.length < size) {
            byte[] padded = new byte[size];
            System.arraycopy(b, 0, padded, size - b.length, b.length);
            b = padded;
        }
        return B64.encodeToString(b);
    }
}
