package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.ChatMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Single-process mode of issue 12's HTTP changes: the matchmaker's {@code url} and the rooms'
 * {@code node}, the configured public URL, the admin announcement, and X-Forwarded-For believed
 * from a trusted proxy only.
 */
@ExtendWith(VertxExtension.class)
class SeatUrlTest {
    private HttpClient http;
    private final List<TickcastServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
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
    void shouldAnswerTheWebSocketUrlOfTheServerAsked(Vertx vertx) {
        int port = start(vertx, TickcastOptions.defaults());
        JsonObject seat = new JsonObject(request(port, HttpMethod.POST, "/matchmake/arena", null, null)[1]);
        assertEquals("ws://127.0.0.1:" + port + "/ws", seat.getString("url"));
        assertEquals("http://127.0.0.1:" + port, seat.getString("node"));
        JsonArray rooms = new JsonArray(request(port, HttpMethod.GET, "/rooms", null, null)[1]);
        assertEquals("http://127.0.0.1:" + port, rooms.getJsonObject(0).getString("node"));
        JsonObject arena = new JsonArray(request(port, HttpMethod.GET, "/games", null, null)[1]).getJsonObject(0);
        assertEquals(1, arena.getInteger("rooms"));
        assertEquals(1, new JsonObject(request(port, HttpMethod.GET, "/health", null, null)[1]).getInteger("nodes"));
        assertEquals("404", request(port, HttpMethod.POST, "/admin/announce", null, "{\"text\":\"hi\"}")[0],
                "no admin token configured: no route");
    }

    @Test
    void shouldAnswerTheConfiguredPublicUrl(Vertx vertx) {
        int port = start(vertx, TickcastOptions.defaults().withPublicUrl("https://play.example.com/eu/"));
        JsonObject seat = new JsonObject(request(port, HttpMethod.POST, "/matchmake/arena", null, null)[1]);
        assertEquals("wss://play.example.com/eu/ws", seat.getString("url"));
        assertEquals("https://play.example.com/eu", seat.getString("node"));
    }

    @Test
    void shouldAnnounceToEveryPlayerWithTheAdminToken(Vertx vertx) {
        int port = start(vertx, TickcastOptions.defaults().withAdminToken("sesame-0123456789"));
        List<ChatMessage> lines = new CopyOnWriteArrayList<>();
        Bot bot = new Bot(vertx, port);
        bot.client.onChat(lines::add);
        bot.joinGame("arena", "ada").await(s -> true);
        assertEquals("401", request(port, HttpMethod.POST, "/admin/announce", "wrong", "{\"text\":\"hi\"}")[0]);
        assertEquals("400", request(port, HttpMethod.POST, "/admin/announce", "sesame-0123456789", "{\"text\":\"\"}")[0]);
        assertEquals("202", request(port, HttpMethod.POST, "/admin/announce", "sesame-0123456789",
                "{\"text\":\"server restarts in 5 minutes\"}")[0]);
        bot.await(s -> lines.stream().anyMatch(c -> c.isSystem() && c.text().equals("server restarts in 5 minutes")));
    }

    @Test
    void shouldBelieveForwardedForOnlyFromATrustedProxy(Vertx vertx) {
        int port = start(vertx, TickcastOptions.defaults().withMatchmakeRate(0.001, 1).trustProxy("127.0.0.1"));
        assertEquals("200", matchmakeAs(port, "198.51.100.7"));
        assertEquals("429", matchmakeAs(port, "198.51.100.7"), "the client behind the proxy is limited");
        assertEquals("200", matchmakeAs(port, "198.51.100.8"), "another client behind the same proxy is not");
        RequestOptions tls = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/matchmake/arena").putHeader("X-Forwarded-For", "198.51.100.10")
                .putHeader("X-Forwarded-Proto", "https").putHeader("Host", "play.example.com");
        assertEquals("wss://play.example.com/ws", new JsonObject(send(tls, null)[1]).getString("url"),
                "a TLS-terminating proxy that is trusted");
        int untrusting = start(vertx, TickcastOptions.defaults().withMatchmakeRate(0.001, 1));
        assertEquals("200", matchmakeAs(untrusting, "198.51.100.7"));
        assertEquals("429", matchmakeAs(untrusting, "198.51.100.9"), "an untrusted peer is counted as itself");
    }

    private String matchmakeAs(int port, String forwardedFor) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/matchmake/arena").putHeader("X-Forwarded-For", "203.0.113.1, " + forwardedFor);
        return send(o, null)[0];
    }

    /** {status, body} of a request. */
    private String[] request(int port, HttpMethod method, String path, String bearer, String body) {
        RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
        if (bearer != null) {
            o.putHeader("Authorization", "Bearer " + bearer).putHeader("X-Tickcast-Admin", "1");
        }
        return send(o, body);
    }

    private String[] send(RequestOptions o, String body) {
        return Bot.get(http.request(o).compose(req -> (body == null ? req.send() : req.send(body)) // see TickcastClient
                .compose(resp -> resp.body().map(b -> new String[] {Integer.toString(resp.statusCode()), b.toString()})))
                .toCompletionStage().toCompletableFuture());
    }
}
