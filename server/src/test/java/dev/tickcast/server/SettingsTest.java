package dev.tickcast.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings table: every setting survives the JSON form and the command line (a setting added
 * to the table is covered without a change here), unknown keys are refused by name, and the checks
 * give the same message to the command line and to an embedder.
 */
class SettingsTest {
    private static final Function<String, String> NO_ENV = name -> null;

    /** Every setting of the table at its example value: none at its default. */
    static TickcastOptions everySettingChanged() {
        TickcastOptions options = new TickcastOptions();
        for (Setting<?> s : Settings.ALL) {
            setExample(options, s);
        }
        return options;
    }

    private static <T> void setExample(TickcastOptions options, Setting<T> s) {
        T example = s.example();
        assertNotEquals(s.defaultValue(), example, s + ": its example must differ from its default");
        assertNull(s.problem(example), s + ": its example must pass its check");
        options.with(s, example);
    }

    static TickcastOptions parse(Function<String, String> env, List<String> args) {
        CommandLine cli = SettingsCli.commandLine();
        return SettingsCli.options(cli.parseArgs(args.toArray(String[]::new)), env);
    }

    static TickcastOptions parse(String... args) {
        return parse(NO_ENV, List.of(args));
    }

    private static void assertSameSettings(TickcastOptions expected, TickcastOptions actual, String how) {
        for (Setting<?> s : Settings.ALL) {
            assertEquals(s.get(expected), s.get(actual), s + " through " + how);
        }
    }

    @Test
    void shouldKeepEverySettingThroughJson() {
        TickcastOptions options = everySettingChanged();
        JsonObject json = options.toJson();
        assertEquals(Settings.ALL.size(), json.size(), "one field per setting: " + json.fieldNames());
        TickcastOptions back = new TickcastOptions(new JsonObject(json.encode()));
        assertSameSettings(options, back, "toJson, text and back");
    }

    @Test
    void shouldKeepEverySettingThroughTheCommandLine() {
        TickcastOptions options = everySettingChanged();
        List<String> args = SettingsCli.args(options);
        for (Setting<?> s : Settings.ALL) {
            assertTrue(args.stream().anyMatch(a -> a.startsWith("--") && s.flag().contains(a.replace("--no-", "--"))),
                    s + " has flags: " + args);
        }
        assertSameSettings(options, parse(NO_ENV, args), "the flags " + args);
    }

