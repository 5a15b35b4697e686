package dev.tickcast.server.internal.net;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The key that per-address limits count a client under. The client is the TCP peer, unless the
 * peer is a configured trusted proxy: then it is the right-most {@code X-Forwarded-For} hop that is
 * not itself a trusted proxy, reading every header line in order as one list (each proxy appends
 * the address it saw, as a new entry or a new line, so what is left of it is the client's to
 * invent). All hops trusted: the left-most one.
 *
 * <p>The header is read from the right within {@link #BUDGET_CHARS} characters, so an over-long one
 * costs a bounded amount and still resolves to the hop the proxy appended, never to the proxy.
 *
 * <p>An IPv4 address (an IPv4-mapped IPv6 one included) is its own key; an IPv6 address counts
 * under its {@code ipv6Prefix}-bit prefix (a /64 by default), because one client owns a whole /64.
 */
public final class ClientAddress {
    /** How many characters of X-Forwarded-For, from the right, are read at most. */
    static final int BUDGET_CHARS = 1024;
    /** A hop that is not an IP address is counted under at most this many of its characters. */
    private static final int MAX_RAW_KEY_CHARS = 64;
    private static final String HEADER = "X-Forwarded-For";
    /** The key of every request whose X-Forwarded-For is cut by the budget before an untrusted hop. */
    static final String UNREADABLE = "?unreadable-forwarded-for";

    private final Set<String> trusted = new HashSet<>();
    private final int ipv6Prefix;

    /**
     * What a resolver is configured with.
     *
     * @param trustedProxies the proxies whose X-Forwarded-For is believed
     * @param ipv6Prefix     the prefix length an IPv6 address counts under (1..128)
     */
    public record Settings(List<String> trustedProxies, int ipv6Prefix) {
        /** Copies the list. */
        public Settings {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /** Resolves through the proxies at {@code trustedProxies}; IPv6 addresses count per /64. */
    public ClientAddress(List<String> trustedProxies) {
        this(trustedProxies, 64);
    }

    /** Resolves through {@code trustedProxies}; IPv6 addresses count per {@code ipv6Prefix} bits (1..128). */
    public ClientAddress(List<String> trustedProxies, int ipv6Prefix) {
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("the IPv6 prefix must be 1..128 bits: " + ipv6Prefix);
        }
        this.ipv6Prefix = ipv6Prefix;
        for (String proxy : trustedProxies) {
            InetAddress ip = literal(proxy.strip());
            trusted.add(ip == null ? proxy.strip() : ip.getHostAddress());
        }
    }

    /** Resolves with {@code settings}. */
    public ClientAddress(Settings settings) {
        this(settings.trustedProxies(), settings.ipv6Prefix());
    }

    /** True if {@code peer} is a trusted proxy (its X-Forwarded-* headers are believed). */
    public boolean trusts(SocketAddress peer) {
        return peer != null && isTrusted(peer.hostAddress());
    }

    /** The key of a connection from {@code peer} with request {@code headers} (may be null). */
    public String of(SocketAddress peer, MultiMap headers) {
        return of(peer, headers == null ? List.of() : headers.getAll(HEADER));
    }

    /** The key of a connection from {@code peer} whose X-Forwarded-For lines are {@code forwardedFor}, in order. */
    public String of(SocketAddress peer, List<String> forwardedFor) {
        if (peer == null) {
            return "?";
        }
        if (forwardedFor == null || forwardedFor.isEmpty() || !trusts(peer)) {
            return ofPeer(peer);
        }
        String hop = rightMostUntrusted(forwardedFor);
        return hop == null ? ofPeer(peer) : hop == UNREADABLE ? hop : key(hop);
    }

    /** The key of {@code peer} itself, headers unseen (a TCP connection before its first request). */
    public String ofPeer(SocketAddress peer) {
        return peer == null ? "?" : key(peer.hostAddress());
    }

    /**
     * The right-most hop that is not a trusted proxy, the left-most trusted one if all are, null if
     * there is none, or {@link #UNREADABLE} if the budget ran out first. Reads lines from the last,
     * each from its end.
     */
    private String rightMostUntrusted(List<String> lines) {
        int budget = BUDGET_CHARS;
        String leftmost = null;
        for (int l = lines.size() - 1; l >= 0; l--) {
            String line = lines.get(l);
            int end = line.length();
            while (end >= 0) { // each pass takes one hop and its comma from the budget
                int start = end;
                while (start > 0 && line.charAt(start - 1) != ',' && end - start <= budget) {
                    start--;
                }
                int comma = start - 1;
                if (end - start > budget) {
                    return UNREADABLE; // not the proxy: that would charge every client for this one
                }
                budget -= end - start + 1;
                String hop = line.substring(start, end).strip();
                if (!hop.isEmpty()) {
                    if (!isTrusted(hop)) {
                        return hop;
                    }
                    leftmost = hop;
                }
                end = comma;
            }
        }
        return leftmost;
    }

    private boolean isTrusted(String address) {
        if (trusted.contains(address)) {
            return true;
        }
        InetAddress ip = literal(address);
        return ip != null && trusted.contains(ip.getHostAddress());
    }

    /** The counting key of one address: IPv4 as is, IPv6 as its prefix, anything else as (part of) its text. */
    String key(String address) {
        InetAddress ip = literal(address);
        if (ip == null) {
            return address.length() <= MAX_RAW_KEY_CHARS ? address : address.substring(0, MAX_RAW_KEY_CHARS);
        }
        if (ip instanceof Inet4Address || ipv6Prefix == 128) {
            return ip.getHostAddress();
        }
        byte[] bytes = ip.getAddress();
        for (int bit = ipv6Prefix; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return Inet6Address.getByAddress(null, bytes, null).getHostAddress() + "/" + ipv6Prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an IPv6 address
        }
    }

    /**
     * {@code text} as an IP address if it is a literal one (IPv4, IPv6, bracketed IPv6, either with a
     * port), else null. Never a DNS lookup: only digits, hex digits, dots and colons are parsed.
     */
    static InetAddress literal(String text) {
        String s = text;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            s = s.substring(1, close);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') >= 0) {
            s = s.substring(0, s.indexOf(':')); // a.b.c.d:port
        }
        if (s.isEmpty() || s.length() > 45 || s.charAt(0) != ':' && Character.digit(s.charAt(0), 16) < 0) {
            return null; // getByName looks up anything that starts otherwise
        }
        boolean colon = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c != '.' && Character.digit(c, 16) < 0) {
                return null;
            }
        }
        if (!colon && !isDottedQuad(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
