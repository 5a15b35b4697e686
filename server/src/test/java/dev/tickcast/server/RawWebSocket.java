package dev.tickcast.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A hand-rolled WebSocket client over a plain TCP socket, for tests that must send what a real
 * client library refuses to: bad frames, odd lengths, reserved bits, floods. It records the HTTP
 * status of the handshake and the close code the server sends (-1 if the socket closed without one).
 */
final class RawWebSocket {
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CONTINUATION = 0;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    final CompletableFuture<Integer> status = new CompletableFuture<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final CompletableFuture<String> handshakeHeaders = new CompletableFuture<>();
    private final NetClient client;
    private NetSocket socket;
    private Buffer pending = Buffer.buffer();
    private boolean upgraded;
    private final SplittableRandom maskRandom = new SplittableRandom(7);

    private RawWebSocket(Vertx vertx, String localAddress) {
        client = vertx.createNetClient(new io.vertx.core.net.NetClientOptions().setLocalAddress(localAddress));
    }

    /** Connects and sends the upgrade request with the given extra header lines (each ending in CRLF). */
    static RawWebSocket open(Vertx vertx, int port, String extraHeaders) {
        return open(vertx, port, extraHeaders, null);
    }

    /** The same from a given local address (127.0.0.2 is another client address on loopback). */
    static RawWebSocket open(Vertx vertx, int port, String extraHeaders, String localAddress) {
        RawWebSocket raw = new RawWebSocket(vertx, localAddress);
        raw.socket = Bot.get(raw.client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture());
        raw.socket.handler(raw::onData);
        raw.socket.closeHandler(v -> {
            raw.status.complete(-1);
            raw.closeCode.complete(-1);
        });
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        raw.socket.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: tickcast.v1\r\n" + extraHeaders + "\r\n");
        return raw;
    }

    /** Opens with no extra headers and waits for the 101. */
    static RawWebSocket upgraded(Vertx vertx, int port) {
        RawWebSocket raw = open(vertx, port, "");
        int code = Bot.get(raw.status);
        if (code != 101) {
            throw new AssertionError("handshake answered " + code);
        }
        return raw;
    }

    private void onData(Buffer data) {
        pending.appendBuffer(data);
        if (!upgraded) {
            String text = pending.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            int code = Integer.parseInt(text.substring(9, 12));
            handshakeHeaders.complete(text.substring(0, end));
            status.complete(code);
            upgraded = code == 101;
            pending = pending.getBuffer(end + 4, pending.length());
            if (!upgraded) {
                return;
            }
        }
        readFrames();
    }

    private void readFrames() {
        while (pending.length() >= 2) {
            int opcode = pending.getByte(0) & 0x0F;
            int len = pending.getByte(1) & 0x7F;
            int header = 2;
            if (len == 126) {
                if (pending.length() < 4) {
                    return;
                }
                len = pending.getUnsignedShort(2);
                header = 4;
            } else if (len == 127) {
                if (pending.length() < 10) {
                    return;
                }
                len = (int) pending.getLong(2);
                header = 10;
            }
            if (pending.length() < header + len) {
                return;
            }
            if (opcode == CLOSE) {
                closeCode.complete(len >= 2 ? pending.getUnsignedShort(header) : 1005);
            }
            pending = pending.getBuffer(header + len, pending.length());
        }
    }

    /** Sends one masked frame. */
    void frame(boolean fin, int rsv, int opcode, byte[] payload) {
        Buffer b = Buffer.buffer();
        b.appendByte((byte) ((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0x0F));
        if (payload.length < 126) {
            b.appendByte((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            b.appendByte((byte) (0x80 | 126)).appendUnsignedShort(payload.length);
        } else {
            b.appendByte((byte) (0x80 | 127)).appendLong(payload.length);
        }
        appendMasked(b, payload);
        socket.write(b);
    }

    /** Sends a frame header that announces {@code announced} bytes, then only {@code payload}. */
    void lyingFrame(int opcode, long announced, byte[] payload) {
        Buffer b = Buffer.buffer();
        b.appendByte((byte) (0x80 | opcode));
        b.appendByte((byte) (0x80 | 127)).appendLong(announced);
        appendMasked(b, payload);
        socket.write(b);
    }

    /** Sends a frame without a mask, which clients must not do. */
    void unmaskedFrame(int opcode, byte[] payload) {
        Buffer b = Buffer.buffer();
        b.appendByte((byte) (0x80 | opcode)).appendByte((byte) payload.length).appendBytes(payload);
        socket.write(b);
    }

    /** Sends raw bytes as they are. */
    void bytes(byte[] raw) {
        socket.write(Buffer.buffer(raw));
    }

    /** True once the TCP connection is gone or a close frame arrived. */
    boolean done() {
        return closeCode.isDone();
    }

    /** Waits for the close code. */
    int awaitClose() {
        return Bot.get(closeCode);
    }

    /** Closes the TCP socket. */
    void kill() {
        socket.close();
    }

    private void appendMasked(Buffer b, byte[] payload) {
        byte[] mask = new byte[4];
        for (int i = 0; i < 4; i++) {
            mask[i] = (byte) maskRandom.nextInt(256);
        }
        b.appendBytes(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        b.appendBytes(masked);
    }
}
