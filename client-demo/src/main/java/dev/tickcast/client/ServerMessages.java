package dev.tickcast.client;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.GameMessage;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * The inbound half of {@link TickcastClient}: decodes each server frame by its type byte, keeps the
 * WELCOME and the state mirror, counts what arrived and calls the handlers. A frame it cannot read
 * goes to the {@code fail} callback with the reason. Confined to the client's context.
 */
final class ServerMessages {
    private final Kryo kryo;
    private final Input in = new Input();
    private final Consumer<String> fail;
    Handler<WelcomeMessage> welcomeHandler = w -> { };
    Handler<Snapshot> snapshotHandler = s -> { };
    Handler<ChatMessage> chatHandler = c -> { };
    Handler<GameMessage> gameMessageHandler = m -> { };
    Handler<PongMessage> pongHandler = p -> { };
    Handler<Buffer> rawSnapshotHandler = b -> { };
    boolean decodeSnapshots = true;
    private WelcomeMessage welcome;
    private SnapshotMirror mirror;
    private long bytesReceived;
    private long snapshotsReceived;
    private int lastSnapshotBytes;

    /** Reads with {@code kryo} (shared with the client's writes: same thread); reports bad frames to {@code fail}. */
    ServerMessages(Kryo kryo, Consumer<String> fail) {
        this.kryo = kryo;
        this.fail = fail;
    }

    /** Handles one binary frame from the server. */
    void handle(Buffer message) {
        bytesReceived += message.length();
        int type = message.length() == 0 ? -1 : message.getUnsignedByte(0);
        if (type == Protocol.typeByte(Protocol.SNAPSHOT) || type == Protocol.typeByte(Protocol.SNAPSHOT_CELLS)) {
            onSnapshot(message);
        } else if (type == Protocol.typeByte(Protocol.WELCOME)) {
            welcome = read(message, WelcomeMessage.class);
            if (welcome != null) {
                if (mirror != null) {
                    mirror.body(welcome.entityId());
                }
                welcomeHandler.handle(welcome);
            }
        } else if (type == Protocol.typeByte(Protocol.SCHEMA)) {
            SchemaMessage schema = read(message, SchemaMessage.class);
            if (schema != null) {
                mirror = new SnapshotMirror(schema.schemas());
                // SNAPSHOT_CELLS codes owned entries against the client's own entity (PROTOCOL.md 10.13)
                mirror.body(welcome == null ? -1 : welcome.entityId());
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
            fail.accept("unknown message type " + type);
        }
    }

    private void onSnapshot(Buffer message) {
        snapshotsReceived++;
        lastSnapshotBytes = message.length();
        rawSnapshotHandler.handle(message);
        if (!decodeSnapshots) {
            return;
        }
        if (mirror == null) {
            fail.accept("snapshot before schema");
            return;
        }
        byte[] bytes = message.getBytes();
        int result = mirror.apply(bytes, 0, bytes.length);
        if (result != DeltaDecoder.OK) {
            fail.accept("snapshot could not be applied: " + result);
            return;
        }
        snapshotHandler.handle(mirror.current());
    }

    private <T> T read(Buffer message, Class<T> type) {
        byte[] bytes = message.getBytes();
        in.setBuffer(bytes, 1, bytes.length - 1);
        T value = kryo.readObject(in, type);
        if (value == null) {
            fail.accept("malformed " + type.getSimpleName());
        }
        return value;
    }

    WelcomeMessage welcome() {
        return welcome;
    }

    SnapshotMirror mirror() {
        return mirror;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    long snapshotsReceived() {
        return snapshotsReceived;
    }

    int lastSnapshotBytes() {
        return lastSnapshotBytes;
    }
}
