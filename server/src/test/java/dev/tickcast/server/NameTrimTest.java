package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 16 item 17 over loopback: a name of only no-break spaces or byte order marks is empty once trimmed (400). */
@ExtendWith(VertxExtension.class)
class NameTrimTest {
    private HttpClient http;
    private TickcastServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            Bot.get(server.shutdown().toCompletionStage().toCompletableFuture());
        }
    }

    @Test
    void shouldTrimANameAsJavaScriptDoes(Vertx vertx) {
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        server = Bot.get(TickcastServer.start(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(1), new GameRegistry().register(ArenaGame.SPEC)).toCompletionStage().toCompletableFuture());
        assertEquals(400, matchmake("\u00A0\u00A0"), "U+00A0 is white space, as for the SDK's trim()");
        assertEquals(400, matchmake("\uFEFF \u2003"));
        assertEquals(200, matchmake("\u00A0ann\uFEFF"));
        assertEquals(200, matchmake("\u200B"), "a zero-width space is not white space: a name of 3 bytes");
    }

    private int matchmake(String name) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(server.port())
                .setURI("/matchmake/arena").putHeader("Content-Type", "application/json");
        String body = new JsonObject().put("name", name).encode();
        return Bot.get(http.request(o).compose(req -> req.send(body) // see TickcastClient
                .compose(resp -> resp.body().map(b -> resp.statusCode())))
                .toCompletionStage().toCompletableFuture());
    }
}
