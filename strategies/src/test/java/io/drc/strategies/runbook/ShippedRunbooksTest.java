package io.drc.strategies.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.drc.strategies.serving.ServingTopology;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.AwsSettings;
import io.drc.strategies.handlers.LoggingHooks;
import io.drc.strategies.handlers.StepHandlerCatalog;
import io.drc.strategies.step.StepHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every runbook in runbooks/ parses and names only states and step handlers that exist; that they are the ones the
 * strategies name is DrStrategyTest's.
 */
class ShippedRunbooksTest {
    /** Resources the runbook runner handles without AWS: approvals and marking the recovery point of an execution. */
    private static final Set<String> ENGINE_RESOURCES = Set.of("drc:approval", "drc:execution:recovered");
    private static StepHandlers catalog;
    private static AwsClients aws;

    @BeforeAll
    static void catalog() {
        aws = new AwsClients(new AwsSettings(null, AnonymousCredentialsProvider.create(), Map.of(),
                RetryMode.STANDARD, 1, Duration.ofSeconds(1)));
        catalog = StepHandlerCatalog.all(aws, new LoggingHooks(), ServingTopology.none());
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    static Stream<Path> runbooks() throws IOException {
        return Files.list(Path.of("..", "runbooks")).filter(p -> p.toString().endsWith(".asl.json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("runbooks")
    void runbookIsValid(Path file) throws IOException {
        Runbook runbook = RunbookParser.parse("runbooks/" + file.getFileName(), Files.readString(file));
        assertThat(RunbookValidator.validate(runbook, r -> catalog.knows(r) || ENGINE_RESOURCES.contains(r))).isEmpty();
    }
}
