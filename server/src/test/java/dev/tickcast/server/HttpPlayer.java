package dev.tickcast.server;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test client of the HTTP binding (docs/PROTOCOL.md 2.1) over a Vert.x HttpClient on loopback:
 * opens a session, polls or streams its records (reassembled across chunks, duplicates dropped,
 * acknowledged on the next request) and sends upstream bodies. What it takes is recorded on the
 * client's context and awaited from the test thread with bounded waits ({@link Bot#get}).
 */
final class HttpPlayer {
    static final String MEDIA = "application/vnd.tickcast.records";

    /** A whole answer. */
    record Answer(int status, MultiMap headers, byte[] body) {
    }

    /** A stream in flight: its request (to cut it) and its end. */
    record Stream(CompletableFuture<HttpClientRequest> request, CompletableFuture<Integer> ended) {
    }

    final Vertx vertx;
    final int port;
    /** Held in a field: Vert.x 5 closes a client that becomes unreachable. */
    private final HttpClientAgent client;
    private final Kryo kryo = Messages.newKryo();
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    volatile String session;
    volatile int taken;
    volatile int closeCode = -1;
    volatile String closeReason;
    volatile int keepAlives;
    private int upNext = 1;

    private record Waiter(Predicate<HttpPlayer> condition, CompletableFuture<Void> done) {
    }

    HttpPlayer(Vertx vertx, int port) {
        this(vertx, port, "127.0.0.1");
    }

