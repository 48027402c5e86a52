package io.drc.strategies.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every runbook in runbooks/ parses and names only states and step handlers that exist. */
class ShippedRunbooksTest {
    static final Set<String> RESOURCES = Set.of("drc:autoscaling:scaleTo", "drc:autoscaling:awaitInService",
            "drc:elbv2:awaitHealthy", "drc:rds:promoteReplica", "drc:rds:awaitAvailable", "drc:rds:modify",
            "drc:rds:restoreLatestSnapshot", "drc:ec2:useLatestImage", "drc:rds:deleteInstance", "drc:rds:awaitDeleted",
            "drc:rds:createReplica", "drc:rds:awaitReplicaLag", "drc:hook:run", "drc:rds:createSnapshot",
            "drc:rds:awaitSnapshot", "drc:rds:copySnapshot", "drc:rds:restoreSnapshot", "drc:route53:setWeights",
            "drc:route53:awaitInsync", "drc:execution:recovered", "drc:approval");

    static Stream<Path> runbooks() throws IOException {
        return Files.list(Path.of("..", "runbooks")).filter(p -> p.toString().endsWith(".asl.json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("runbooks")
    void runbookIsValid(Path file) throws IOException {
        Runbook runbook = RunbookParser.parse("runbooks/" + file.getFileName(), Files.readString(file));
        assertThat(RunbookValidator.validate(runbook, RESOURCES::contains)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void everyStrategyHasBothDirections() throws IOException {
        assertThat(runbooks().map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                "backup-restore-failover.asl.json", "backup-restore-failback.asl.json",
                "pilot-light-failover.asl.json", "pilot-light-failback.asl.json",
                "warm-standby-failover.asl.json", "warm-standby-failback.asl.json",
                "multi-site-failover.asl.json", "multi-site-failback.asl.json");
    }
}
