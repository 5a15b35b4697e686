package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /games} states the session rate limits in every game entry, equal to the options the
 * server runs with (issue 17 item 7): the JavaScript SDK paces itself under them instead of copies.
 */
@ExtendWith(VertxExtension.class)
class GameListLimitsTest {
    private final List<TickcastServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        for (TickcastServer server : servers) {
            Bot.get(server.shutdown().toCompletionStage().toCompletableFuture());
        }
    }

    @Test
    void shouldListTheConfiguredLimitsInEveryGame(Vertx vertx) {
        TickcastOptions options = TickcastOptions.defaults().withMessageRate(45.5, 90).withChatRate(1.5, 3)
                .withGameMessageRate(7, 14);
        JsonArray games = games(vertx, options);
        assertEquals(2, games.size());
        for (int i = 0; i < games.size(); i++) {
            assertEquals(limits(options), games.getJsonObject(i).getJsonObject("limits"), games.encode());
        }
    }

    @Test
    void shouldListTheDefaultLimitsByDefault(Vertx vertx) {
        TickcastOptions defaults = TickcastOptions.defaults();
        JsonObject listed = games(vertx, defaults).getJsonObject(0).getJsonObject("limits");
        assertEquals(limits(defaults), listed);
        assertEquals(new JsonObject().put("messagesPerSecond", 60.0).put("messageBurst", 120).put("chatPerSecond", 2.0)
                .put("chatBurst", 5).put("gameMessagesPerSecond", 20.0).put("gameMessageBurst", 40), listed,
                "the fallback of the SDK (sdk/limits.js DEFAULT_LIMITS) is these defaults");
    }

    private JsonArray games(Vertx vertx, TickcastOptions options) {
        TickcastServer server = Bot.get(TickcastServer.start(vertx, options.withAddress("127.0.0.1", 0).withEventLoops(1),
                new GameRegistry().register(ArenaGame.SPEC).register(EchoGame.NO_CHAT))
                .toCompletionStage().toCompletableFuture());
        servers.add(server);
        HttpGet.Answer answer = HttpGet.request(vertx, HttpMethod.GET, server.port(), "/games", null, null);
        assertEquals(200, answer.status());
        return new JsonArray(answer.body());
    }

    private static JsonObject limits(TickcastOptions o) {
        return new JsonObject().put("messagesPerSecond", o.messagesPerSecond()).put("messageBurst", o.messageBurst())
                .put("chatPerSecond", o.chatPerSecond()).put("chatBurst", o.chatBurst())
                .put("gameMessagesPerSecond", o.gameMessagesPerSecond()).put("gameMessageBurst", o.gameMessageBurst());
    }
}
