package dev.tickcast.bench.load;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;

/**
 * The bodies of the churn driver's sessions, one method per {@link ChurnKind}, on blocking
 * {@link RawSocket}s. Each returns how the session ended (a short tag counted per kind) or throws
 * with what went wrong. Every wait is bounded by the socket timeout or by {@code longWaitMs}.
 */
final class ChurnSessions {
    private static final int WELCOME = Protocol.typeByte(Protocol.WELCOME);
    private static final int SNAPSHOT = Protocol.typeByte(Protocol.SNAPSHOT);
    private static final int INPUT = Protocol.typeByte(Protocol.INPUT);
    private static final ThreadLocal<Kryo> KRYO = ThreadLocal.withInitial(Messages::newKryo);

    private final String host;
    private final int port;
    private final int timeoutMs;
    private final int longWaitMs;

    /**
     * Sessions against {@code host:port}.
     *
     * @param timeoutMs  the longest wait for any one answer
     * @param longWaitMs the longest wait for the server's own timeout (join deadline, HTTP idle timeout)
     */
    ChurnSessions(String host, int port, int timeoutMs, int longWaitMs) {
        this.host = host;
        this.port = port;
        this.timeoutMs = timeoutMs;
        this.longWaitMs = longWaitMs;
    }

    /** Runs session {@code n} of {@code kind}; {@code waitForServer}: leave it to the server's own timeout. */
    String run(ChurnKind kind, long n, boolean waitForServer) throws IOException {
        return switch (kind) {
            case FULL -> full(n);
            case RESET -> reset(n);
            case NEVER_JOIN -> neverJoin(waitForServer);
            case HALF_REQUEST -> halfRequest(n, waitForServer);
            case KEEP_ALIVE -> keepAlive();
        };
    }

    /** Matchmake, join, play a moment (two INPUTs), leave with 1000 and wait for the server's close. */
    String full(long n) throws IOException {
        String[] seat = matchmake("churn " + n);
        try (RawSocket ws = open(seat[1])) {
            ws.sendFrame(0x2, join(seat[0]));
            play(ws, 1);
            ws.sendFrame(0x2, input(1, ArenaInput.encode((int) (n % 3) - 1, (int) (n / 3 % 3) - 1, false)));
            ws.sendFrame(0x2, input(2, ArenaInput.encode((int) (n / 9 % 3) - 1, (int) (n / 27 % 3) - 1, n % 2 == 0)));
            ws.sendClose(Protocol.CLOSE_NORMAL);
            int code = awaitClose(ws);
            if (code != Protocol.CLOSE_NORMAL) {
                throw new IOException("left with 1000, the server answered " + code);
            }
            return "clean";
        }
    }

    /** A TCP reset right after the upgrade (even n) or after joining and playing (odd n). */
    String reset(long n) throws IOException {
        if (n % 2 == 0) {
            RawSocket ws = open("/ws");
            ws.reset();
            return "afterUpgrade";
        }
        String[] seat = matchmake("churn " + n);
        RawSocket ws = open(seat[1]);
        try {
            ws.sendFrame(0x2, join(seat[0]));
            play(ws, 1);
        } finally {
            ws.reset();
        }
        return "whilePlaying";
    }

    /** Upgrade, never JOIN: wait for the server's 4011, or close first with 1000. */
    String neverJoin(boolean waitForServer) throws IOException {
        try (RawSocket ws = open("/ws")) {
            if (!waitForServer) {
                ws.sendClose(Protocol.CLOSE_NORMAL);
                awaitClose(ws);
                return "clientClosed";
            }
            ws.timeout(longWaitMs);
            int code = awaitClose(ws);
            if (code != Protocol.CLOSE_JOIN_TIMEOUT) {
                throw new IOException("never joined: closed with " + code + ", not " + Protocol.CLOSE_JOIN_TIMEOUT);
            }
            return "server" + code;
        }
    }

    /** A request cut in its headers: closed by the client, or left until the server closes it. */
    String halfRequest(long n, boolean waitForServer) throws IOException {
        try (RawSocket http = RawSocket.connect(host, port, timeoutMs)) {
            String cut = n % 2 == 0 ? "POST /matchmake/arena HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Ty"
                    : "GET /health HTTP/1.1\r\nHo";
            http.write(cut);
            if (!waitForServer) {
                return "clientClosed";
            }
            http.timeout(longWaitMs);
            if (!http.awaitEnd()) {
                throw new IOException("the server kept a half-sent request open for more than " + longWaitMs + " ms");
            }
            return "serverClosed";
        }
    }

