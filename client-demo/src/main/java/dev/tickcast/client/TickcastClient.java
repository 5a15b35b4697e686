package dev.tickcast.client;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
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
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.http.WebSocketInternal;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * A headless Tickcast client: matchmakes over HTTP, joins over the WebSocket and keeps a mirror of
 * the room state by applying every snapshot. Tests and the bench's bots use it.
 *
 * <p>Callbacks run on the client's Vert.x context; call the send methods from that context (or one
 * other thread at a time). The HTTP and WebSocket clients are held in fields on purpose: Vert.x 5
 * closes a client that becomes unreachable. The matchmaking request is {@link Matchmaking}'s, the
 * reading of server frames {@link ServerMessages}'; this class connects, sends and holds them.
 */
public final class TickcastClient {
    private final Vertx vertx;
    private final String host;
    private final int port;
    private final Matchmaking matchmaking;
    private final WebSocketClient wsClient;
    private final Kryo kryo = Messages.newKryo();
    private final Output out = new Output(256, Protocol.MAX_CLIENT_MESSAGE_BYTES);
    private final ServerMessages inbound = new ServerMessages(kryo, this::fail);
    private WebSocket ws;
    private Seat seat;
    private int nextSeq = 1;
    private IntSupplier viewStamp = () -> 0;
    private IntSupplier viewDelayMs = () -> 0;
    private CloseHandler closeHandler = (code, reason) -> { };
    private long bytesSent;
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
        this.matchmaking = new Matchmaking(vertx, host, port, options);
        this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions(options)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
    }

    /** Reserves a seat with {@code POST /matchmake/{game}}, as a guest. */
    public Future<Seat> matchmake(String game, String name) {
        return matchmaking.matchmake(game, name, null);
    }

    /**
     * Reserves a seat with {@code POST /matchmake/{game}} on a server with identity on:
     * {@code playerToken} (a JWT from the studio's account system) goes as {@code Authorization: Bearer};
     * the server then names the player from the token, not from {@code name}.
     */
    public Future<Seat> matchmake(String game, String name, String playerToken) {
        return matchmaking.matchmake(game, name, playerToken);
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
            socket.binaryMessageHandler(inbound::handle);
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

    /** Matchmakes into {@code game} with a player token ({@link #matchmake(String, String, String)}) and joins. */
    public Future<Void> joinOrCreate(String game, String name, String playerToken) {
        return matchmake(game, name, playerToken).compose(this::join);
    }

    /**
     * Where the view stamps of this client's INPUTs and GAME_SENDs, and the view delay of its PINGs,
     * come from (docs/PROTOCOL.md 7.6): {@code stamp} gives the stamp of what it draws now (0: none),
     * {@code delayMs} the interpolation delay it draws other entities with (0: none). Read at each
     * send, on the sending thread. Without a view source every message carries view 0 and delay 0.
     */
    public void viewSource(IntSupplier stamp, IntSupplier delayMs) {
        this.viewStamp = stamp;
        this.viewDelayMs = delayMs;
    }

    /** Sends one input with the next sequence number, stamped by the view source; returns that number. */
    public int sendInput(byte[] payload) {
        int seq = nextSeq++;
        send(new InputMessage(seq, viewStamp.getAsInt(), payload));
        return seq;
    }

    /** Sends a chat line. */
    public void sendChat(String text) {
        send(new ChatSendMessage(text));
    }

    /**
     * Sends a game message (GAME_SEND) of {@code type} (0..255) with {@code payload} (at most 1024 bytes),
     * stamped by the view source.
     */
    public void sendGameMessage(int type, byte[] payload) {
        send(new GameSendMessage(type, viewStamp.getAsInt(), payload));
    }

    /** Sends a PING, declaring the view source's delay. */
    public void sendPing(int clientTime) {
        send(new PingMessage(clientTime, viewDelayMs.getAsInt()));
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
        inbound.decodeSnapshots = decode;
        return this;
    }

    /** Sets the WELCOME handler. */
    public TickcastClient onWelcome(Handler<WelcomeMessage> handler) {
        inbound.welcomeHandler = handler;
        return this;
    }

    /** Sets the handler called after each snapshot is applied, with the new state. */
    public TickcastClient onSnapshot(Handler<Snapshot> handler) {
        inbound.snapshotHandler = handler;
        return this;
    }

    /** Sets the handler called with every raw SNAPSHOT message, decoded or not. */
    public TickcastClient onRawSnapshot(Handler<Buffer> handler) {
        inbound.rawSnapshotHandler = handler;
        return this;
    }

    /** Sets the CHAT handler. */
    public TickcastClient onChat(Handler<ChatMessage> handler) {
        inbound.chatHandler = handler;
        return this;
    }

    /** Sets the handler of game messages (GAME_MESSAGE) from the room's game. */
    public TickcastClient onGameMessage(Handler<GameMessage> handler) {
        inbound.gameMessageHandler = handler;
        return this;
    }

    /** Sets the PONG handler. */
    public TickcastClient onPong(Handler<PongMessage> handler) {
        inbound.pongHandler = handler;
        return this;
    }

    /** Sets the close handler. */
    public TickcastClient onClose(CloseHandler handler) {
        closeHandler = handler;
        return this;
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
        return inbound.welcome();
    }

    /** The mirrored state, or null before the schema arrived. */
    public SnapshotMirror mirror() {
        return inbound.mirror();
    }

    /** The first protocol error this client found, or null. */
    public String error() {
        return error;
    }

    /** Payload bytes received. */
    public long bytesReceived() {
        return inbound.bytesReceived();
    }

    /** Payload bytes sent. */
    public long bytesSent() {
        return bytesSent;
    }

    /** SNAPSHOT messages received. */
    public long snapshotsReceived() {
        return inbound.snapshotsReceived();
    }

    /** The size of the last SNAPSHOT message. */
    public int lastSnapshotBytes() {
        return inbound.lastSnapshotBytes();
    }

    /** The Vert.x instance the client runs on. */
    public Vertx vertx() {
        return vertx;
    }
}
