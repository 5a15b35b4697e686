package dev.tickcast.server.internal.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may use the server: the WebSocket handshake and {@code POST /matchmake}
 * apply the same rule, so that a page on another site can neither play nor reserve seats through
 * its visitors' browsers. An {@code Origin} is allowed when it is
 * <ul>
 *   <li>in the configured allowlist ({@code --allow-origin}), or</li>
 *   <li>the request's own origin ({@code scheme://Host}), or</li>
 *   <li>the origin of the configured public URL ({@code --public-url}: behind a proxy, the Host the
 *       server sees is not the one the browser used), or</li>
 *   <li>with no allowlist configured, a localhost origin.</li>
 * </ul>
 * Origins compare by scheme, host and port, case-insensitively, a default port (80 for http, 443
 * for https) being the same as none. A request without {@code Origin} (not a browser) is not
 * checked here. Immutable, thread-safe.
 */
public final class OriginPolicy {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;
    private final boolean allowlist;
    private final String publicOrigin;

    /** The rule for the allowlist {@code allowedOrigins} (may be empty) and the public URL {@code publicUrl} (or null). */
    public OriginPolicy(List<String> allowedOrigins, String publicUrl) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).filter(o -> o != null)
                .collect(Collectors.toUnmodifiableSet());
        this.allowlist = !allowedOrigins.isEmpty();
        this.publicOrigin = publicUrl == null ? null : normalize(publicUrl);
    }

    /**
     * True if a request carrying {@code origin} may proceed; {@code host} is its Host header (may be
     * null) and {@code scheme} how it came ({@code http}, {@code https}, {@code ws} or {@code wss}; null: http).
     */
    public boolean allows(String origin, String host, String scheme) {
        if (origin == null) {
            return true;
        }
        String o = normalize(origin);
        if (o == null) {
            return false;
        }
        if (allowed.contains(o) || o.equals(publicOrigin)) {
            return true;
        }
        if (host != null && o.equals(normalize(httpScheme(scheme) + "://" + host))) {
            return true;
        }
        return !allowlist && LOCAL_HOSTS.contains(URI.create(o).getHost());
    }

    private static String httpScheme(String scheme) {
        if (scheme == null) {
            return "http";
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("wss") || s.equals("https") ? "https" : "http";
    }

    /** {@code scheme://host[:port]} of a URL or origin, lower case, without a default port; null if it has none. */
    static String normalize(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80
                || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
