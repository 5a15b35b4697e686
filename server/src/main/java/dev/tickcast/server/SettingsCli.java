package dev.tickcast.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The command line of {@code tickcast-server}, built from the settings table: one option per
 * setting (three for the per-game overrides), plus {@code --config FILE.json}. A setting takes its
 * value from, in rising precedence: its default, the config file, its environment variable, its flag.
 */
final class SettingsCli {
    static final String CONFIG = "--config";

    private SettingsCli() {
    }

    /** The command line: every option of the table, {@code --config}, {@code --help} and {@code --version}. */
    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("tickcast-server").version("Tickcast 0.1.0")
                .mixinStandardHelpOptions(true);
        spec.usageMessage().description("Authoritative game-state sync server. Hosts every game found on the class "
                + "path (java -cp tickcast-server.jar:my-game.jar dev.tickcast.server.ServerMain) or in --plugins, "
                + "serves the demo at http://HOST:PORT/, GET /games, GET /rooms, GET /health, matchmaking at "
                + "POST /matchmake/{game} and the game WebSocket at /ws (subprotocol tickcast.v1). Every setting "
                + "can also be given in a JSON file (--config; its keys are listed in docs/OPERATIONS.md).");
        spec.addOption(OptionSpec.builder(CONFIG).paramLabel("FILE").type(String.class)
                .description("A JSON file of settings, e.g. {\"maxRooms\": 100, \"tlsCertPath\": \"cert.pem\", "
                        + "\"tlsKeyPath\": \"key.pem\"}; flags given beside it win. An unknown key is refused.").build());
        for (Setting<?> s : Settings.ALL) {
            add(spec, s);
        }
        return new CommandLine(spec);
    }

    private static <T> void add(CommandSpec spec, Setting<T> s) {
        s.kind().addOptions(spec, s);
    }

    /**
     * The options {@code parsed} gives, over the config file it names and the environment
     * {@code env} (a cluster node's public URL defaults to {@code http://CLUSTER-HOST:PORT});
     * IllegalArgumentException with the operator's message for an unreadable file, an
     * unknown key or a bad value. Settings that go together are not checked here: see
     * {@link TickcastOptions#validate()}.
     */
    static TickcastOptions options(ParseResult parsed, Function<String, String> env) {
        String config = parsed.matchedOptionValue(CONFIG, null);
        TickcastOptions options = config == null ? new TickcastOptions() : read(Path.of(config));
        for (Setting<?> s : Settings.ALL) {
            apply(options, parsed, env, s);
        }
        if (options.cluster() && options.publicUrl() == null && options.port() != 0) {
            // the command line binds the cluster to --cluster-host: clients reach this node there by default
            options.withPublicUrl("http://" + options.clusterHost() + ":" + options.port());
        }
        return options;
    }

    private static <T> void apply(TickcastOptions options, ParseResult parsed, Function<String, String> env,
                                  Setting<T> s) {
        T fromFlags = s.kind().fromCli(parsed, s, s.get(options));
        if (fromFlags != null) {
            options.with(s, fromFlags);
        } else if (s.env() != null && env.apply(s.env()) != null) {
            options.with(s, s.kind().parse(s, env.apply(s.env())));
        }
    }

    private static TickcastOptions read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(CONFIG + " " + file + ": cannot read it: " + e, e);
        }
        try {
            return new TickcastOptions(new JsonObject(text));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(CONFIG + " " + file + ": not a JSON object: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONFIG + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The flags that give every setting of {@code options} that differs from its default its value. */
    static List<String> args(TickcastOptions options) {
        List<String> args = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            args.addAll(args(options, s));
        }
        return args;
    }

    private static <T> List<String> args(TickcastOptions options, Setting<T> s) {
        T value = s.get(options);
        return value == null || Objects.equals(value, s.defaultValue()) ? List.of() : s.kind().toArgs(s, value);
    }
}
