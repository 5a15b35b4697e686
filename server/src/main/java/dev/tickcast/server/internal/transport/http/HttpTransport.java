package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.net.RefusalLog;
import dev.tickcast.server.internal.room.ClientLink;
import dev.tickcast.server.internal.session.ClientTransport;

/**
 * The client session's view of an HTTP session: the link, a KEEPALIVE record for the ping, the
 * close codes of each side (the client's from its CLOSE record), and the violation log, which
 * writes the first violation of the session and only counts the later ones. The home loop only.
 */
final class HttpTransport implements ClientTransport {
    private final HttpLink link;
    private final HttpSession session;
    private final RefusalLog violations;
    private final String client;
    private boolean violationLogged;
    private int violationsNotLogged;

    HttpTransport(HttpLink link, HttpSession session, RefusalLog violations, String client) {
        this.link = link;
        this.session = session;
        this.violations = violations;
        this.client = client;
    }

    @Override
    public ClientLink link() {
        return link;
    }

    @Override
    public void ping() {
        session.keepAlive();
    }

    @Override
    public void close(short code, String reason) {
        link.close(code, reason);
    }

    @Override
    public int clientCloseCode() {
        return link.clientCloseCode();
    }

    @Override
    public short serverCloseCode() {
        return link.serverCloseCode();
    }

    @Override
    public void logViolation(short code, String reason) {
        if (!violationLogged) {
            violationLogged = true;
            violations.refused(client, "HTTP session closed with " + code + ": " + reason);
        } else {
            violationsNotLogged++;
        }
    }

    /** Once the session has ended: records that it broke the protocol again after its first violation. */
    void logSuppressed() {
        if (violationsNotLogged > 0) {
            violationsNotLogged = 0;
            violations.refused(client, "HTTP session kept breaking the protocol after its first violation");
        }
    }
}
