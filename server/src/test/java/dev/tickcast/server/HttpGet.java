package dev.tickcast.server;

import dev.tickcast.client.Seat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** Plain HTTP requests to a test server on loopback, awaited with bounded waits. */
final class HttpGet {
    record Answer(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private HttpGet() {
    }

    static Answer request(Vertx vertx, HttpMethod method, int port, String path, String authorization, String body) {
        HttpClientAgent client = vertx.createHttpClient();
        try {
            RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
                    .setURI(path);
            if (authorization != null) {
                options.putHeader("Authorization", authorization);
            }
            if (body != null) {
                options.putHeader("content-type", "application/json");
            }
            return Bot.get(client.request(options)
                    .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body))) // see TickcastClient
                            .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString()))))
                    .toCompletionStage().toCompletableFuture());
        } finally {
            client.close();
        }
    }

    static int status(Vertx vertx, int port, String path, String authorization) {
        return request(vertx, HttpMethod.GET, port, path, authorization, null).status();
    }

    /** A seat from a matchmaking POST to {@code path}. */
    static Seat seat(Vertx vertx, int port, String path, String body) {
        JsonObject json = request(vertx, HttpMethod.POST, port, path, null, body).json();
        return new Seat(json.getString("roomId"), json.getString("token"), json.getString("game"),
                json.getLong("expiresInMs"), json.getString("reconnectToken"));
    }
}
