package io.drc.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training that cannot run says why and keeps the archive in place (the working one is in ClassDataArchiveIT). */
class ClassDataTrainingTest {

    @Test
    void aDaemonThatCannotStartLeavesTheExistingArchiveAndShowsItsLog(@TempDir Path dir) throws Exception {
        Path archive = Files.writeString(dir.resolve("drc.jsa"), "the archive of the last good training");

        ClassDataTraining.Outcome outcome = new ClassDataTraining(dir.resolve("missing.jar"), archive).run();

        assertThat(outcome.written()).isFalse();
        assertThat(outcome.detail()).contains("the training daemon exited early")
                .contains("missing.jar"); // the JVM's own "Unable to access jarfile …", from the daemon's log
        assertThat(Files.readString(archive)).isEqualTo("the archive of the last good training");
    }

    @Test
    void theTrainingConfigurationPassesCheckOnPortsDirectoryAndTokenOfItsOwn(@TempDir Path dir) throws Exception {
        String config = ClassDataTraining.config(dir, new ClassDataTraining.Ports(40001, 40002, 40003),
                "0123456789abcdef0123456789abcdef");
        Path file = Files.writeString(dir.resolve("training.yml"), config);

        InProcessDrc drc = InProcessDrc.create();
        assertThat(drc.exitCodeOf("check", file.toString())).as(drc.failureMessage()).isZero();
        assertThat(config).doesNotContain("%").contains("port: 40001", "endpoint: http://127.0.0.1:40001",
                "port: 40002", "port: 40003", dir.toAbsolutePath() + "/simulator", "jdbc:h2:" + dir.toAbsolutePath());
    }
}
