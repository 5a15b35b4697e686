package dev.tickcast.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static dev.tickcast.server.Checks.between;

/**
 * The settings table, part four: player identity (docs/SECURITY.md "Player identity"). Identity is
 * on when a key source is set ({@link #HS256_SECRET}, {@link #PUBLIC_KEYS} or {@link #JWKS_URL}):
 * matchmaking then needs {@code Authorization: Bearer <jwt>}, a token signed by one of those keys for
 * {@link #ISSUER} and one of {@link #AUDIENCES}, and the name others see comes from
 * {@link #NAME_CLAIM}. Without a key source (the default) players are guests, named as they type.
 * Part of {@link Settings#ALL}.
 */
public final class AuthSettings {
    /** The shortest HS256 secret accepted, in bytes (RFC 7518 section 3.2: at least the hash's size). */
    public static final int MIN_HS256_SECRET_BYTES = 32;
    /** The most claims passed to games. */
    public static final int MAX_CLAIMS = 16;

    /** The accepted issuer. */
    public static final Setting<String> ISSUER = Setting.of("authIssuer", SettingKind.STRING, null)
            .flag("--auth-issuer").label("ISSUER").normalize(Checks::emptyIsNone)
            .example("https://accounts.example.com/")
            .doc("The issuer (iss) a player's token must name; required with identity on.");
    /** The accepted audiences. */
    public static final Setting<List<String>> AUDIENCES = Setting.of("authAudiences", SettingKind.STRINGS,
                    List.<String>of()).flag("--auth-audience").label("AUDIENCE").example(List.of("my-game"))
            .doc("An audience (aud) a player's token may name, repeatable: the token must name one of them; "
                    + "at least one is required with identity on.");
    /** The HS256 secret. */
    public static final Setting<String> HS256_SECRET = Setting.of("authHs256Secret", SettingKind.STRING, null)
            .flag("--auth-hs256-secret").label("SECRET").env("TICKCAST_AUTH_HS256_SECRET").defaultText("off")
            .normalize(Checks::emptyIsNone).check(minBytes(MIN_HS256_SECRET_BYTES))
            .example("the-account-service-secret-0123456789")
            .doc("A shared secret that verifies HS256 player tokens (identity on); 32 bytes or more. Prefer the "
                    + "environment variable TICKCAST_AUTH_HS256_SECRET: a flag shows in ps.");
    /** PEM public keys. */
    public static final Setting<List<String>> PUBLIC_KEYS = Setting.of("authPublicKeys", SettingKind.STRINGS,
                    List.<String>of()).flag("--auth-public-key").label("FILE").example(List.of("accounts.pem"))
            .doc("A PEM public key file (-----BEGIN PUBLIC KEY-----) that verifies player tokens (identity on), "
                    + "repeatable: an RSA key verifies RS256, an EC P-256 key ES256.");
    /** A JWKS URL. */
    public static final Setting<String> JWKS_URL = Setting.of("authJwksUrl", SettingKind.STRING, null)
            .flag("--auth-jwks-url").label("URL").defaultText("off").normalize(Checks::emptyIsNone)
            .check(Checks.httpUrl()).example("https://accounts.example.com/.well-known/jwks.json")
            .doc("A JSON Web Key Set of RS256 and ES256 keys that verify player tokens (identity on), fetched at "
                    + "start, every --auth-jwks-refresh-s and on a token of an unknown kid (at most once per 10 s).");
    /** How often the JWKS is fetched again. */
    public static final Setting<Integer> JWKS_REFRESH_S = Setting.of("authJwksRefreshS", SettingKind.INT, 600)
            .flag("--auth-jwks-refresh-s").label("S").unit("s").check(between(10, 86_400))
            .doc("How often --auth-jwks-url is fetched again (10..86400 s).");
    /** The JWKS fetch timeout. */
    public static final Setting<Integer> JWKS_TIMEOUT_MS = Setting.of("authJwksTimeoutMs", SettingKind.INT, 5_000)
            .flag("--auth-jwks-timeout-ms").label("MS").unit("ms").check(between(100, 60_000))
            .doc("The longest a fetch of --auth-jwks-url may take, connection included (100..60000 ms).");
    /** The claim of the name shown to others. */
    public static final Setting<String> NAME_CLAIM = Setting.of("authNameClaim", SettingKind.STRING, "name")
            .flag("--auth-name-claim").label("CLAIM")
            .doc("The claim whose string is the name other players see (trimmed, cut to 32 bytes); when absent, "
                    + "preferred_username, then the subject.");
    /** The claims passed to games. */
    public static final Setting<List<String>> CLAIMS = Setting.of("authClaims", SettingKind.STRINGS,
                    List.<String>of()).flag("--auth-claims").label("CLAIM").split(",")
            .normalize(l -> l.stream().map(String::strip).filter(c -> !c.isEmpty()).distinct().toList())
            .check(l -> l.size() > MAX_CLAIMS ? "names at most " + MAX_CLAIMS + " claims, not " + l.size() : null)
            .example(List.of("rank", "team"))
            .doc("Claims passed to games with the identity (comma-separated or repeated, at most 16): strings, "
                    + "numbers, booleans and lists of them; other values are left out.");
    /** The clock skew allowed. */
    public static final Setting<Integer> CLOCK_SKEW_S = Setting.of("authClockSkewS", SettingKind.INT, 30)
            .flag("--auth-clock-skew-s").label("S").unit("s").check(between(0, 300))
            .doc("The clock difference allowed when checking a token's exp, nbf and iat (0..300 s).");

    /** The settings of this part, in table order. */
    public static final List<Setting<?>> ALL = List.of(ISSUER, AUDIENCES, HS256_SECRET, PUBLIC_KEYS, JWKS_URL,
            JWKS_REFRESH_S, JWKS_TIMEOUT_MS, NAME_CLAIM, CLAIMS, CLOCK_SKEW_S);

    private AuthSettings() {
    }

    /** True if {@code o} names a key source: players then need a token. */
    public static boolean identityOn(TickcastOptions o) {
        return HS256_SECRET.get(o) != null || !PUBLIC_KEYS.get(o).isEmpty() || JWKS_URL.get(o) != null;
    }

    /** What is wrong with the identity settings taken together, or null. */
    static String problem(TickcastOptions o) {
        String keys = HS256_SECRET.describe() + ", " + PUBLIC_KEYS.describe() + " or " + JWKS_URL.describe();
        if (identityOn(o) && (ISSUER.get(o) == null || AUDIENCES.get(o).isEmpty())) {
            return "a player key (" + keys + ") needs " + ISSUER.describe() + " and " + AUDIENCES.describe()
                    + ": without them a token the account service issued for another application would be accepted";
        }
        if (!identityOn(o) && (ISSUER.get(o) != null || !AUDIENCES.get(o).isEmpty())) {
            return ISSUER.describe() + " and " + AUDIENCES.describe() + " need a key to verify tokens with: " + keys;
        }
        return null;
    }

    private static Function<String, String> minBytes(int min) {
        return v -> {
            int bytes = v.getBytes(StandardCharsets.UTF_8).length;
            return bytes < min ? "must be " + min + " bytes or more, not " + bytes : null;
        };
    }
}
