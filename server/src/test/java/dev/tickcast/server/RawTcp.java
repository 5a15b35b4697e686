package dev.tickcast.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking TCP client for tests that must speak below HTTP: silent connections, half-sent requests,
 * trickled bodies, resets, raw WebSocket frames, the HTTP/2 preface. Reads wait at most
 * {@link #READ_SECONDS} (a bound, not a synchronisation).
 */
final class RawTcp implements AutoCloseable {
    static final int READ_SECONDS = 30;
    private final Socket socket;
    private final InputStream in;

    private RawTcp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        socket.setSoTimeout(READ_SECONDS * 1000);
    }

    /** Connects to 127.0.0.1:{@code port} from {@code localAddress} (another loopback address is another client). */
    static RawTcp connect(int port, String localAddress) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), READ_SECONDS * 1000);
            return new RawTcp(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawTcp connect(int port) {
        return connect(port, "127.0.0.1");
    }

    /** Sends {@code text} (ISO-8859-1); false if the server has closed the connection meanwhile. */
    boolean send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    boolean send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** Reads until the server closes the connection (or the bound passes, which fails). */
    String readToEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + READ_SECONDS + " s; got: "
                    + out.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException reset) {
            // a reset is a close too
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads an HTTP response head (up to the blank line); "" if the connection closed first. */
    String readHead() {
        StringBuilder head = new StringBuilder();
        try {
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    return head.toString();
                }
                head.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + READ_SECONDS + " s; got: " + head);
        } catch (IOException reset) {
            return head.toString();
        }
        return head.toString();
    }

    /** Reads one byte (-1: closed). */
    int read() throws IOException {
        return in.read();
    }

    /** Reads exactly {@code n} bytes. */
    byte[] readN(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException("closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** Closes with a TCP reset (SO_LINGER 0): an abrupt disconnection. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** The upgrade request of a game WebSocket with {@code protocols} as its Sec-WebSocket-Protocol. */
    static String upgradeRequest(int port, String protocols) {
        return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + protocols + "\r\n\r\n";
    }

    /** A GET of {@code path} that asks the server to close after the answer. */
    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }

    /** The status of a GET of {@code path} on a new connection from 127.0.0.1 (0: closed without an answer). */
    static int status(int port, String path) {
        try (RawTcp c = connect(port)) {
            c.send(get(path));
            String answer = c.readToEnd();
            return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : 0;
        }
    }
}
