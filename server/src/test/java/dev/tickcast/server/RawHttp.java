package dev.tickcast.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * HTTP/1.1 written by hand over a blocking loopback socket, for what an HTTP client library will not
 * send: made-up methods, malformed paths, pipelined floods, half requests, another protocol's
 * preface. Reads wait on a condition with a bounded deadline. {@link #request} is one whole request
 * from a chosen loopback address (127.0.0.2 is another client to a per-address limit).
 */
final class RawHttp implements AutoCloseable {
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closed;

    /** Status, header block (lower-cased names) and body of an answer. */
    record Answer(int status, String headers, String body) {
        /** The values of header {@code name}, comma-joined, or null. */
        String header(String name) {
            String found = null;
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    String v = line.substring(colon + 1).strip();
                    found = found == null ? v : found + ", " + v;
                }
            }
            return found;
        }
    }

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(200);
        in = socket.getInputStream();
    }

    /** Sends {@code text} (ISO-8859-1) as it is. */
    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Everything received so far (ISO-8859-1). */
    String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** True once the server closed the connection. */
    boolean closed() {
        return closed;
    }

    /** Reads until {@code condition} holds on everything received (or the server closes); false on the deadline. */
    boolean readUntil(Predicate<String> condition) throws IOException {
        long end = System.nanoTime() + DEADLINE_NS;
        byte[] buf = new byte[65536];
        while (!condition.test(received())) {
            if (closed || System.nanoTime() > end) {
                return condition.test(received());
            }
            try {
                int n = in.read(buf);
                if (n < 0) {
                    closed = true;
                } else {
                    received.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            } catch (IOException e) {
                closed = true;
            }
        }
        return true;
    }

    /** Reads one whole answer (head and, with Content-Length, body); returns it. */
    String answer() throws IOException {
        readUntil(RawHttp::hasWholeAnswer);
        return received();
    }

    /** Waits until the server closes the connection; false on the deadline. */
    boolean awaitClose() throws IOException {
        return readUntil(s -> closed);
    }

    /** Occurrences of {@code needle} in {@code text}. */
    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** The status code of the first answer in {@code text}, or -1. */
    static int status(String text) {
        return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    /** The status code of the first answer in {@code text} whatever its HTTP version, or -1. */
    static int statusOfAnyVersion(String text) {
        int space = text.indexOf(' ');
        return text.startsWith("HTTP/") && space > 0 && text.length() >= space + 4
                ? Integer.parseInt(text.substring(space + 1, space + 4)) : -1;
    }

    /** The value of the first header {@code name} in the first answer's head, or null. */
    static String header(String text, String name) {
        int headEnd = text.indexOf("\r\n\r\n");
        for (String line : (headEnd < 0 ? text : text.substring(0, headEnd)).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static boolean hasWholeAnswer(String text) {
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String length = header(text, "content-length");
        return length == null || text.length() >= headEnd + 4 + Integer.parseInt(length);
    }

    /** Closes abruptly: a TCP reset, as a client that goes away mid-download. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
        closed = true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One request with {@code Connection: close} from the loopback address {@code from}, read to its end. */
    static Answer request(String from, int port, String method, String path, Map<String, String> headers, String body) {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(20_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String answer = readAll(socket.getInputStream());
            int end = answer.indexOf("\r\n\r\n");
            String top = end < 0 ? answer : answer.substring(0, end);
            int status = Integer.parseInt(top.substring(9, 12));
            return new Answer(status, top, end < 0 ? "" : answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