    /** Two GET /health on one keep-alive connection; then the client closes it. */
    String keepAlive() throws IOException {
        try (RawSocket http = RawSocket.connect(host, port, timeoutMs)) {
            for (int i = 0; i < 2; i++) {
                http.write(http.request("GET", "/health", "", null));
                RawSocket.Response r = http.readResponse();
                if (r.status() != 200) {
                    throw new IOException("GET /health on a keep-alive connection: HTTP " + r.status());
                }
            }
            return "twoRequests";
        }
    }

    /**
     * A new player: matchmakes, joins, and must get WELCOME and {@code snapshots} snapshots; then
     * leaves with 1000. Returns a line for the report.
     */
    String newPlayer(int snapshots) throws IOException {
        String[] seat = matchmake("after churn");
        try (RawSocket ws = open(seat[1])) {
            ws.sendFrame(0x2, join(seat[0]));
            play(ws, snapshots);
            ws.sendClose(Protocol.CLOSE_NORMAL);
            awaitClose(ws);
        }
        return "matchmade, joined, got WELCOME and " + snapshots + " snapshots";
    }

    /** POST /matchmake/arena: the seat's token and WebSocket path. */
    private String[] matchmake(String name) throws IOException {
        try (RawSocket http = RawSocket.connect(host, port, timeoutMs)) {
            http.write(http.request("POST", "/matchmake/arena", "Connection: close\r\n",
                    new JsonObject().put("name", name).encode()));
            RawSocket.Response r = http.readResponse();
            if (r.status() != 200) {
                throw new IOException("POST /matchmake/arena: HTTP " + r.status() + " " + abbreviate(r.body()));
            }
            JsonObject seat;
            try {
                seat = new JsonObject(r.body());
            } catch (DecodeException e) {
                throw new IOException("POST /matchmake/arena: not JSON: " + abbreviate(r.body()), e);
            }
            String url = seat.getString("url");
            String path = url == null ? "/ws" : URI.create(url).getRawPath();
            return new String[] {seat.getString("token"), path == null || path.isEmpty() ? "/ws" : path};
        }
    }

    private RawSocket open(String path) throws IOException {
        RawSocket ws = RawSocket.connect(host, port, timeoutMs);
        try {
            if (!ws.upgrade(path)) {
                throw new IOException("upgrade refused");
            }
            return ws;
        } catch (IOException | RuntimeException e) {
            ws.close();
            throw new IOException("upgrade: " + e.getMessage(), e);
        }
    }

    /** Reads until WELCOME and then {@code snapshots} snapshots arrived, answering pings. */
    private static void play(RawSocket ws, int snapshots) throws IOException {
        boolean welcomed = false;
        int seen = 0;
        while (seen < snapshots) {
            RawSocket.Frame f = ws.readFrame();
            switch (f.opcode()) {
                case 0x9 -> ws.sendFrame(0xA, f.payload());
                case 0x8 -> throw new IOException("closed by the server with " + f.closeCode()
                        + (welcomed ? " after WELCOME" : " before WELCOME"));
                case 0x2 -> {
                    if (f.type() == WELCOME) {
                        welcomed = true;
                    } else if (f.type() == SNAPSHOT && welcomed) {
                        seen++;
                    }
                }
                default -> {
                    // continuation, text, pong: not part of what this session checks
                }
            }
        }
    }

    /** Reads until the server's close frame; its code (1006 if the stream ended without one). */
    private static int awaitClose(RawSocket ws) throws IOException {
        while (true) {
            RawSocket.Frame f;
            try {
                f = ws.readFrame();
            } catch (java.io.EOFException e) {
                return 1006;
            }
            if (f.opcode() == 0x8) {
                try {
                    ws.sendClose(f.closeCode() == 1005 ? Protocol.CLOSE_NORMAL : f.closeCode());
                } catch (IOException e) {
                    // the server may have closed already: its close frame is what counts
                }
                return f.closeCode();
            }
            if (f.opcode() == 0x9) {
                ws.sendFrame(0xA, f.payload());
            }
        }
    }

    private static byte[] join(String token) {
        Output out = new Output(256, Protocol.MAX_CLIENT_MESSAGE_BYTES);
        Messages.write(KRYO.get(), out, new JoinMessage(Protocol.VERSION, token));
        return out.toBytes();
    }

    /** An INPUT as LeanBot writes it: type, sequence (unsigned varint), view 0 (no stamp), one direction byte. */
    private static byte[] input(int seq, int direction) {
        return new byte[] {(byte) INPUT, (byte) seq, 0, (byte) direction}; // seq < 128: one varint byte
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
