package dev.tickcast.server.internal.auth;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads the algorithm a PEM public key verifies: RS256 for RSA (2048 bits or more), ES256 for EC P-256. */
final class PemKeys {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final int MIN_RSA_BITS = 2048;
    /** The order of NIST P-256 (secp256r1); secp256k1 has a 256-bit field too, but another order. */
    private static final java.math.BigInteger P256_ORDER = new java.math.BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private PemKeys() {
    }

    /** RS256 or ES256; IllegalArgumentException saying what is wrong otherwise. */
    static String algorithmOf(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM public key (" + BEGIN + ")");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM public key is not base64", e);
        }
        PublicKey key = read("RSA", der);
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("an RSA key of " + MIN_RSA_BITS + " bits or more is needed");
            }
            return VerifyKey.RS256;
        }
        if (read("EC", der) instanceof ECPublicKey ec && P256_ORDER.equals(ec.getParams().getOrder())) {
            return VerifyKey.ES256;
        }
        throw new IllegalArgumentException("the PEM public key is neither RSA nor EC P-256");
    }

    private static PublicKey read(String type, byte[] der) {
        try {
            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            return null;
        }
    }
}
