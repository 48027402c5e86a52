package io.drc.strategies.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.AwsSettings;
import io.drc.strategies.step.StepHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/** The catalog serves every Task resource the shipped runbooks name, except those the engine runs itself. */
class StepHandlerCatalogTest {
    /** Resources the runbook runner handles without AWS: approvals and marking the recovery point of an execution. */
    private static final Set<String> ENGINE_RESOURCES = Set.of("drc:approval", "drc:execution:recovered");
    private static final Pattern RESOURCE = Pattern.compile("\"Resource\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void everyResourceOfTheShippedRunbooksHasAHandler() throws IOException {
        try (var aws = new AwsClients(new AwsSettings(null, AnonymousCredentialsProvider.create(), Map.of(),
                RetryMode.STANDARD, 1, Duration.ofSeconds(1)))) {
            var catalog = StepHandlerCatalog.all(aws, new LoggingHooks());
            assertThat(runbookResources()).allSatisfy(r -> assertThat(catalog.knows(r) || ENGINE_RESOURCES.contains(r))
                    .as("handler for %s", r).isTrue());
            assertThat(catalog.resources()).contains("drc:cloudwatch:putMetric").hasSize(20);
        }
    }

    @Test
    void onlyWaitingHandlersAreReadOnly() {
        try (var aws = new AwsClients(new AwsSettings(null, AnonymousCredentialsProvider.create(), Map.of(),
                RetryMode.STANDARD, 1, Duration.ofSeconds(1)))) {
            var catalog = StepHandlerCatalog.all(aws, new LoggingHooks());
            Set<String> readOnly = catalog.resources().stream().filter(r -> !catalog.find(r).map(StepHandler::mutating).orElseThrow())
                    .collect(Collectors.toSet());
            assertThat(readOnly).containsExactlyInAnyOrder("drc:autoscaling:awaitInService", "drc:elbv2:awaitHealthy",
                    "drc:rds:awaitAvailable", "drc:rds:awaitDeleted", "drc:rds:awaitReplicaLag", "drc:rds:awaitSnapshot",
                    "drc:route53:awaitInsync");
        }
    }

    private static Set<String> runbookResources() throws IOException {
        try (var files = Files.list(Path.of("..", "runbooks"))) {
            return files.filter(p -> p.toString().endsWith(".asl.json")).flatMap(p -> {
                try {
                    Matcher m = RESOURCE.matcher(Files.readString(p));
                    return m.results().map(r -> r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        }
    }
}
