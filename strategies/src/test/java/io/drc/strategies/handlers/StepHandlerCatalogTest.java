package io.drc.strategies.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.serving.ServingTopology;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.AwsSettings;
import io.drc.strategies.step.StepHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/** What the catalog says about its handlers; that it covers the shipped runbooks is ShippedRunbooksTest's. */
class StepHandlerCatalogTest {
    @Test
    void onlyWaitingHandlersAreReadOnly() {
        try (var aws = new AwsClients(new AwsSettings(null, AnonymousCredentialsProvider.create(), Map.of(),
                RetryMode.STANDARD, 1, Duration.ofSeconds(1)))) {
            var catalog = StepHandlerCatalog.all(aws, new LoggingHooks(), ServingTopology.none());
            Set<String> readOnly = catalog.resources().stream().filter(r -> !catalog.find(r).map(StepHandler::mutating).orElseThrow())
                    .collect(Collectors.toSet());
            assertThat(readOnly).containsExactlyInAnyOrder("drc:autoscaling:awaitInService", "drc:elbv2:awaitHealthy",
                    "drc:rds:awaitAvailable", "drc:rds:awaitDeleted", "drc:rds:awaitReplicaLag", "drc:rds:awaitSnapshot",
                    "drc:route53:awaitInsync", "drc:drill:sweep", "drc:drill:smokeCheck");
        }
    }
}
