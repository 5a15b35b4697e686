package dev.tickcast.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP half of {@link TickcastClient}: reserves seats with {@code POST /matchmake/{game}}. The
 * HTTP client is held in a field on purpose: Vert.x 5 closes a client that becomes unreachable.
 */
final class Matchmaking {
    private final String host;
    private final int port;
    private final HttpClient http;

    /** Asks {@code host}:{@code port}, over TLS if the WebSocket options say so. */
    Matchmaking(Vertx vertx, String host, int port, WebSocketClientOptions options) {
        this.host = host;
        this.port = port;
        // one request per join needs no keep-alive
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(options.isSsl())
                .setTrustAll(options.isTrustAll()).setVerifyHost(options.isVerifyHost()).setKeepAlive(false)
                .setLocalAddress(options.getLocalAddress()));
    }

    /**
     * Reserves a seat in a room of {@code game} for {@code name}, with {@code playerToken} as the
     * bearer when the server has identity on (null: a guest).
     */
    Future<Seat> matchmake(String game, String name, String playerToken) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI("/matchmake/" + game).putHeader("content-type", "application/json");
        if (playerToken != null) {
            options.putHeader("Authorization", "Bearer " + playerToken);
        }
        // body() is asked for inside send()'s own callback, on the stream's thread as the response
        // arrives. Chained one level out, it can run after the body has arrived and been dropped, and
        // then waits forever (eclipse-vertx/vert.x#5904, #6038): 1 request in a few hundred here
        return http.request(options)
                .compose(req -> req.send(new JsonObject().put("name", name).encode())
                        .compose(resp -> resp.body().map(body -> {
                            if (resp.statusCode() != 200) {
                                throw new IllegalStateException("matchmake " + game + ": HTTP " + resp.statusCode()
                                        + " " + body);
                            }
                            return Seat.fromJson(new JsonObject(body));
                        })));
    }
}
