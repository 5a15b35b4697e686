package dev.tickcast.server;

import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Vert.x metrics (Micrometer's) whose HTTP server metrics end, when a connection closes, the
 * requests Vert.x never ends. Vert.x reports an HTTP/1.1 request as ended when its body has been
 * read, and resets it only if the connection closes before the response ends; a request answered
 * before its body arrived (a 404, 413, 415 or 429 sent at once) whose client then closes is never
 * ended nor reset, so the {@code vertx_http_server_active_requests} gauge counted it forever. Here
 * each connection knows its unfinished requests, and its close ends them (a request whose response
 * went out) or resets them (one whose did not). Every other meter is the delegate's, unchanged.
 */
public final class ClosedConnectionMetrics {
    private ClosedConnectionMetrics() {
    }

    /** A factory of {@code delegate}'s metrics with the HTTP server requests ended on close. */
    public static VertxMetricsFactory factory(VertxMetricsFactory delegate) {
        return new VertxMetricsFactory() {
            @Override
            public VertxMetrics metrics(VertxOptions options) {
                return new Wrapped(delegate.metrics(options));
            }

            @Override
            public MetricsOptions newOptions() {
                return delegate.newOptions();
            }

            @Override
            public MetricsOptions newOptions(MetricsOptions options) {
                return delegate.newOptions(options);
            }

            @Override
            public MetricsOptions newOptions(JsonObject json) {
                return delegate.newOptions(json);
            }
        };
    }

    /** The delegate's metrics, with its HTTP server metrics wrapped. */
    private record Wrapped(VertxMetrics delegate) implements VertxMetrics {
        @Override
        public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress local) {
            HttpServerMetrics<?, ?, ?> server = delegate.createHttpServerMetrics(options, local);
            return server == null ? null : new Server<>(server);
        }

        @Override
        public EventBusMetrics<?> createEventBusMetrics() {
            return delegate.createEventBusMetrics();
        }

        @Override
        public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
            return delegate.createClientMetrics(remoteAddress, type, namespace);
        }

        @Override
        public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
            return delegate.createHttpClientMetrics(options);
        }

        @Override
        public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
            return delegate.createNetServerMetrics(options, localAddress);
        }

        @Override
        public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
            return delegate.createNetClientMetrics(options);
        }

        @Override
        public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
            return delegate.createDatagramSocketMetrics(options);
        }

        @Override
        public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
            return delegate.createPoolMetrics(type, name, maxSize);
        }

        @Override
        public void vertxCreated(io.vertx.core.Vertx vertx) {
            delegate.vertxCreated(vertx);
        }

        @Override
        public boolean isMetricsEnabled() {
            return delegate.isMetricsEnabled();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A connection: the delegate's socket metric and the requests on it not yet both read and answered. */
    private static final class Socket<S> {
        final S inner;
        final List<Request<?>> open = new ArrayList<>(1);

        Socket(S inner) {
            this.inner = inner;
        }
    }

    /** A request: the delegate's request metric and how far it got. */
    private static final class Request<R> {
        final R inner;
        final Socket<?> socket;
        final HttpRequest request;
        boolean requestEnded;
        boolean responseEnded;
        boolean done;

        Request(R inner, Socket<?> socket, HttpRequest request) {
            this.inner = inner;
            this.socket = socket;
            this.request = request;
        }
    }

    /**
     * The delegate's HTTP server metrics, on wrapped socket and request metrics. Vert.x calls a
     * connection's metrics on that connection's event loop; the lists are still locked, being cheap.
     */
    private static final class Server<R, W, S> implements HttpServerMetrics<Request<R>, W, Socket<S>> {
        private final HttpServerMetrics<R, W, S> delegate;

        @SuppressWarnings("unchecked")
        Server(HttpServerMetrics<?, ?, ?> delegate) {
            this.delegate = (HttpServerMetrics<R, W, S>) delegate;
        }

        @Override
        public Socket<S> connected(SocketAddress remoteAddress, String remoteName) {
            return new Socket<>(delegate.connected(remoteAddress, remoteName));
        }

        @Override
        public void disconnected(Socket<S> socket, SocketAddress remoteAddress) {
            List<Request<?>> left;
            synchronized (socket) {
                left = new ArrayList<>(socket.open);
                socket.open.clear();
            }
            for (Request<?> r : left) {
                finish(cast(r));
            }
            delegate.disconnected(socket.inner, remoteAddress);
        }

        /** Ends (its response went out) or resets (it did not) a request its connection left unfinished. */
        private void finish(Request<R> r) {
            if (r.done) {
                return;
            }
            r.done = true;
            if (r.responseEnded) {
                delegate.requestEnd(r.inner, r.request, 0);
            } else {
                delegate.requestReset(r.inner);
            }
        }

        @Override
        public Request<R> requestBegin(Socket<S> socket, HttpRequest request) {
            Request<R> r = new Request<>(delegate.requestBegin(socket.inner, request), socket, request);
            synchronized (socket) {
                socket.open.add(r);
            }
            return r;
        }

        @Override
        public void requestEnd(Request<R> r, HttpRequest request, long bytesRead) {
            if (!r.done) {
                r.requestEnded = true;
                delegate.requestEnd(r.inner, request, bytesRead);
                settle(r);
            }
        }

        @Override
        public void requestReset(Request<R> r) {
            if (!r.done) {
                r.done = true;
                delegate.requestReset(r.inner);
                forget(r);
            }
        }

        @Override
        public void responseBegin(Request<R> r, HttpResponse response) {
            delegate.responseBegin(r.inner, response);
        }

        @Override
        public Request<R> responsePushed(Socket<S> socket, HttpMethod method, String uri, HttpResponse response) {
            Request<R> r = new Request<>(delegate.responsePushed(socket.inner, method, uri, response), socket, null);
            r.requestEnded = true;
            synchronized (socket) {
                socket.open.add(r);
            }
            return r;
        }

        @Override
        public void responseEnd(Request<R> r, HttpResponse response, long bytesWritten) {
            if (!r.done) {
                r.responseEnded = true;
                delegate.responseEnd(r.inner, response, bytesWritten);
                settle(r);
            }
        }

        @Override
        public W connected(Socket<S> socket, Request<R> r, ServerWebSocket webSocket) {
            return delegate.connected(socket.inner, r == null ? null : r.inner, webSocket);
        }

        @Override
        public void disconnected(W webSocket) {
            delegate.disconnected(webSocket);
        }

        @Override
        public void requestRouted(Request<R> r, String route) {
            delegate.requestRouted(r.inner, route);
        }

        @Override
        public void bytesRead(Socket<S> socket, SocketAddress remoteAddress, long numberOfBytes) {
            delegate.bytesRead(socket.inner, remoteAddress, numberOfBytes);
        }

        @Override
        public void bytesWritten(Socket<S> socket, SocketAddress remoteAddress, long numberOfBytes) {
            delegate.bytesWritten(socket.inner, remoteAddress, numberOfBytes);
        }

        @Override
        public void exceptionOccurred(Socket<S> socket, SocketAddress remoteAddress, Throwable t) {
            delegate.exceptionOccurred(socket.inner, remoteAddress, t);
        }

        @Override
        public void close() {
            delegate.close();
        }

        private void settle(Request<R> r) {
            if (r.requestEnded && r.responseEnded) {
                r.done = true;
                forget(r);
            }
        }

        private void forget(Request<R> r) {
            synchronized (r.socket) {
                r.socket.open.remove(r);
            }
        }

        @SuppressWarnings("unchecked")
        private Request<R> cast(Request<?> r) {
            return (Request<R>) r;
        }
    }
}
