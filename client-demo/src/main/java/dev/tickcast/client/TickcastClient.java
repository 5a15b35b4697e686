package dev.tickcast.client;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.GameMessage;
import dev.tickcast.wire.GameSendMessage;
import dev.tickcast.wire.InputMessage;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.internal.http.WebSocketInternal;

import java.util.List;

/**
 * A headless Tickcast client: matchmakes over HTTP, joins over the WebSocket and keeps a mirror of
 * the room state by applying every snapshot. Tests and the bench's bots use it.
 *
 * <p>Callbacks run on the client's Vert.x context; call the send methods from that context (or one
 * other thread at a time). The HTTP and WebSocket clients are held in fields on purpose: Vert.x 5
 * closes a client that becomes unreachable.
 */
public final class TickcastClient {
    private final Vertx vertx;
    private final String host;
    private final int port;
    private final HttpClient http;
    private final WebSocketClient wsClient;
    private final Kryo kryo = Messages.newKryo();
    private final Output out = new Output(256, Protocol.MAX_CLIENT_MESSAGE_BYTES);
    private final Input in = new Input();
    private WebSocket ws;
    private Seat seat;
    private WelcomeMessage welcome;
    private SnapshotMirror mirror;
    private boolean decodeSnapshots = true;
    private int nextSeq = 1;
    private Handler<WelcomeMessage> welcomeHandler = w -> { };
    private Handler<Snapshot> snapshotHandler = s -> { };
    private Handler<ChatMessage> chatHandler = c -> { };
    private Handler<GameMessage> gameMessageHandler = m -> { };
    private Handler<PongMessage> pongHandler = p -> { };
    private CloseHandler closeHandler = (code, reason) -> { };
    private Handler<Buffer> rawSnapshotHandler = b -> { };
    private long bytesReceived;
    private long bytesSent;
    private long snapshotsReceived;
    private int lastSnapshotBytes;
    private String error;

    /** Called when the connection closes, with the close code (or -1 if none was received). */
    @FunctionalInterface
    public interface CloseHandler {
        /** The connection closed. */
        void onClose(int code, String reason);
    }

    /** A client of the server at {@code host}:{@code port}. */
    public TickcastClient(Vertx vertx, String host, int port) {
        this(vertx, host, port, new WebSocketClientOptions());
    }

