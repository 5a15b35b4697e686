package dev.tickcast.server;

import dev.tickcast.client.TickcastClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, acceptance 2, against the real jar: {@code java -jar tickcast-server.jar --config cfg.json}
 * with a PEM pair (made at test time with the JDK's keytool) and limits in the file serves HTTPS and
 * WSS and enforces the limits; a flag given beside the file wins.
 */
class ConfigFileIT {
    private static final String PASSWORD = "changeit";
    private NodeProcess server;
    private Vertx vertx;
    private HttpClientAgent https;
    private WebSocketClient wss;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldServeTlsAndEnforceTheLimitsOfItsConfigFile(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        pemPair(dir, cert, key);
        int port = NodeProcess.freePort();
        Path config = dir.resolve("cfg.json");
        Files.writeString(config, new JsonObject().put("host", "127.0.0.1").put("port", 0).put("eventLoops", 1)
                .put("games", new JsonArray().add("arena")).put("tlsCertPath", cert.toString())
                .put("tlsKeyPath", key.toString()).put("maxConnectionsPerAddress", 2).put("maxRooms", 1).encodePrettily());
        server = NodeProcess.start("config", NodeProcess.server(List.of(), List.of("--config", config.toString(),
                "--port", Integer.toString(port))), l -> l.contains("Tickcast listening on"));
        server.awaitReady();
        assertTrue(server.logged("Tickcast listening on https://127.0.0.1:" + port + "/"), server.log());

        vertx = Vertx.vertx();
        https = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
        assertEquals(200, send(port, HttpMethod.GET, "/health"), "HTTPS");
        Bot player = new Bot(new TickcastClient(vertx, "127.0.0.1", port,
                new WebSocketClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)));
        player.joinGame("arena", "secure");
        player.await(s -> player.snapshotTicks.size() >= 3);
        assertEquals(503, send(port, HttpMethod.POST, "/matchmake/create/arena"), "maxRooms 1: no second room");

        wss = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustAll(true)
                .setVerifyHost(false));
        WebSocket second = Bot.get(upgrade(port));
        assertTrue(!second.isClosed(), "a second WebSocket from this address (the player holds the first)");
        ExecutionException third = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> upgrade(port).get(30, TimeUnit.SECONDS));
        assertInstanceOf(UpgradeRejectedException.class, third.getCause(), server.log());
        assertEquals(429, ((UpgradeRejectedException) third.getCause()).getStatus(), "maxConnectionsPerAddress 2");
    }

    private CompletableFuture<WebSocket> upgrade(int port) {
        return wss.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
                .addSubProtocol("tickcast.v1")).toCompletionStage().toCompletableFuture();
    }

    /** The status of an HTTPS request (the body is read in send's own callback: TOOLCHAIN pitfall 9). */
    private int send(int port, HttpMethod method, String path) {
        RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
        return Bot.get(https.request(o).compose(req -> req.send()
                        .compose(resp -> resp.body().map(b -> resp.statusCode())))
                .toCompletionStage().toCompletableFuture());
    }

    /** A self-signed RSA certificate for 127.0.0.1 and its PKCS#8 key, as PEM files. */
    private static void pemPair(Path dir, Path cert, Path key) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tickcast", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-ext", "SAN=dns:localhost,ip:127.0.0.1").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made a certificate");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("tickcast").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", ks.getKey("tickcast", PASSWORD.toCharArray()).getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