    @Test
    void shouldTakeTheFileThenTheEnvironmentThenTheFlags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cfg.json");
        Files.writeString(file, new JsonObject().put("maxRooms", 3).put("port", 9000).put("adminToken", "from-the-file-0123456")
                .put("gameSettings", new JsonObject().put("arena", new JsonObject().put("tickHz", 30).put("maxPlayers", 4)))
                .encode());
        TickcastOptions o = parse(Map.of("TICKCAST_ADMIN_TOKEN", "from-the-environment-01")::get,
                List.of("--config", file.toString(), "--port", "9001", "--max-players", "arena=6"));
        assertEquals(3, o.maxRooms(), "from the file");
        assertEquals(9001, o.port(), "the flag wins");
        assertEquals("from-the-environment-01", o.adminToken(), "the environment wins over the file");
        assertEquals(new GameSettings(30, null, 6), o.gameSettings().get("arena"), "merged per game and field");
        assertEquals(2_000, parse().maxRooms(), "the default");
    }

    @Test
    void shouldRefuseAnUnknownKeyByNameWithTheNearestOne(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TickcastOptions(new JsonObject().put("maxRoom", 1)));
        assertTrue(e.getMessage().contains("unknown setting 'maxRoom'") && e.getMessage().contains("'maxRooms'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TickcastOptions(new JsonObject()
                .put("gameSettings", new JsonObject().put("arena", new JsonObject().put("tickRate", 30)))));
        assertTrue(e.getMessage().contains("'tickRate'") && e.getMessage().contains("'tickHz'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TickcastOptions(new JsonObject().put("zzz", 1)));
        assertFalse(e.getMessage().contains("did you mean"), "nothing is near: " + e.getMessage());
        Path file = dir.resolve("cfg.json");
        Files.writeString(file, "{\"port\": 8081, \"max-rooms\": 1}");
        e = assertThrows(IllegalArgumentException.class, () -> parse("--config", file.toString()));
        assertTrue(e.getMessage().startsWith("--config " + file + ": unknown setting 'max-rooms'")
                && e.getMessage().contains("'maxRooms'"), e.getMessage());
    }

    @Test
    void shouldReadTheOlderJsonKeys() {
        TickcastOptions o = new TickcastOptions(new JsonObject().put("handshakesPerSecond", 10)
                .put("allowOrigins", new JsonArray().add("https://a.example.com"))
                .put("clusterSecret", "the-cluster-secret-0123456789").put("matchmakesPerSecond", 2.5));
        assertEquals(10.0, o.handshakesPerSecondPerAddress());
        assertEquals(40, o.handshakeBurstPerAddress(), "4 times the rate, as before");
        assertEquals(List.of("https://a.example.com"), o.allowedOrigins());
        assertEquals("the-cluster-secret-0123456789", o.sharedSecret());
        assertEquals(10, o.matchmakeBurstPerAddress());
    }

    @Test
    void shouldRefuseBadValuesWithTheSameMessageEverywhere() {
        assertSameRefusal("--max-rooms (maxRooms) must be 1 or more, not 0", new JsonObject().put("maxRooms", 0),
                "--max-rooms", "0");
        assertSameRefusal("--ipv6-prefix (ipv6Prefix) must be 1..128, not 129", new JsonObject().put("ipv6Prefix", 129),
                "--ipv6-prefix", "129");
        assertSameRefusal("--port (port) must be a whole number, not \"x\"", new JsonObject().put("port", "x"),
                "--port", "x");
        assertSameRefusal("--public-url (publicUrl) must be an http(s) URL, not ftp://x",
                new JsonObject().put("publicUrl", "ftp://x"), "--public-url", "ftp://x");
        assertSameRefusal("--admin-token (adminToken, or TICKCAST_ADMIN_TOKEN) must be 16 characters or more, not 5",
                new JsonObject().put("adminToken", "short"), "--admin-token", "short");
        assertSameRefusal("--tls-cert (tlsCertPath) and --tls-key (tlsKeyPath) go together",
                new JsonObject().put("tlsCertPath", "cert.pem"), "--tls-cert", "cert.pem");
        assertSameRefusal("--transport (transport) must be epoll, io_uring, nio, not kqueue",
                new JsonObject().put("transport", "kqueue"), "--transport", "kqueue");
    }

    /** The command line's message for a cluster without its secret is the embedder's, word for word. */
    @Test
    void shouldRefuseAClusterWithoutASecretAsTheCommandLineDoes() {
        String expected = "--cluster (cluster) needs --cluster-secret (sharedSecret, or TICKCAST_CLUSTER_SECRET) of 16 "
                + "characters or more, the same on every node";
        IllegalArgumentException embedded = assertThrows(IllegalArgumentException.class,
                () -> new TickcastOptions().withAddress("127.0.0.1", 8081).withCluster(true).validate());
        assertEquals(expected, embedded.getMessage());
        assertSameRefusal(expected, new JsonObject().put("cluster", true), "--cluster");
        assertEquals("--cluster (cluster) needs --public-url (publicUrl), the URL clients reach this node at (the "
                        + "command line's default, http://CLUSTER-HOST:PORT, needs --port (port) other than 0)",
                assertThrows(IllegalArgumentException.class, () -> parse("--cluster", "--port", "0",
                        "--cluster-secret", "the-cluster-secret-0123456789").validate()).getMessage());
        assertEquals("http://10.0.0.11:8081", parse("--cluster", "--port", "8081", "--cluster-host", "10.0.0.11",
                "--cluster-secret", "the-cluster-secret-0123456789").validate().publicUrl(), "the default public URL");
        assertThrows(IllegalArgumentException.class, () -> new TickcastOptions().withCluster(true)
                .withSharedSecret("the-cluster-secret-0123456789").validate(), "an embedder names its public URL");
    }

    private static void assertSameRefusal(String expected, JsonObject json, String... args) {
        List<String> messages = new ArrayList<>();
        messages.add(refusal(() -> new TickcastOptions(json).validate()));
        messages.add(refusal(() -> parse(args).validate()));
        assertEquals(List.of(expected, expected), messages, "JSON, then the command line");
    }

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void shouldShowEveryFlagWithItsDefaultInTheHelp() {
        String help = SettingsCli.commandLine().getUsageMessage();
        for (Setting<?> s : Settings.ALL) {
            String flag = s.kind() == SettingKind.BOOL ? "--[no-]" + s.flag().substring(2) : s.flag().split(", ")[0];
            assertTrue(help.contains(flag), flag + " in --help");
        }
        assertTrue(help.contains("Default: 2000."), "--max-rooms' default");
        assertTrue(help.contains("--config=FILE"), help);
    }

    @Test
    void shouldApplyTheOverridesOfEveryGameUnderTheGamesOwn() {
        // only the arena: arena-wide's 20 Hz snapshots would not divide a 30 Hz tick (Plugins.host refuses that)
        TickcastOptions o = parse("--game", "arena", "--tick-hz", "30", "--snapshot-hz", "arena=15", "--max-players", "8");
        assertEquals(Map.of("*", new GameSettings(30, null, 8), "arena", new GameSettings(null, 15.0, null)),
                o.gameSettings());
        GameRegistry games = new GameRegistry();
        Plugins.host(games, Plugins.games(getClass().getClassLoader()), o);
        assertEquals(30, games.find("arena").tickHz());
        assertEquals(2, games.find("arena").snapshotEveryTicks());
        assertEquals(8, games.find("arena").maxPlayers());
        assertEquals("--tick-hz arena=fast: not a number", refusal(() -> parse("--tick-hz", "arena=fast")));
    }

    @Test
    void shouldKeepTheSettersAndGettersOfEmbedders() {
        TickcastOptions o = new TickcastOptions().withHandshakeRate(0.001, 2).withMatchmakeRate(5, 20)
                .allowOrigin("https://a.example.com").allowOrigin("https://b.example.com").trustProxy(" 10.0.0.2 ")
                .withPublicUrl("https://play.example.com/eu/").withAdminToken("");
        assertEquals(2, o.handshakeBurstPerAddress());
        assertEquals(List.of("https://a.example.com", "https://b.example.com"), o.allowedOrigins());
        assertEquals(List.of("10.0.0.2"), o.trustedProxies());
        assertEquals("https://play.example.com/eu", o.publicUrl(), "without its trailing slash");
        assertNull(o.adminToken(), "empty: off");
        assertTrue(Objects.equals(o.toJson(), new TickcastOptions(o.toJson()).toJson()));
    }
}
