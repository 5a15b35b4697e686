package dev.tickcast.server;

import io.vertx.core.json.JsonObject;

/**
 * The JSON form of {@link TickcastOptions}, from the settings table: one field per setting, named
 * by its key ({@link Setting#key()}; older keys are read too). An unknown key is refused.
 */
final class OptionsJson {
    private OptionsJson() {
    }

    /** Sets in {@code into} every field of {@code json}; IllegalArgumentException naming an unknown key or a bad value. */
    static void read(TickcastOptions into, JsonObject json) {
        for (String key : json.fieldNames()) {
            Setting<?> s = Settings.find(key);
            if (s == null) {
                throw new IllegalArgumentException(Settings.unknown(key));
            }
            read(into, s, json.getValue(key));
        }
    }

    private static <T> void read(TickcastOptions into, Setting<T> s, Object raw) {
        into.with(s, raw == null ? null : s.kind().fromJson(s, raw));
    }

    /** Every setting of {@code options} that has a value (set, or a default that is not null). */
    static JsonObject write(TickcastOptions options) {
        JsonObject json = new JsonObject();
        for (Setting<?> s : Settings.ALL) {
            write(json, options, s);
        }
        return json;
    }

    private static <T> void write(JsonObject json, TickcastOptions options, Setting<T> s) {
        T value = s.get(options);
        if (value != null) {
            json.put(s.key(), s.kind().toJson(value));
        }
    }
}
