package dev.tickcast.server;

/**
 * The checks of settings that go together, the same for the command line and for embedders (each
 * setting's own check already ran when it was set). Every message names the settings both ways,
 * flag and JSON key.
 */
final class OptionsValidation {
    private OptionsValidation() {
    }

    static void validate(TickcastOptions o) {
        for (Setting<?> s : Settings.ALL) {
            check(o, s);
        }
        if (o.cluster() && o.sharedSecret() == null) {
            refuse(NetworkSettings.CLUSTER.describe() + " needs " + NetworkSettings.SHARED_SECRET.describe()
                    + " of 16 characters or more, the same on every node");
        }
        if (o.cluster() && o.publicUrl() == null) {
            refuse(NetworkSettings.CLUSTER.describe() + " needs " + Settings.PUBLIC_URL.describe() + ", the URL "
                    + "clients reach this node at (the command line's default, http://CLUSTER-HOST:PORT, needs "
                    + Settings.PORT.describe() + " other than 0)");
        }
        if ((o.tlsCertPath() == null) != (o.tlsKeyPath() == null)) {
            refuse(NetworkSettings.TLS_CERT_PATH.describe() + " and " + NetworkSettings.TLS_KEY_PATH.describe()
                    + " go together");
        }
        if (o.tlsCertPath() != null && o.tlsKeyStore() != null) {
            refuse(NetworkSettings.TLS_CERT_PATH.describe() + " and " + NetworkSettings.TLS_KEY_STORE.describe()
                    + " exclude each other: give one of them");
        }
        if (o.tlsKeyStorePassword() != null && o.tlsKeyStore() == null) {
            refuse(NetworkSettings.TLS_KEY_STORE_PASSWORD.describe() + " without "
                    + NetworkSettings.TLS_KEY_STORE.describe());
        }
        String identity = AuthSettings.problem(o);
        if (identity != null) {
            refuse(identity);
        }
    }

    private static <T> void check(TickcastOptions o, Setting<T> s) {
        String problem = s.problem(s.get(o));
        if (problem != null) {
            refuse(problem);
        }
    }

    private static void refuse(String message) {
        throw new IllegalArgumentException(message);
    }
}