    /** A client with its own WebSocket options (for example a small receive buffer). */
    public TickcastClient(Vertx vertx, String host, int port, WebSocketClientOptions options) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        // one request per join needs no keep-alive
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(options.isSsl())
                .setTrustAll(options.isTrustAll()).setVerifyHost(options.isVerifyHost()).setKeepAlive(false)
                .setLocalAddress(options.getLocalAddress()));
        this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions(options)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
    }

    /** Reserves a seat with {@code POST /matchmake/{game}}. */
    public Future<Seat> matchmake(String game, String name) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI("/matchmake/" + game).putHeader("content-type", "application/json");
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

    /**
     * Opens the WebSocket and sends JOIN with the seat's token; completes when the socket is open. The
     * socket goes to the seat's {@code url} (the node that hosts the room) when it has one.
     */
    public Future<Void> join(Seat seat) {
        this.seat = seat;
        return connect(seat.token());
    }

    /**
     * After a dropped connection, opens a new one and resumes the same seat and entity with the
     * seat's reconnection token; input sequence numbers continue where they were.
     */
    public Future<Void> reconnect() {
        if (seat == null || seat.reconnectToken() == null) {
            return Future.failedFuture("no reconnection token");
        }
        return connect(seat.reconnectToken());
    }

    /** Drops the TCP connection without a close frame, as a network failure would (tests). */
    public void dropConnection() {
        ((WebSocketInternal) ws).channelHandlerContext().close();
    }

    private Future<Void> connect(String token) {
        WebSocketConnectOptions options = seat != null && seat.url() != null
                ? SeatUrl.connectOptions(seat.url())
                : new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws");
        options.setSubProtocols(List.of(Protocol.SUBPROTOCOL));
        return wsClient.connect(options).map(socket -> {
            ws = socket;
            socket.binaryMessageHandler(this::onMessage);
            socket.closeHandler(v -> closeHandler.onClose(
                    socket.closeStatusCode() == null ? -1 : socket.closeStatusCode(), socket.closeReason()));
            send(new JoinMessage(Protocol.VERSION, token));
            return null;
        });
    }

    /** Matchmakes into {@code game} and joins. */
    public Future<Void> joinOrCreate(String game, String name) {
        return matchmake(game, name).compose(this::join);
    }

    /** Sends one input with the next sequence number; returns that number. */
    public int sendInput(byte[] payload) {
        int seq = nextSeq++;
        send(new InputMessage(seq, payload));
        return seq;
    }

    /** Sends a chat line. */
    public void sendChat(String text) {
        send(new ChatSendMessage(text));
    }

    /** Sends a game message (GAME_SEND) of {@code type} (0..255) with {@code payload} (at most 1024 bytes). */
    public void sendGameMessage(int type, byte[] payload) {
        send(new GameSendMessage(type, payload));
    }

    /** Sends a PING. */
    public void sendPing(int clientTime) {
        send(new PingMessage(clientTime));
    }

    /** Sends raw bytes as one binary frame (tests of bad input). */
    public Future<Void> sendRaw(Buffer frame) {
        return ws.writeBinaryMessage(frame);
    }

    /** Sends a text frame (tests of bad input: the server accepts binary frames only). */
    public Future<Void> sendRawText(String text) {
        return ws.writeTextMessage(text);
    }

    /** Stops reading from the socket (the server's writes back up). */
    public void pause() {
        ws.pause();
    }

    /** Reads again. */
    public void resume() {
        ws.resume();
    }

    /** Closes the connection normally. */
    public Future<Void> close() {
        return ws == null ? Future.succeededFuture() : ws.close(Protocol.CLOSE_NORMAL, "bye");
    }

    /** If false, snapshots are counted but not decoded (cheap bots). */
    public TickcastClient decodeSnapshots(boolean decode) {
        decodeSnapshots = decode;
        return this;
    }

    /** Sets the WELCOME handler. */
    public TickcastClient onWelcome(Handler<WelcomeMessage> handler) {
        welcomeHandler = handler;
        return this;
    }

    /** Sets the handler called after each snapshot is applied, with the new state. */
    public TickcastClient onSnapshot(Handler<Snapshot> handler) {
        snapshotHandler = handler;
        return this;
    }

    /** Sets the handler called with every raw SNAPSHOT message, decoded or not. */
    public TickcastClient onRawSnapshot(Handler<Buffer> handler) {
        rawSnapshotHandler = handler;
        return this;
    }

    /** Sets the CHAT handler. */
    public TickcastClient onChat(Handler<ChatMessage> handler) {
        chatHandler = handler;
        return this;
    }

    /** Sets the handler of game messages (GAME_MESSAGE) from the room's game. */
    public TickcastClient onGameMessage(Handler<GameMessage> handler) {
        gameMessageHandler = handler;
        return this;
    }

    /** Sets the PONG handler. */
    public TickcastClient onPong(Handler<PongMessage> handler) {
        pongHandler = handler;
        return this;
    }

    /** Sets the close handler. */
    public TickcastClient onClose(CloseHandler handler) {
        closeHandler = handler;
        return this;
    }

    private void onMessage(Buffer message) {
        bytesReceived += message.length();
        int type = message.length() == 0 ? -1 : message.getUnsignedByte(0);
        if (type == Protocol.typeByte(Protocol.SNAPSHOT)) {
            onSnapshotMessage(message);
        } else if (type == Protocol.typeByte(Protocol.WELCOME)) {
            welcome = read(message, WelcomeMessage.class);
            if (welcome != null) {
                welcomeHandler.handle(welcome);
            }
        } else if (type == Protocol.typeByte(Protocol.SCHEMA)) {
            SchemaMessage schema = read(message, SchemaMessage.class);
            if (schema != null) {
                mirror = new SnapshotMirror(schema.schemas());
            }
        } else if (type == Protocol.typeByte(Protocol.CHAT)) {
            ChatMessage chat = read(message, ChatMessage.class);
            if (chat != null) {
                chatHandler.handle(chat);
            }
        } else if (type == Protocol.typeByte(Protocol.GAME_MESSAGE)) {
            GameMessage game = read(message, GameMessage.class);
            if (game != null) {
                gameMessageHandler.handle(game);
            }
        } else if (type == Protocol.typeByte(Protocol.PONG)) {
            PongMessage pong = read(message, PongMessage.class);
            if (pong != null) {
                pongHandler.handle(pong);
            }
        } else {
            fail("unknown message type " + type);
        }
    }

    private void onSnapshotMessage(Buffer message) {
        snapshotsReceived++;
        lastSnapshotBytes = message.length();
        rawSnapshotHandler.handle(message);
        if (!decodeSnapshots) {
            return;
        }
        if (mirror == null) {
            fail("snapshot before schema");
            return;
        }
        byte[] bytes = message.getBytes();
        int result = mirror.apply(bytes, 0, bytes.length);
        if (result != DeltaDecoder.OK) {
            fail("snapshot could not be applied: " + result);
            return;
        }
        snapshotHandler.handle(mirror.current());
    }

    private <T> T read(Buffer message, Class<T> type) {
        byte[] bytes = message.getBytes();
        in.setBuffer(bytes, 1, bytes.length - 1);
        T value = kryo.readObject(in, type);
        if (value == null) {
            fail("malformed " + type.getSimpleName());
        }
        return value;
    }

    private void fail(String reason) {
        error = reason;
        ws.close(Protocol.CLOSE_INVALID_PAYLOAD, reason);
    }

    private void send(Object message) {
        out.reset();
        Messages.write(kryo, out, message);
        bytesSent += out.position();
        ws.writeBinaryMessage(Buffer.buffer(out.toBytes()));
    }

    /** The seat this client joined with (its reconnection token included), or null. */
    public Seat seat() {
        return seat;
    }

    /** The WELCOME received, or null. */
    public WelcomeMessage welcome() {
        return welcome;
    }

    /** The mirrored state, or null before the schema arrived. */
    public SnapshotMirror mirror() {
        return mirror;
    }

    /** The first protocol error this client found, or null. */
    public String error() {
        return error;
    }

    /** Payload bytes received. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Payload bytes sent. */
    public long bytesSent() {
        return bytesSent;
    }

    /** SNAPSHOT messages received. */
    public long snapshotsReceived() {
        return snapshotsReceived;
    }

    /** The size of the last SNAPSHOT message. */
    public int lastSnapshotBytes() {
        return lastSnapshotBytes;
    }

    /** The Vert.x instance the client runs on. */
    public Vertx vertx() {
        return vertx;
    }
}
