package dev.tickcast.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One blocking HTTP/1.1 request over a plain socket from a chosen loopback address (127.0.0.2 is
 * another client to a per-address limit), with any headers a browser would send; read to the end
 * ({@code Connection: close}) within a bounded socket timeout. Test threads only.
 */
final class RawHttp {
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

    private RawHttp() {
    }

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
