package dev.tickcast.server;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One server setting, declared once in {@link Settings}: its name (which is also its JSON key), its
 * command-line flag, its default, unit, documentation and check. The command line, the JSON form
 * of {@link TickcastOptions} and its validation are all derived from these descriptors, so that a
 * setting cannot exist in one form and be lost in another.
 *
 * <p>Every refusal names the setting both ways, for example {@code --max-rooms (maxRooms) must be
 * 0 or more, not -1}, so that the operator of the command line and the embedder reading JSON get the
 * same message.
 *
 * @param <T> the value's type: Integer, Long, Double, Boolean, String, {@code List<String>}, or a map
 *            of {@link GameSettings} by game
 */
public final class Setting<T> {
    private final String key;
    private final List<String> aliases;
    private final String flag;
    private final String label;
    private final SettingKind<T> kind;
    private final T defaultValue;
    private final String defaultText;
    private final String unit;
    private final String doc;
    private final String env;
    private final String split;
    private final T example;
    private final Function<T, String> check;
    private final Function<T, T> normalize;

    private Setting(Builder<T> b) {
        key = b.key;
        aliases = List.copyOf(b.aliases);
        flag = Objects.requireNonNull(b.flag, key + ": flag");
        label = b.label;
        kind = b.kind;
        defaultValue = b.defaultValue;
        defaultText = b.defaultText != null ? b.defaultText : defaultValue == null ? "none" : kind.format(defaultValue);
        unit = b.unit;
        doc = Objects.requireNonNull(b.doc, key + ": doc");
        env = b.env;
        split = b.split;
        example = b.example;
        check = b.check;
        normalize = b.normalize;
    }

    static <T> Builder<T> of(String key, SettingKind<T> kind, T defaultValue) {
        return new Builder<>(key, kind, defaultValue);
    }

    /** The name: the getter of {@link TickcastOptions} and the JSON key, in camelCase ({@code maxRooms}). */
    public String key() {
        return key;
    }

    /** Other JSON keys accepted for this setting (older names), besides {@link #key()}. */
    public List<String> aliases() {
        return aliases;
    }

    /** The command-line flag ({@code --max-rooms}); a per-game setting has three, see {@link Settings#GAME_SETTINGS}. */
    public String flag() {
        return flag;
    }

    /** The value's name in the command line's help ({@code N}, {@code MS}, {@code URL}). */
    public String label() {
        return label;
    }

    /** The default value (null: none, or one derived from other settings, see {@link #defaultText()}). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the help and the documentation show it. */
    public String defaultText() {
        return defaultText;
    }

    /** The unit of the value (ms, bytes, per second...), or the empty string. */
    public String unit() {
        return unit;
    }

    /** What the setting does, for the command line's help and docs/OPERATIONS.md. */
    public String doc() {
        return doc;
    }

    /** The environment variable the command line reads when the flag is not given, or null. */
    public String env() {
        return env;
    }

    /** The value of this setting in {@code options} as stored (null: the default applies, or none). */
    public T get(TickcastOptions options) {
        return options.get(this);
    }

    /** {@code flag (key)}: how every message names this setting. */
    public String describe() {
        return flag + " (" + key + (env == null ? "" : ", or " + env) + ")";
    }

    @Override
    public String toString() {
        return key;
    }

    /** The refusal of {@code value} (a message naming the setting), or null when it is acceptable. */
    String problem(T value) {
        String p = value == null || check == null ? null : check.apply(value);
        return p == null ? null : describe() + " " + p;
    }

    /** {@code value} checked and in its canonical form; IllegalArgumentException with the refusal. */
    T accept(T value) {
        T v = value == null || normalize == null ? value : normalize.apply(value);
        String p = problem(v);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        return v;
    }

    SettingKind<T> kind() {
        return kind;
    }

    /** The separator of several values in one flag ({@code ,}), or null. */
    String split() {
        return split;
    }

    /** A valid value other than the default (tests and docs). */
    T example() {
        return example != null ? example : kind.example(defaultValue);
    }

    /** Declares a setting in {@link Settings}. */
    static final class Builder<T> {
        private final String key;
        private final SettingKind<T> kind;
        private final T defaultValue;
        private List<String> aliases = List.of();
        private String flag;
        private String label;
        private String defaultText;
        private String unit = "";
        private String doc;
        private String env;
        private String split;
        private T example;
        private Function<T, String> check;
        private Function<T, T> normalize;

        private Builder(String key, SettingKind<T> kind, T defaultValue) {
            this.key = key;
            this.kind = kind;
            this.defaultValue = defaultValue;
            this.label = kind.label();
        }

        Builder<T> flag(String name) {
            flag = name;
            return this;
        }

        Builder<T> label(String text) {
            label = text;
            return this;
        }

        Builder<T> aliases(String... keys) {
            aliases = List.of(keys);
            return this;
        }

        Builder<T> defaultText(String text) {
            defaultText = text;
            return this;
        }

        Builder<T> unit(String text) {
            unit = text;
            return this;
        }

        Builder<T> env(String variable) {
            env = variable;
            return this;
        }

        Builder<T> split(String separator) {
            split = separator;
            return this;
        }

        Builder<T> example(T value) {
            example = value;
            return this;
        }

        Builder<T> check(Function<T, String> problem) {
            check = problem;
            return this;
        }

        Builder<T> normalize(Function<T, T> canonical) {
            normalize = canonical;
            return this;
        }

        Setting<T> doc(String text) {
            doc = text;
            return new Setting<>(this);
        }
    }
}
