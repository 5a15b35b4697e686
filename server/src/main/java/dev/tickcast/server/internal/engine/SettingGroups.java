package dev.tickcast.server.internal.engine;

import dev.tickcast.server.AuthSettings;
import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.internal.auth.AuthConfig;
import dev.tickcast.server.internal.http.AdminApi;
import dev.tickcast.server.internal.http.ClientLimits;
import dev.tickcast.server.internal.http.HttpApi;
import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.record.Recordings;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.Set;

/**
 * Builds the small settings records of the http and net parts from the whole
 * {@link TickcastOptions}: each part is given only the group it uses (a record defined beside it).
 * Only the engine's wiring (this class, {@link ServerVerticle}, {@link TickcastServer}) reads the
 * whole options.
 */
final class SettingGroups {
    private SettingGroups() {
    }

    static ClientAddress.Settings clients(TickcastOptions o) {
        return new ClientAddress.Settings(o.trustedProxies(), o.ipv6Prefix());
    }

    static HttpApi.Settings http(TickcastOptions o) {
        return new HttpApi.Settings(o.publicUrl(), o.allowedOrigins(), o.roomsCacheMs(), o.roomsListLimit(), clients(o),
                new ClientLimits(o.messagesPerSecond(), o.messageBurst(), o.chatPerSecond(), o.chatBurst(),
                        o.gameMessagesPerSecond(), o.gameMessageBurst()));
    }

    /** The admin API's settings, or null when no admin token is configured (the admin page is off). */
    static AdminApi.Settings admin(TickcastOptions o) {
        return o.adminToken() == null ? null : new AdminApi.Settings(o.adminToken(), o.publicUrl(), clients(o));
    }

    static Monitoring.Settings monitoring(TickcastOptions o) {
        return new Monitoring.Settings(o.host(), o.metricsPort(), o.httpIdleTimeoutMs(), clients(o), admin(o));
    }

    /** Player identity: the keys, issuer and audiences tokens are checked against (off without a key). */
    static AuthConfig auth(TickcastOptions o) {
        return new AuthConfig(AuthSettings.ISSUER.get(o), AuthSettings.AUDIENCES.get(o), AuthSettings.HS256_SECRET.get(o),
                AuthSettings.PUBLIC_KEYS.get(o), AuthSettings.JWKS_URL.get(o), AuthSettings.JWKS_REFRESH_S.get(o),
                AuthSettings.JWKS_TIMEOUT_MS.get(o), AuthSettings.NAME_CLAIM.get(o), AuthSettings.CLAIMS.get(o),
                AuthSettings.CLOCK_SKEW_S.get(o));
    }

    static NodeRole.Settings node(TickcastOptions o) {
        return new NodeRole.Settings(o.publicUrl(), o.sharedSecret());
    }

    /** Which rooms record (--record and the games' specs), where, in fragments of how long. */
    static Recordings recordings(Vertx vertx, TickcastOptions o) {
        return Recordings.on(vertx, Set.copyOf(o.record()), Path.of(o.recordingsDir()), o.recordingFragmentSeconds());
    }
}
