package dev.tickcast.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A process of the integration tests (a server from the real jar, nginx), its output kept for failure messages. */
final class NodeProcess {
    static final long START_SECONDS = 60;
    /** What Hazelcast wants opened on JDK 17 (otherwise it warns about the modular environment). */
    static final List<String> HAZELCAST_JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    final String name;
    final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private NodeProcess(String name, Process process, Predicate<String> readyLine) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> read(readyLine), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command}; {@code readyLine} tells the line that means it is ready (null: ready at once). */
    static NodeProcess start(String name, List<String> command, Predicate<String> readyLine) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        NodeProcess node = new NodeProcess(name, p, readyLine);
        if (readyLine == null) {
            node.ready.complete(null);
        }
        return node;
    }

    /** The server jar's command with {@code jvmFlags} and {@code args}. */
    static List<String> server(List<String> jvmFlags, List<String> args) {
        String jar = System.getProperty("tickcast.server.jar", "target/tickcast-server.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + ": run after package (mvn verify)");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar);
        command.addAll(args);
        return command;
    }

    void awaitReady() throws Exception {
        ready.get(START_SECONDS, TimeUnit.SECONDS);
    }

    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
        }
    }

    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    String log() {
        synchronized (output) {
            return name + ":\n" + String.join("\n", output);
        }
    }

    boolean logged(String text) {
        synchronized (output) {
            return output.stream().anyMatch(l -> l.contains(text));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void read(Predicate<String> readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                if (readyLine != null && readyLine.test(line)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            output.add("(output: " + e + ")");
        }
        ready.completeExceptionally(new IllegalStateException(name + " exited before it was ready:\n" + log()));
    }
}
