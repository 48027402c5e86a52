package io.drc.controller.killnine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drc.controller.DrcConfiguration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The H2 file store drc uses by default keeps every committed transaction when the daemon is killed with
 * SIGKILL. H2's MVStore by default writes commits to its file in the background up to WRITE_DELAY (500 ms)
 * later, so a kill -9 loses the last half second of committed work — for drc, the record of an AWS change it
 * already made. {@code WRITE_DELAY=0} writes each commit before it returns (to the OS, which outlives the
 * process; an OS crash or power cut is what PostgreSQL with fsync is for).
 */
class H2DurabilityIT {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"config/demo.yml", "the built-in default", "src/test/resources/test-config.yml"})
    void everyCommitReturnedBeforeAKillNineIsThereAfterIt(String source) throws Exception {
        String url = h2Url(source);
        assertThat(url).as("H2 URL of %s", source).contains(";WRITE_DELAY=0");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "killnine")), "h2-");
        String fileUrl = url.replaceFirst("^jdbc:h2:[^;]+", "jdbc:h2:" + dir.resolve("drc").toAbsolutePath());

        long lastCommitted = commitUntilKilled(fileUrl, 2_000);

        try (Connection connection = DriverManager.getConnection(fileUrl, "sa", "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*), MAX(id) FROM committed")) {
            rows.next();
            assertThat(rows.getLong(2)).as("rows committed before the kill, still there after it")
                    .isGreaterThanOrEqualTo(lastCommitted);
            assertThat(rows.getLong(1)).isEqualTo(rows.getLong(2));
        }
    }

    /** Runs the writer until it reported {@code atLeast} commits, kills it with SIGKILL, returns its last one. */
    private static long commitUntilKilled(String url, long atLeast) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                H2CommitWriter.class.getName(), url)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long last = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            while (last < atLeast) {
                String line = out.readLine();
                assertThat(line).as("writer output (it exited with %s)", writer.isAlive() ? "-" : writer.exitValue())
                        .isNotNull();
                last = Long.parseLong(line.trim());
                assertThat(Instant.now()).as("%s commits within 60 s", atLeast).isBefore(deadline);
            }
            writer.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves stdout readable
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // lines printed between our last read and the kill were committed too
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.isBlank()) {
                    last = Long.parseLong(line.trim());
                }
            }
        }
        assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(DaemonProcess.SIGKILL_EXIT);
        return last;
    }

    private static String h2Url(String source) throws Exception {
        if (source.equals("the built-in default")) {
            return new DrcConfiguration().getDatabase().getUrl();
        }
        Path file = source.startsWith("config/") ? Path.of("..", source) : Path.of(source);
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("database").path("url").asText();
    }
}
