package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 16 items 8 and 9a over loopback: behind a trusted proxy that appends its own X-Forwarded-For line
 * (HAProxy's {@code option forwardfor}), the address limited is the one on the proxy's line,
 * whatever the client wrote on its own line; the same for the WebSocket handshake. An IPv6 client
 * counts under its /64.
 */
@ExtendWith(VertxExtension.class)
class ForwardedForTest {
    private HttpClient http;
    private Vertx vertx;
    private final List<TickcastServer> servers = new CopyOnWriteArrayList<>();
    private final List<RawWebSocket> sockets = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        sockets.forEach(RawWebSocket::kill);
        for (TickcastServer server : servers) {
            Bot.get(server.shutdown().toCompletionStage().toCompletableFuture());
        }
    }

    private int start(Vertx vertx, TickcastOptions options) {
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        TickcastServer server = Bot.get(TickcastServer.start(vertx, options.withAddress("127.0.0.1", 0).withEventLoops(1),
                new GameRegistry().register(ArenaGame.SPEC)).toCompletionStage().toCompletableFuture());
        servers.add(server);
        return server.port();
    }

    @Test
    void shouldLimitTheAddressOnTheProxysLineNotTheClientsLine(Vertx vertx) {
        int port = start(vertx, TickcastOptions.defaults().withMatchmakeRate(0.001, 1).trustProxy("127.0.0.1"));
        assertEquals("200", matchmake(port, "198.51.100.1", "203.0.113.7"));
        assertEquals("429", matchmake(port, "198.51.100.2", "203.0.113.7"),
                "a new first line does not buy the client behind the proxy a new bucket");
        assertEquals("200", matchmake(port, "203.0.113.7", "203.0.113.8"),
                "nor can it charge its request to another client");
    }

    @Test
    void shouldLimitAnIpv6ClientByItsSlash64(Vertx vertx) {
        int port = start(vertx, TickcastOptions.defaults().withMatchmakeRate(0.001, 1).trustProxy("127.0.0.1"));
        assertEquals("200", matchmake(port, "198.51.100.1", "2001:db8:1:2::1"));
        assertEquals("429", matchmake(port, "198.51.100.1", "2001:db8:1:2:ffff::9"), "another address of the same /64");
        assertEquals("200", matchmake(port, "198.51.100.1", "2001:db8:1:3::1"), "the next /64 is another client");
        int exact = start(vertx, TickcastOptions.defaults().withMatchmakeRate(0.001, 1).trustProxy("127.0.0.1")
                .withIpv6Prefix(128));
        assertEquals("200", matchmake(exact, "198.51.100.1", "2001:db8:1:2::1"));
        assertEquals("200", matchmake(exact, "198.51.100.1", "2001:db8:1:2:ffff::9"), "--ipv6-prefix 128: per address");
    }

    @Test
    void shouldLimitHandshakesByTheAddressOnTheProxysLine(Vertx vertx) throws Exception {
        this.vertx = vertx;
        int port = start(vertx, TickcastOptions.defaults().withHandshakeRate(0.001, 2).trustProxy("127.0.0.1"));
        int[] statuses = new int[4];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = handshake(port, "X-Forwarded-For: 198.51.100." + i + "\r\nX-Forwarded-For: 203.0.113.7\r\n");
        }
        assertEquals(List.of(101, 101, 429, 429), List.of(statuses[0], statuses[1], statuses[2], statuses[3]));
        assertEquals(101, handshake(port, "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-For: 203.0.113.8\r\n"),
                "another client behind the proxy");
    }

    private int handshake(int port, String headers) throws Exception {
        RawWebSocket ws = RawWebSocket.open(vertx(), port, headers);
        sockets.add(ws);
        return ws.status.get(10, TimeUnit.SECONDS);
    }

    private Vertx vertx() {
        return vertx;
    }

    /** The status of a matchmaking request whose X-Forwarded-For comes as two lines. */
    private String matchmake(int port, String clientLine, String proxyLine) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/matchmake/arena").addHeader("X-Forwarded-For", clientLine)
                .addHeader("X-Forwarded-For", proxyLine);
        return Bot.get(http.request(o).compose(req -> req.send() // see TickcastClient
                .compose(resp -> resp.body().map(b -> Integer.toString(resp.statusCode()))))
                .toCompletionStage().toCompletableFuture());
    }
}
