package dev.tickcast.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedder's settings reach the server and are checked as the command line checks them: a limit
 * in the deployment's JSON config is enforced, an unknown key fails the deployment, and a cluster
 * without its secret is refused with the command line's message, word for word.
 */
@ExtendWith(VertxExtension.class)
class EmbedderSettingsTest {
    private static final String NO_SECRET = "--cluster (cluster) needs --cluster-secret (sharedSecret, or "
            + "TICKCAST_CLUSTER_SECRET) of 16 characters or more, the same on every node";

    /** The reproduction: maxRooms 1 in an embedder's JSON created three rooms. */
    @Test
    void shouldEnforceALimitGivenInTheDeploymentsJson(Vertx vertx) throws Exception {
        TickcastVerticle verticle = new TickcastVerticle();
        deploy(vertx, verticle, new JsonObject().put("host", "127.0.0.1").put("port", 0).put("eventLoops", 1)
                .put("games", new JsonArray().add("arena")).put("maxRooms", 1));
        int port = verticle.server().port();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(HttpGet.request(vertx, HttpMethod.POST, port, "/matchmake/create/arena", null, null).status());
        }
        assertEquals(List.of(200, 503, 503), statuses, "one room, then the cap");
    }

    @Test
    void shouldFailTheDeploymentOnAnUnknownKey(Vertx vertx) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> deploy(vertx, new TickcastVerticle(),
                new JsonObject().put("port", 0).put("maxRoom", 1)));
        assertTrue(e.getCause().getMessage().contains("unknown setting 'maxRoom' (did you mean 'maxRooms'?)"),
                e.getCause().getMessage());
    }

    @Test
    void shouldRefuseAClusterWithoutItsSecretWithTheCommandLinesMessage(Vertx vertx) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> deploy(vertx,
                new TickcastVerticle(new TickcastOptions().withAddress("127.0.0.1", 0).withCluster(true)), null));
        assertEquals(NO_SECRET, e.getCause().getMessage(), "the embedder's refusal");
        String[] cli = cli(List.of("--port", "0", "--cluster"));
        assertEquals("2", cli[0], cli[1]);
        assertEquals("tickcast-server: " + NO_SECRET + " (see --help)", cli[1].strip(), "the command line's");
    }

    @Test
    void shouldRefuseAClusterOnAVertxThatIsNot(Vertx vertx) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> deploy(vertx, new TickcastVerticle(
                new TickcastOptions().withAddress("127.0.0.1", 0).withCluster(true)
                        .withSharedSecret("the-cluster-secret-0123456789").withPublicUrl("http://127.0.0.1:1")), null));
        assertTrue(e.getCause().getMessage().startsWith("--cluster (cluster) needs a clustered Vert.x"),
                e.getCause().getMessage());
    }

    private static void deploy(Vertx vertx, TickcastVerticle verticle, JsonObject config) throws Exception {
        DeploymentOptions options = new DeploymentOptions();
        if (config != null) {
            options.setConfig(config);
        }
        vertx.deployVerticle(verticle, options).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** {exit code, output} of the command line in a JVM of its own (see AdminSecurityTest). */
    private static String[] cli(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
        command.addAll(args);
        File log = File.createTempFile("tickcast-cli", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
            pb.environment().remove("TICKCAST_CLUSTER_SECRET");
            Process p = pb.start();
            boolean exited = p.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new String[] {exited ? Integer.toString(p.exitValue()) : "still running", Files.readString(log.toPath())};
        } finally {
            log.delete();
        }
    }
}
