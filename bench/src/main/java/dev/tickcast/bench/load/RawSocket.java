package dev.tickcast.bench.load;

import dev.tickcast.wire.Protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A blocking client socket that speaks just enough HTTP/1.1 and WebSocket (RFC 6455) by hand to
 * open, misuse and end sessions in ways a library client would not: cut a request mid-way, reset
 * the connection without a close frame, upgrade and never join. Every read is bounded by the
 * socket's timeout. Used by the churn driver's worker threads, never on an event loop.
 */
final class RawSocket implements AutoCloseable {
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;

    private RawSocket(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.hostHeader = hostHeader;
    }

    /** Connects to {@code host:port}; every later read waits at most {@code timeoutMs}. */
    static RawSocket connect(String host, int port, int timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            return new RawSocket(s, host + ":" + port);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Changes the read timeout. */
    void timeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    /** Writes {@code text} as US-ASCII. */
    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.US_ASCII));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A request line and headers for this socket's server (the Host header added), with {@code body}. */
    String request(String method, String path, String extraHeaders, String body) {
        StringBuilder r = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n").append(extraHeaders);
        if (body != null) {
            r.append("Content-Type: application/json\r\n").append("Content-Length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        r.append("\r\n");
        if (body != null) {
            r.append(body);
        }
        return r.toString();
    }

    /**
     * Reads one HTTP response: the status line and headers, then a body by Content-Length, by
     * chunks, or up to the end of the stream.
     */
    Response readResponse() throws IOException {
        String head = readHead();
        int firstLine = head.indexOf("\r\n");
        String statusLine = firstLine < 0 ? head : head.substring(0, firstLine);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + abbreviate(statusLine), e);
        }
        String lower = head.toLowerCase(Locale.ROOT);
        byte[] body;
        long length = headerLong(lower, "content-length");
        if (status == 101 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (length >= 0) {
            body = readExactly((int) Math.min(length, MAX_BODY_BYTES));
        } else if (lower.contains("transfer-encoding: chunked")) {
            body = readChunked();
        } else {
            body = in.readNBytes(MAX_BODY_BYTES);
        }
        return new Response(status, head, new String(body, StandardCharsets.UTF_8));
    }

    /** An answered HTTP request: status, the head (status line and headers) and the body as text. */
    record Response(int status, String head, String body) {
    }

    /** Sends a WebSocket upgrade for {@code path} with Tickcast's subprotocol; true if answered 101. */
    boolean upgrade(String path) throws IOException {
        write(request("GET", path, "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + Protocol.SUBPROTOCOL + "\r\n", null));
        String head = readHead();
        return head.startsWith("HTTP/1.1 101");
    }

    /** Sends a masked frame (the mask key is zero: the payload goes as it is). */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        }
        f.write(new byte[4], 0, 4);
        f.write(payload, 0, payload.length);
        write(f.toByteArray());
    }

    /** Sends a close frame with {@code code}. */
    void sendClose(int code) throws IOException {
        sendFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** Reads one server frame (unmasked). */
    Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if ((b1 & 0x80) != 0 || length > MAX_BODY_BYTES) {
            throw new IOException("unexpected frame header " + b0 + "/" + b1 + " length " + length);
        }
        return new Frame(b0 & 0x0F, readExactly((int) length));
    }

    /**
     * One WebSocket frame.
     *
     * @param opcode  the frame's opcode (0x2 binary, 0x8 close, 0x9 ping...)
     * @param payload its payload
     */
    record Frame(int opcode, byte[] payload) {
        /** The close code of a close frame, or 1005 (none given). */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        /** The Tickcast message type byte of a binary frame, or -1. */
        int type() {
            return payload.length == 0 ? -1 : payload[0] & 0xFF;
        }
    }

    /** True if the server closed the stream (a read returns the end), false if it stays silent for the timeout. */
    boolean awaitEnd() throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // discard what comes before the end (an error answer to a cut request, say)
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server: ended too
        }
    }

    /** Closes with a TCP reset (SO_LINGER 0): no close frame, no FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that already failed: nothing left to release
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before the answer's headers ended ("
                        + head.size() + " bytes)");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked body over " + MAX_BODY_BYTES + " bytes");
            }
            body.write(readExactly(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = readByte(); b != '\n'; b = readByte()) {
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("line longer than " + MAX_HEADER_BYTES);
            }
        }
        return line.toString();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("connection closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static long headerLong(String lowerHead, String name) {
        int at = lowerHead.indexOf("\r\n" + name + ":");
        if (at < 0) {
            return -1;
        }
        int start = at + name.length() + 3;
        int end = lowerHead.indexOf("\r\n", start);
        try {
            return Long.parseLong(lowerHead.substring(start, end < 0 ? lowerHead.length() : end).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
