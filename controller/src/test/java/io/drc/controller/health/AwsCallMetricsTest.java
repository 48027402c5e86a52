package io.drc.controller.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.AwsSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/** drc_aws_calls_total counts real SDK calls over HTTP: answered, refused by AWS (the simulator), and unanswered. */
class AwsCallMetricsTest {
    @Test
    void countsEveryCallByServiceActionAndOutcome() {
        AwsCallMetrics metrics = new AwsCallMetrics();
        PrometheusRegistry registry = new PrometheusRegistry();
        metrics.register(registry);
        try (Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0));
             AwsClients aws = new AwsClients(settings(simulator.endpoint()), List.of(metrics));
             AwsClients nowhere = new AwsClients(settings(URI.create("http://127.0.0.1:1")), List.of(metrics))) {
            aws.ec2("us-east-1").describeInstances();
            aws.ec2("us-west-2").describeInstances();
            aws.route53().listHostedZones();
            assertThatThrownBy(() -> aws.rds("us-east-1").describeDBInstances(r -> r.dbInstanceIdentifier("nope")));
            assertThatThrownBy(() -> nowhere.autoScaling("us-east-1").describeAutoScalingGroups());
        }
        assertThat(counts(registry)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ec2/DescribeInstances/success", 2.0,
                "route53/ListHostedZones/success", 1.0,
                "rds/DescribeDBInstances/client_error", 1.0,
                "autoscaling/DescribeAutoScalingGroups/unreachable", 1.0));
    }

    private static AwsSettings settings(URI endpoint) {
        return new AwsSettings(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                Map.of(), RetryMode.STANDARD, 1, Duration.ofSeconds(20));
    }

    private static Map<String, Double> counts(PrometheusRegistry registry) {
        CounterSnapshot calls = (CounterSnapshot) registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals(AwsCallMetrics.NAME)).findFirst().orElseThrow();
        return calls.getDataPoints().stream().collect(Collectors.toMap(p -> p.getLabels().get("service") + "/"
                + p.getLabels().get("action") + "/" + p.getLabels().get("outcome"), CounterSnapshot.CounterDataPointSnapshot::getValue));
    }
}
