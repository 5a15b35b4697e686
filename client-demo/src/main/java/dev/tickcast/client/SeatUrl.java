package dev.tickcast.client;

import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;

/** The connect options of a seat's WebSocket URL (ws://host:port/path or wss://...). */
final class SeatUrl {
    private SeatUrl() {
    }

    static WebSocketConnectOptions connectOptions(String url) {
        URI uri = URI.create(url);
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"ws".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a WebSocket URL: " + url);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new WebSocketConnectOptions().setHost(uri.getHost()).setPort(port).setSsl(tls).setURI(path + query);
    }
}
