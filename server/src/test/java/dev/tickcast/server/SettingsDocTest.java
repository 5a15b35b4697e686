package dev.tickcast.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/OPERATIONS.md lists every setting of the table, as generated from it (run with
 * {@code -Dtickcast.docs.write=true} to rewrite the list after changing the table), and names no
 * flag the server does not have.
 */
class SettingsDocTest {
    static final String BEGIN = "<!-- settings table: generated from Settings.ALL by SettingsDocTest -->";
    static final String END = "<!-- end of the settings table -->";
    private static final Path DOC = Path.of(System.getProperty("tickcast.docs.dir", "../docs"), "OPERATIONS.md");

    /** The table as docs/OPERATIONS.md shows it. */
    static String table() {
        StringBuilder md = new StringBuilder("| flag | JSON key | default | unit | what |\n| --- | --- | --- | --- | --- |\n");
        for (Setting<?> s : Settings.ALL) {
            String flags = String.join(", ", Pattern.compile(", ").splitAsStream(s.flag())
                    .map(f -> s.kind() == SettingKind.BOOL ? "`" + f + "` / `--no-" + f.substring(2) + "`"
                            : "`" + (s.label().isEmpty() ? f : f + " " + s.label()) + "`").toList());
            if (s.env() != null) {
                flags += ", or the environment variable `" + s.env() + "`";
            }
            String keys = "`" + s.key() + "`" + (s.aliases().isEmpty() ? ""
                    : " (also `" + String.join("`, `", s.aliases()) + "`)");
            md.append("| ").append(flags).append(" | ").append(keys).append(" | ").append(escape(s.defaultText()))
                    .append(" | ").append(s.unit()).append(" | ").append(escape(s.doc())).append(" |\n");
        }
        return md.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    @Test
    void shouldListEverySettingAsTheTableDeclaresIt() throws Exception {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, DOC + " has the markers " + BEGIN + " and " + END);
        String expected = BEGIN + "\n" + table() + END;
        if (Boolean.getBoolean("tickcast.docs.write")) {
            Files.writeString(DOC, doc.substring(0, begin) + expected + doc.substring(end + END.length()));
            return;
        }
        assertEquals(expected, doc.substring(begin, end + END.length()),
                DOC + " is not the table: run SettingsDocTest with -Dtickcast.docs.write=true");
    }

    @Test
    void shouldReadTheJsonExamplesOfTheDoc() throws Exception {
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        int examples = 0;
        while (m.find()) {
            new TickcastOptions(new io.vertx.core.json.JsonObject(m.group(1))).validate();
            examples++;
        }
        assertTrue(examples > 0, "OPERATIONS.md shows a config file");
    }

    @Test
    void shouldNameOnlyFlagsTheServerHas() throws Exception {
        String help = SettingsCli.commandLine().getUsageMessage();
        Set<String> unknown = new TreeSet<>();
        for (Path doc : new Path[] {DOC, DOC.resolveSibling("SECURITY.md")}) {
            Matcher m = Pattern.compile("`(--[a-z][a-z0-9-]*)").matcher(Files.readString(doc));
            while (m.find()) {
                String flag = m.group(1);
                boolean listed = false;
                for (String form : new String[] {flag, "--[no-]" + flag.substring(2), "--[no-]" + flag.replace("--no-", "")}) {
                    listed |= help.contains(form + " ") || help.contains(form + "=") || help.contains(form + "\n");
                }
                if (!listed) {
                    unknown.add(doc.getFileName() + ": " + flag);
                }
            }
        }
        assertEquals(Set.of(), unknown, "flags the docs name that --help does not list");
    }
}
