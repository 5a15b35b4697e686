package dev.tickcast.archetype;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A game author's first minutes, with the archetype this build made: {@code archetype:generate} in an
 * empty temporary folder, then {@code mvn verify} of the generated project (compile, its LocalRoom
 * test, the plug-in jar, and its integration test, which starts the stock server jar with
 * {@code --plugins} and plays it with a headless client).
 *
 * <p>Both runs are separate Maven processes, offline ({@code -o}, with only the {@code file:}
 * protocol allowed): their local repository is this module's {@code it.repo}, where invoker:install
 * put the reactor's artifacts (never ~/.m2), and their settings mirror every repository to the
 * outer build's local repository as a {@code file://} URL, so third-party artifacts (plugins
 * included) come from what the outer build already resolved.
 */
class GeneratedProjectIT {
    private static final long GENERATE_S = 120;
    private static final long BUILD_S = 300;
    private static final String ARTIFACT = "koth";

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), name + " is set by failsafe (archetype/pom.xml)");
        return Path.of(value);
    }

    @Test
    void generatesAProjectThatBuildsTestsAndRunsInTheStockServer() throws Exception {
        Path work = Files.createTempDirectory("tickcast-archetype-");
        Path settings = writeSettings(work);
        String version = System.getProperty("tickcast.version");
        run(work, work.resolve("generate.log"), GENERATE_S, settings,
                "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("archetype.plugin.version")
                        + ":generate",
                "-DarchetypeGroupId=dev.tickcast", "-DarchetypeArtifactId=tickcast-game-archetype",
                "-DarchetypeVersion=" + version, "-DgroupId=com.example.koth", "-DartifactId=" + ARTIFACT,
                "-Dversion=1.0.0-SNAPSHOT", "-Dpackage=com.example.koth");
        Path project = work.resolve(ARTIFACT);
        Path sources = project.resolve("src/main/java/com/example/koth");
        for (String file : List.of("KothGame.java", "KothProvider.java", "server/KothExtension.java",
                "server/StatusVerticle.java")) {
            assertTrue(Files.isRegularFile(sources.resolve(file)), "generated " + file + " (gameName defaults to koth)");
        }
        assertTrue(Files.readString(project.resolve("pom.xml")).contains("<tickcast.version>" + version + "<"),
                "the generated pom builds against this Tickcast");

        run(project, work.resolve("verify.log"), BUILD_S, settings, "verify");
        assertTrue(Files.isRegularFile(project.resolve("target/plugins/koth-1.0.0-SNAPSHOT.jar")), "the plug-in jar");
        assertArrayEquals(Files.readAllBytes(property("it.stock.jar")),
                Files.readAllBytes(project.resolve("target/tickcast-server.jar")),
                "the integration test ran the stock jar this reactor built");
        assertTestsRan(project.resolve("target/surefire-reports"), "KothGameTest");
        assertTestsRan(project.resolve("target/failsafe-reports"), "KothServerIT");
        delete(work);
    }

    /** Settings of the nested builds: every repository is the outer local repository. */
    private static Path writeSettings(Path work) throws IOException {
        String mirror = property("it.mirror").toUri().toString();
        String settings = """
                <settings>
                  <!-- every repository (Central, plugins) is the outer build's local repository -->
                  <mirrors>
                    <mirror><id>outer-local</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(mirror);
        Path file = work.resolve("settings.xml");
        Files.writeString(file, settings, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs Maven in {@code dir}, output to {@code log}; fails with the log's tail unless it succeeds in time. */
    private static void run(Path dir, Path log, long timeoutS, Path settings, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(property("maven.home").resolve("bin/mvn").toString(),
                "-B", "-ntp", "-o", "-Daether.offline.protocols=file", "-s", settings.toString(),
                "-Dmaven.repo.local=" + property("it.repo")));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        Process maven = builder.start();
        boolean done = maven.waitFor(timeoutS, TimeUnit.SECONDS);
        if (!done) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(done && maven.exitValue() == 0, "mvn " + String.join(" ", args) + (done ? " failed" : " timed out")
                + " in " + dir + "; the end of " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The report of {@code testClass} exists and counts at least one test, none failed. */
    private static void assertTestsRan(Path reports, String testClass) throws IOException {
        Path report = reports.resolve("TEST-com.example.koth." + testClass + ".xml");
        assertTrue(Files.isRegularFile(report), report + " exists");
        String xml = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(!xml.contains("tests=\"0\"") && xml.contains("failures=\"0\"") && xml.contains("errors=\"0\""),
                testClass + " ran and passed: " + xml.lines().limit(2).toList());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
