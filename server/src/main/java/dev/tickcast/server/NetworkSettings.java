package dev.tickcast.server;

import java.util.List;

import static dev.tickcast.server.Checks.between;

/**
 * The settings table, part three: origins, proxies, TLS and the cluster. Part of {@link Settings#ALL}.
 *
 * <p>The cluster: the command line's {@code --cluster} builds a clustered Vert.x from
 * {@link #CLUSTER_HOST}, {@link #CLUSTER_PORT}, {@link #CLUSTER_MEMBERS} and {@link #CLUSTER_NAME}.
 * An embedder builds its own clustered Vert.x and sets {@link #CLUSTER}
 * ({@link TickcastOptions#withCluster(boolean)}); {@link TickcastVerticle} then requires the shared
 * secret and a public URL as the command line does (a clustered Vert.x counts as {@code cluster}).
 */
public final class NetworkSettings {
    /** The browser origins allowed besides the server's own. */
    public static final Setting<List<String>> ALLOWED_ORIGINS = Setting.of("allowedOrigins", SettingKind.STRINGS,
                    List.<String>of()).flag("--allow-origin").label("ORIGIN").aliases("allowOrigins")
            .example(List.of("https://game.example.com", "http://dev.example.com:8000"))
            .doc("A browser origin allowed to open the WebSocket and to matchmake, e.g. https://game.example.com "
                    + "(repeatable). The server's own origin and that of --public-url are always allowed; without any "
                    + "--allow-origin, localhost origins too.");
    /** The proxies whose X-Forwarded-For is believed. */
    public static final Setting<List<String>> TRUSTED_PROXIES = Setting.of("trustedProxies", SettingKind.STRINGS,
                    List.<String>of()).flag("--trusted-proxies").label("IP").split(",")
            .normalize(l -> l.stream().map(String::strip).toList()).example(List.of("10.0.0.2", "::1"))
            .doc("Proxy addresses whose X-Forwarded-For is believed for the per-address limits (comma-separated "
                    + "IPs, or repeated).");
    /** The IPv6 prefix the per-address limits count by. */
    public static final Setting<Integer> IPV6_PREFIX = Setting.of("ipv6Prefix", SettingKind.INT, 64)
            .flag("--ipv6-prefix").label("BITS").unit("bits").check(between(1, 128))
            .doc("Per-address limits count an IPv6 client by this many leading bits of its address (1..128); IPv4 "
                    + "counts per address.");
    /** A PKCS#12 key store. */
    public static final Setting<String> TLS_KEY_STORE = Setting.of("tlsKeyStore", SettingKind.STRING, null)
            .flag("--tls-key-store").label("FILE").defaultText("off").normalize(Checks::emptyIsNone)
            .doc("PKCS#12 key store: serve https and wss (with --tls-key-store-password).");
    /** The key store's password. */
    public static final Setting<String> TLS_KEY_STORE_PASSWORD = Setting.of("tlsKeyStorePassword",
                    SettingKind.STRING, null).flag("--tls-key-store-password").label("PASSWORD")
            .env("TICKCAST_TLS_KEY_STORE_PASSWORD").doc("The password of --tls-key-store.");
    /** A PEM certificate chain. */
    public static final Setting<String> TLS_CERT_PATH = Setting.of("tlsCertPath", SettingKind.STRING, null)
            .flag("--tls-cert").label("FILE").defaultText("off").normalize(Checks::emptyIsNone)
            .doc("PEM certificate chain: serve https and wss (with --tls-key).");
    /** The PEM private key. */
    public static final Setting<String> TLS_KEY_PATH = Setting.of("tlsKeyPath", SettingKind.STRING, null)
            .flag("--tls-key").label("FILE").normalize(Checks::emptyIsNone).doc("PEM private key of --tls-cert.");
    /** A node of a cluster. */
    public static final Setting<Boolean> CLUSTER = Setting.of("cluster", SettingKind.BOOL, false)
            .flag("--cluster").doc("Join a Tickcast cluster (Vert.x clustered event bus on Hazelcast, TCP/IP "
                    + "member list only): rooms, matchmaking and announcements span every node. Needs --cluster-secret.");
    /** The cluster's interface. */
    public static final Setting<String> CLUSTER_HOST = Setting.of("clusterHost", SettingKind.STRING, "127.0.0.1")
            .flag("--cluster-host").label("ADDRESS").example("10.0.0.11")
            .doc("Interface the cluster traffic binds to (Hazelcast and the event bus).");
    /** The Hazelcast member port. */
    public static final Setting<Integer> CLUSTER_PORT = Setting.of("clusterPort", SettingKind.INT, 5701)
            .flag("--cluster-port").check(between(1, 65_535)).doc("Hazelcast member port of this node.");
    /** The members to join. */
    public static final Setting<List<String>> CLUSTER_MEMBERS = Setting.of("clusterMembers", SettingKind.STRINGS,
                    List.<String>of()).flag("--cluster-members").label("HOST:PORT").split(",")
            .normalize(l -> l.stream().map(String::strip).toList()).example(List.of("10.0.0.11:5701", "10.0.0.12:5701"))
            .doc("Hazelcast members to join (comma-separated host:port; this node may be among them).");
    /** The cluster's name. */
    public static final Setting<String> CLUSTER_NAME = Setting.of("clusterName", SettingKind.STRING, "tickcast")
            .flag("--cluster-name").label("NAME").doc("Only nodes with the same name form a cluster.");
    /** The key that signs seat and reconnection tokens. */
    public static final Setting<String> SHARED_SECRET = Setting.of("sharedSecret", SettingKind.STRING, null)
            .flag("--cluster-secret").label("SECRET").aliases("clusterSecret").env("TICKCAST_CLUSTER_SECRET")
            .defaultText("a random key per process").normalize(Checks::emptyIsNone).check(Checks.minChars(16))
            .example("the-cluster-secret-0123456789")
            .doc("The key that signs seat and reconnection tokens, the same on every node; 16 characters or more "
                    + "(required with --cluster).");

    /** The settings of this part, in table order. */
    public static final List<Setting<?>> ALL = List.of(ALLOWED_ORIGINS, TRUSTED_PROXIES, IPV6_PREFIX, TLS_KEY_STORE,
            TLS_KEY_STORE_PASSWORD, TLS_CERT_PATH, TLS_KEY_PATH, CLUSTER, CLUSTER_HOST, CLUSTER_PORT, CLUSTER_MEMBERS,
            CLUSTER_NAME, SHARED_SECRET);

    private NetworkSettings() {
    }
}
