package dev.tickcast.client;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.wire.GameSendMessage;
import dev.tickcast.wire.InputMessage;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** What the client writes on a loopback WebSocket: protocol version 2, view stamps and the view delay from its view source. */
class TickcastClientTest {
    private final Kryo kryo = Messages.newKryo();
    private final BlockingQueue<Buffer> received = new LinkedBlockingQueue<>();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of(Protocol.SUBPROTOCOL)))
                .webSocketHandler(ws -> ws.binaryMessageHandler(received::add));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldStampInputsGameMessagesAndPingsFromItsViewSource() throws Exception {
        TickcastClient client = new TickcastClient(vertx, "127.0.0.1", server.actualPort());
        CompletableFuture<Void> open = new CompletableFuture<>();
        Seat seat = new Seat("r", "seat-token", "g", 0);
        on(client, () -> client.join(seat).onComplete(v -> open.complete(null), open::completeExceptionally));
        open.get(10, TimeUnit.SECONDS);
        JoinMessage join = (JoinMessage) next();
        assertEquals(Protocol.VERSION, join.version());
        assertEquals(2, join.version());
        assertEquals("seat-token", join.token());

        on(client, () -> client.sendInput(new byte[] {5}));
        InputMessage plain = (InputMessage) next();
        assertEquals(0, plain.view(), "no view source: view 0");
        on(client, () -> client.sendPing(9));
        assertEquals(new PingMessage(9, 0), next());

        int[] stamp = {15634};
        on(client, () -> client.viewSource(() -> stamp[0], () -> 100));
        on(client, () -> client.sendInput(new byte[] {6}));
        InputMessage stamped = (InputMessage) next();
        assertEquals(2, stamped.seq());
        assertEquals(15634, stamped.view());
        assertArrayEquals(new byte[] {6}, stamped.payload());
        stamp[0] = 16384;
        on(client, () -> client.sendGameMessage(3, new byte[] {7}));
        GameSendMessage game = (GameSendMessage) next();
        assertEquals(3, game.type());
        assertEquals(16384, game.view(), "the source is read at each send");
        on(client, () -> client.sendPing(10));
        assertEquals(new PingMessage(10, 100), next());
    }

    /** Runs {@code action} on the client's context and waits for it to run. */
    private static void on(TickcastClient client, Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.vertx().runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
    }

    private Object next() throws InterruptedException {
        Buffer frame = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(frame, "a frame within 10 s");
        Input in = new Input(frame.getBytes());
        Object message = kryo.readObject(in, kryo.getRegistration(in.readVarInt(true) - 2).getType());
        assertNotNull(message, "a well-formed frame");
        return message;
    }
}
