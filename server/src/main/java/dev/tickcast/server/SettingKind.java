package dev.tickcast.server;

import io.vertx.core.json.JsonArray;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The type of a {@link Setting}: how its value reads from a flag or an environment variable, from
 * JSON, and back, and which command-line options carry it. Every refusal is an
 * IllegalArgumentException that names the setting ({@link Setting#describe()}).
 */
abstract class SettingKind<T> {
    static final SettingKind<Integer> INT = new Whole<>("N", Integer.MIN_VALUE, Integer.MAX_VALUE) {
        @Override
        Integer of(long value) {
            return (int) value;
        }
    };
    static final SettingKind<Long> LONG = new Whole<>("N", Long.MIN_VALUE, Long.MAX_VALUE) {
        @Override
        Long of(long value) {
            return value;
        }
    };
    static final SettingKind<Double> DOUBLE = new Decimal();
    static final SettingKind<Boolean> BOOL = new Switch();
    static final SettingKind<String> STRING = new Text();
    static final SettingKind<List<String>> STRINGS = new Texts();

    /** The value's name in the help when the setting declares none. */
    abstract String label();

    /** One value as a flag or an environment variable gives it. */
    abstract T parse(Setting<T> s, String text);

    /** The value of a JSON field (never null). */
    abstract T fromJson(Setting<T> s, Object raw);

    /** A valid value that differs from {@code defaultValue}, for tests. */
    abstract T example(T defaultValue);

    /** The JSON form of {@code value}. */
    Object toJson(T value) {
        return value;
    }

    /** {@code value} as the help and a flag show it. */
    String format(T value) {
        return String.valueOf(value);
    }

    /** Adds the command-line options of {@code s} to {@code spec}. */
    void addOptions(CommandSpec spec, Setting<T> s) {
        spec.addOption(OptionSpec.builder(s.flag()).paramLabel(s.label()).type(String.class)
                .description(help(s.doc(), s.defaultText())).build());
    }

    /** The value the command line gives {@code s} ({@code current}: its value before the flags), or null if none. */
    T fromCli(ParseResult parsed, Setting<T> s, T current) {
        String text = parsed.matchedOptionValue(s.flag(), null);
        return text == null ? null : parse(s, text);
    }

    /** The flags that give {@code s} the value {@code value}. */
    List<String> toArgs(Setting<T> s, T value) {
        return List.of(s.flag(), format(value));
    }

    static String help(String doc, String defaultText) {
        return doc + " Default: " + defaultText + ".";
    }

    static IllegalArgumentException refused(Setting<?> s, String what, Object raw) {
        String shown = raw instanceof String ? "\"" + raw + "\"" : String.valueOf(raw);
        return new IllegalArgumentException(s.describe() + " must be " + what + ", not " + shown);
    }

    /** Integers and longs: digits only, in range; JSON numbers without a fraction. */
    private abstract static class Whole<T extends Number> extends SettingKind<T> {
        private final String label;
        private final long min;
        private final long max;

        Whole(String label, long min, long max) {
            this.label = label;
            this.min = min;
            this.max = max;
        }

        abstract T of(long value);

        @Override
        String label() {
            return label;
        }

        @Override
        T parse(Setting<T> s, String text) {
            try {
                return checked(s, Long.parseLong(text.strip()), text);
            } catch (NumberFormatException e) {
                throw refused(s, "a whole number", text);
            }
        }

        @Override
        T fromJson(Setting<T> s, Object raw) {
            if (!(raw instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || Double.isInfinite(n.doubleValue())) {
                throw refused(s, "a whole number", raw);
            }
            return checked(s, n.longValue(), raw);
        }

        private T checked(Setting<T> s, long value, Object raw) {
            if (value < min || value > max) {
                throw refused(s, "a whole number from " + min + " to " + max, raw);
            }
            return of(value);
        }

        @Override
        T example(T defaultValue) {
            return of(defaultValue == null ? 7 : defaultValue.longValue() + 1);
        }
    }

    private static final class Decimal extends SettingKind<Double> {
        @Override
        String label() {
            return "X";
        }

        @Override
        Double parse(Setting<Double> s, String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw refused(s, "a number", text);
            }
        }

        @Override
        Double fromJson(Setting<Double> s, Object raw) {
            if (!(raw instanceof Number n)) {
                throw refused(s, "a number", raw);
            }
            return n.doubleValue();
        }

        @Override
        String format(Double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue())
                    : value.toString();
        }

        @Override
        Double example(Double defaultValue) {
            return defaultValue == null ? 2.5 : defaultValue + 0.5;
        }
    }

    /** On or off: {@code --flag} and {@code --no-flag} on the command line, true or false in JSON. */
    private static final class Switch extends SettingKind<Boolean> {
        @Override
        String label() {
            return "";
        }

        @Override
        Boolean parse(Setting<Boolean> s, String text) {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on", "1" -> true;
                case "false", "off", "0" -> false;
                default -> throw refused(s, "true or false", text);
            };
        }

        @Override
        Boolean fromJson(Setting<Boolean> s, Object raw) {
            if (!(raw instanceof Boolean b)) {
                throw refused(s, "true or false", raw);
            }
            return b;
        }

        @Override
        String format(Boolean value) {
            return value ? "on" : "off";
        }

        @Override
        void addOptions(CommandSpec spec, Setting<Boolean> s) {
            // no default given to picocli: a negatable option with a default of true would flip its meaning
            spec.addOption(OptionSpec.builder(s.flag()).negatable(true).arity("0").type(boolean.class)
                    .description(help(s.doc(), s.defaultText())).build());
        }

        @Override
        Boolean fromCli(ParseResult parsed, Setting<Boolean> s, Boolean current) {
            return parsed.matchedOptionValue(s.flag(), null);
        }

        @Override
        List<String> toArgs(Setting<Boolean> s, Boolean value) {
            return List.of(value ? s.flag() : "--no-" + s.flag().substring(2));
        }

        @Override
        Boolean example(Boolean defaultValue) {
            return defaultValue == null || !defaultValue;
        }
    }

    private static final class Text extends SettingKind<String> {
        @Override
        String label() {
            return "TEXT";
        }

        @Override
        String parse(Setting<String> s, String text) {
            return text;
        }

        @Override
        String fromJson(Setting<String> s, Object raw) {
            if (!(raw instanceof String text)) {
                throw refused(s, "a string", raw);
            }
            return text;
        }

        @Override
        String example(String defaultValue) {
            return "example-" + defaultValue;
        }
    }

    /** A list: a repeatable flag (or one split at a separator), a JSON array of strings. */
    private static final class Texts extends SettingKind<List<String>> {
        @Override
        String label() {
            return "TEXT";
        }

        @Override
        List<String> parse(Setting<List<String>> s, String text) {
            return s.split() == null ? List.of(text) : List.of(text.split(java.util.regex.Pattern.quote(s.split())));
        }

        @Override
        List<String> fromJson(Setting<List<String>> s, Object raw) {
            List<String> out = new ArrayList<>();
            if (raw instanceof JsonArray array) {
                for (Object item : array) {
                    if (!(item instanceof String text)) {
                        throw refused(s, "an array of strings", raw);
                    }
                    out.add(text);
                }
                return out;
            }
            throw refused(s, "an array of strings", raw);
        }

        @Override
        Object toJson(List<String> value) {
            return new JsonArray(new ArrayList<>(value));
        }

        @Override
        String format(List<String> value) {
            return value.isEmpty() ? "none" : String.join(", ", value);
        }

        @Override
        void addOptions(CommandSpec spec, Setting<List<String>> s) {
            OptionSpec.Builder option = OptionSpec.builder(s.flag()).paramLabel(s.label()).type(List.class)
                    .auxiliaryTypes(String.class).description(help(s.doc(), s.defaultText()));
            if (s.split() != null) {
                option.splitRegex(java.util.regex.Pattern.quote(s.split())).splitRegexSynopsisLabel(s.split());
            }
            spec.addOption(option.build());
        }

        @Override
        List<String> fromCli(ParseResult parsed, Setting<List<String>> s, List<String> current) {
            List<String> values = parsed.matchedOptionValue(s.flag(), null);
            return values == null ? null : List.copyOf(values);
        }

        @Override
        List<String> toArgs(Setting<List<String>> s, List<String> value) {
            List<String> args = new ArrayList<>();
            for (String v : value) {
                args.add(s.flag());
                args.add(v);
            }
            return args;
        }

        @Override
        List<String> example(List<String> defaultValue) {
            return List.of("first", "second");
        }
    }
}