    HttpPlayer(Vertx vertx, int port, String localAddress) {
        this.vertx = vertx;
        this.port = port;
        this.client = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(localAddress),
                new PoolOptions().setHttp1MaxSize(4));
    }

    /** A seat of {@code game} from the matchmaker. */
    static Seat seat(Vertx vertx, int port, String game, String name) {
        // Vert.x 5 closes an HTTP client that becomes unreachable, even in the middle of a request: keep it
        TickcastClient client = new TickcastClient(vertx, "127.0.0.1", port);
        try {
            return Bot.get(client.matchmake(game, name).toCompletionStage().toCompletableFuture(), "matchmake " + name);
        } finally {
            java.lang.ref.Reference.reachabilityFence(client);
        }
    }

    /** A seat of {@code game} from the matchmaker, asked over this player's own client (its address). */
    Seat matchmake(String game, String name) {
        Answer a = request(HttpMethod.POST, "/matchmake/" + game, Map.of("Content-Type", "application/json"),
                new io.vertx.core.json.JsonObject().put("name", name).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (a.status() != 200) {
            throw new AssertionError("matchmaking answered " + a.status());
        }
        return Seat.fromJson(new io.vertx.core.json.JsonObject(Buffer.buffer(a.body())));
    }

    /** Opens a session whose body JOINs with {@code token}; returns the answer. */
    Answer open(String token) {
        Answer a = open(records(1, frame(new JoinMessage(Protocol.VERSION, token))));
        upNext = 2;
        return a;
    }

    /** Opens a session with {@code body}; keeps its id. */
    Answer open(byte[] body) {
        Answer a = request(HttpMethod.POST, "/http/open", Map.of("Content-Type", MEDIA), body);
        session = a.headers().get("Tickcast-Session");
        return a;
    }

    /** One poll, read whole; its records are taken. */
    Answer poll() {
        Answer a = request(HttpMethod.GET, "/http/recv?mode=poll", sessionHeaders(), null);
        if (a.status() == 200) {
            new BodyReader().feed(a.body());
        }
        return a;
    }

    /** Polls until {@code condition} holds (at most {@code maxPolls} polls); true if it did. */
    boolean pollUntil(Predicate<HttpPlayer> condition, int maxPolls) {
        for (int i = 0; i < maxPolls && !condition.test(this); i++) {
            if (poll().status() != 200 || closeCode >= 0) {
                break;
            }
        }
        return condition.test(this);
    }

    /** Starts a stream whose records are taken as they arrive. */
    Stream stream() {
        CompletableFuture<HttpClientRequest> started = new CompletableFuture<>();
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        BodyReader reader = new BodyReader();
        client.request(options(HttpMethod.GET, "/http/recv?mode=stream")).onComplete(ar -> {
            if (ar.failed()) {
                started.completeExceptionally(ar.cause());
                ended.completeExceptionally(ar.cause());
                return;
            }
            HttpClientRequest req = ar.result();
            sessionHeaders().forEach(req::putHeader);
            req.send().onComplete(resp -> {
                if (resp.failed()) {
                    ended.complete(-1);
                    return;
                }
                started.complete(req);
                resp.result().handler(chunk -> reader.feed(chunk.getBytes()));
                resp.result().endHandler(v -> ended.complete(resp.result().statusCode()));
                resp.result().exceptionHandler(e -> ended.complete(-1));
            });
        });
        return new Stream(started, ended);
    }

    /** Sends {@code messages} as the next upstream records (numbered on), acknowledging what was taken. */
    Answer send(byte[]... frames) {
        byte[] body = records(upNext, frames);
        upNext += frames.length;
        return sendBody(body);
    }

    /** Sends {@code body} as it is. */
    Answer sendBody(byte[] body) {
        Map<String, String> headers = new java.util.HashMap<>(sessionHeaders());
        headers.put("Content-Type", MEDIA);
        Answer a = request(HttpMethod.POST, "/http/send", headers, body);
        if (a.status() == 410) {
            new BodyReader().feed(a.body());
        }
        return a;
    }

    Map<String, String> sessionHeaders() {
        return Map.of("Tickcast-Session", session, "Tickcast-Ack", Integer.toString(taken));
    }

    /** One request, its body read whole inside the callback that delivers the response (TOOLCHAIN pitfall 9). */
    Answer request(HttpMethod method, String uri, Map<String, String> headers, byte[] body) {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        client.request(options(method, uri)).onComplete(ar -> {
            if (ar.failed()) {
                done.completeExceptionally(ar.cause());
                return;
            }
            HttpClientRequest req = ar.result();
            headers.forEach(req::putHeader);
            (body == null ? req.send() : req.send(Buffer.buffer(body))).onComplete(resp -> {
                if (resp.failed()) {
                    done.completeExceptionally(resp.cause());
                    return;
                }
                resp.result().body().onComplete(b -> done.complete(new Answer(resp.result().statusCode(),
                        resp.result().headers(), b.succeeded() ? b.result().getBytes() : new byte[0])));
            });
        });
        return Bot.get(done, method + " " + uri);
    }

    private RequestOptions options(HttpMethod method, String uri) {
        return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
    }

    /** Waits until {@code condition} holds on what was taken. */
    void await(Predicate<HttpPlayer> condition) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiters.add(new Waiter(condition, done));
        check();
        Bot.get(done, "the HTTP player's condition");
    }

    private synchronized void check() {
        for (Waiter w : waiters) {
            if (w.condition.test(this)) {
                waiters.remove(w);
                w.done.complete(null);
            }
        }
    }

    /** The type bytes of the messages taken, in order. */
    List<Integer> types() {
        return messages.stream().map(m -> m[0] & 0xFF).toList();
    }

    /** How many messages of type {@code id} were taken. */
    long count(int id) {
        return messages.stream().filter(m -> (m[0] & 0xFF) == Protocol.typeByte(id)).count();
    }

    /** The WELCOME taken, or null. */
    WelcomeMessage welcome() {
        for (byte[] m : messages) {
            if ((m[0] & 0xFF) == Protocol.typeByte(Protocol.WELCOME)) {
                return kryo.readObject(new Input(m, 1, m.length - 1), WelcomeMessage.class);
            }
        }
        return null;
    }

    /** A client message's frame. */
    byte[] frame(Object message) {
        Output out = new Output(256, Protocol.MAX_CLIENT_MESSAGE_BYTES);
        Messages.write(kryo, out, message);
        return out.toBytes();
    }

    /** An upstream body: SEQ {@code first}, then a MESSAGE per frame. */
    static byte[] records(int first, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Records.seq(first));
        for (byte[] f : frames) {
            out.writeBytes(Records.header(Records.MESSAGE, f.length));
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    /** The records of one downstream body, fed as they come, whole records only. */
    private final class BodyReader implements Records.Visitor {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int next = -1;

        void feed(byte[] bytes) {
            pending.writeBytes(bytes);
            byte[] all = pending.toByteArray();
            byte[] body = all;
            int prefix = 0;
            if (next >= 0) {
                byte[] seq = Records.seq(next);
                prefix = seq.length;
                body = new byte[seq.length + all.length];
                System.arraycopy(seq, 0, body, 0, seq.length);
                System.arraycopy(all, 0, body, seq.length, all.length);
            }
            int whole = Records.parse(body, 0, body.length, Integer.MAX_VALUE, this);
            if (whole < 0) {
                throw new AssertionError("a malformed downstream body: " + whole);
            }
            pending.reset();
            pending.write(all, whole - prefix, all.length - (whole - prefix));
            check();
        }

        @Override
        public void onSeq(int first) {
            next = first;
        }

        @Override
        public void onMessage(int number, byte[] body, int offset, int length) {
            next = number + 1;
            if (number > taken) {
                messages.add(java.util.Arrays.copyOfRange(body, offset, offset + length));
                taken = number;
            }
        }

        @Override
        public void onKeepAlive() {
            keepAlives++;
        }

        @Override
        public void onClose(int code, String reason) {
            closeReason = reason;
            closeCode = code;
        }
    }
}
