package dev.tickcast.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** Matchmaking requests with a bearer token, answered with their status, WWW-Authenticate and body. */
final class AuthHttp {
    record Answer(int status, String challenge, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String reason() {
            return json().getString("reason");
        }
    }

    private final HttpClientAgent client;
    private final int port;

    AuthHttp(Vertx vertx, int port) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        this.port = port;
    }

    /** A matchmaking POST, typed name {@code typed}, with {@code token} as bearer (null: no header). */
    Future<Answer> send(String path, String token, String typed) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(path).putHeader("content-type", "application/json");
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        String body = new JsonObject().put("name", typed).encode();
        return client.request(options).compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body()
                .map(b -> new Answer(resp.statusCode(), resp.getHeader("WWW-Authenticate"), b.toString()))));
    }

    Answer matchmake(String token, String typed) {
        return Bot.get(send("/matchmake/arena", token, typed).toCompletionStage().toCompletableFuture());
    }

    Answer get(String path) {
        return Bot.get(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                        .setURI(path)).compose(req -> req.send().compose(resp -> resp.body()
                        .map(b -> new Answer(resp.statusCode(), null, b.toString()))))
                .toCompletionStage().toCompletableFuture());
    }
}
