package io.drc.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The archive {@code mvn package} trains (target/drc.jsa) is one the packaged jar can use: with {@code -Xshare:on}
 * the JVM refuses to start on an archive it cannot map, and the class-loading log names the archive as the source
 * of drc's own classes.
 */
class ClassDataArchiveIT {

    @Test
    void theBuildsArchiveIsMappedByThePackagedJar() throws Exception {
        Path jar = Path.of("target", "drc.jar").toAbsolutePath();
        Path archive = Path.of("target", "drc.jsa").toAbsolutePath();
        assertThat(archive).as("mvn package trains it (cds-archive execution in controller/pom.xml)").isRegularFile();
        Path log = Files.createTempFile(Path.of("target"), "cds-", ".log");

        Process check = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-jar", jar.toString(), "check",
                Path.of("..", "config", "demo.yml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        assertThat(check.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
                lines.size()))).isZero();
        assertThat(lines)
                .anyMatch(line -> line.contains("io.drc.controller.DrcApplication source: shared objects file"));
        assertThat(lines).anyMatch(line -> line.startsWith("config OK: "));
    }
}
