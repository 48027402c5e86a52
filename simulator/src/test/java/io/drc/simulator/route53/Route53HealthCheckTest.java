package io.drc.simulator.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.ec2.Ec2State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53's data plane: health checks (a CloudWatch alarm's, a calculated one's, an endpoint's) and the answers
 * its name servers give (TestDNSAnswer), which follow weights and health without any change to the records.
 */
class Route53HealthCheckTest {
    private static final String RECORD = "shop.hc.example.com.";

    private Simulator simulator;
    private TestClients clients;
    private Route53Client route53;
    private CloudWatchClient cloudWatch;
    private String zoneId;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
        clients = new TestClients(simulator);
        route53 = clients.route53();
        cloudWatch = clients.cloudWatch("us-east-1");
        zoneId = route53.createHostedZone(r -> r.name("hc.example.com").callerReference("hc-zone")).hostedZone().id();
    }

    @AfterEach
    void stop() {
        route53.close();
        cloudWatch.close();
        simulator.close();
    }

    private String healthCheck(String reference, Consumer<HealthCheckConfig.Builder> config) {
        return route53.createHealthCheck(r -> r.callerReference(reference).healthCheckConfig(config)).healthCheck().id();
    }

    private String alarmCheck(String reference, String alarm) {
        return healthCheck(reference, c -> c.type(HealthCheckType.CLOUDWATCH_METRIC)
                .alarmIdentifier(a -> a.region("us-east-1").name(alarm)));
    }

    /** An alarm in ALARM while the primary reports fewer than 1 serving instance. */
    private void servingAlarm(String name) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("Shop").metricName("Serving")
                .statistic(Statistic.MINIMUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));
    }

    /**
     * Reports {@code serving} every minute until CloudWatch shows the alarm in {@code state} (whenever CloudWatch
     * evaluates it: the test asserts what Route 53 makes of the alarm's state, not when CloudWatch changes it).
     */
    private void report(String alarm, double serving, StateValue state) {
        for (int minute = 0; minute < 10; minute++) {
            cloudWatch.putMetricData(r -> r.namespace("Shop").metricData(d -> d.metricName("Serving").value(serving)
                    .timestamp(simulator.world().now())));
            if (alarmState(alarm) == state) {
                return;
            }
            simulator.manualClock().advance(Duration.ofSeconds(61));
            if (alarmState(alarm) == state) {
                return;
            }
        }
        throw new AssertionError("alarm " + alarm + " did not reach " + state);
    }

    /** Lets Route 53's checkers read every alarm once more (they read each alarm every 30 s). */
    private void checkersLook() {
        simulator.manualClock().advance(HealthCheckObserver.ALARM_INTERVAL);
    }

    private StateValue alarmState(String alarm) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(alarm)).metricAlarms().get(0).stateValue();
    }

    private void upsert(ResourceRecordSet... sets) {
        List<Change> changes = new ArrayList<>();
        for (ResourceRecordSet set : sets) {
            changes.add(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(set).build());
        }
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(changes)));
    }

    private static ResourceRecordSet weighted(String setId, long weight, String ip, String healthCheckId) {
        return ResourceRecordSet.builder().name(RECORD).type("A").setIdentifier(setId).weight(weight).ttl(60L)
                .resourceRecords(v -> v.value(ip)).healthCheckId(healthCheckId).build();
    }

    /** The addresses Route 53 answers {@code times} queries for the record with. */
    private List<String> answers(int times) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            var answer = route53.testDNSAnswer(r -> r.hostedZoneId(zoneId).recordName(RECORD).recordType("A"));
            assertThat(answer.responseCode()).isEqualTo("NOERROR");
            seen.addAll(answer.recordData());
        }
        return seen;
    }

    private String status(String healthCheckId) {
        return route53.getHealthCheckStatus(r -> r.healthCheckId(healthCheckId)).healthCheckObservations().get(0)
                .statusReport().status();
    }

    @Test
    void anAlarmHealthCheckMovesTrafficWithoutAnyChangeToTheRecords() {
        servingAlarm("primary-serving");
        String check = alarmCheck("primary-check", "primary-serving");
        upsert(weighted("primary", 100, "203.0.113.10", check), weighted("dr", 0, "198.51.100.10", null));
        assertThat(answers(3)).as("a new check without data is healthy (LastKnownStatus)")
                .containsOnly("203.0.113.10");

        report("primary-serving", 4, StateValue.OK);
        checkersLook();
        assertThat(status(check)).startsWith("Success");
        long before = simulator.journal().lastSeq();
        report("primary-serving", 0, StateValue.ALARM);
        checkersLook();
        assertThat(status(check)).startsWith("Failure");
        assertThat(answers(3)).as("the primary is unhealthy: the healthy record of weight 0 answers")
                .containsOnly("198.51.100.10");
        assertThat(simulator.journal().since(before)).as("no control-plane call moved the traffic")
                .noneSatisfy(c -> assertThat(c.action()).isEqualTo("ChangeResourceRecordSets"))
                .filteredOn(c -> c.action().equals("TestDNSAnswer")).hasSize(3)
                .noneSatisfy(c -> assertThat(c.mutating()).as("a DNS query changes nothing").isTrue());

        report("primary-serving", 4, StateValue.OK);
        checkersLook();
        assertThat(answers(2)).containsOnly("203.0.113.10");
        var described = route53.getHealthCheck(r -> r.healthCheckId(check)).healthCheck();
        assertThat(described.cloudWatchAlarmConfiguration().metricName()).isEqualTo("Serving");
        assertThat(described.cloudWatchAlarmConfiguration().comparisonOperatorAsString()).isEqualTo("LessThanThreshold");
        assertThat(described.healthCheckConfig().insufficientDataHealthStatusAsString()).isEqualTo("LastKnownStatus");
    }

    @Test
    void insufficientDataCountsAsTheCheckSays() {
        servingAlarm("never-reported");
        String healthy = healthCheck("healthy", c -> c.type(HealthCheckType.CLOUDWATCH_METRIC)
                .alarmIdentifier(a -> a.region("us-east-1").name("never-reported")).insufficientDataHealthStatus("Healthy"));
        String unhealthy = healthCheck("unhealthy", c -> c.type(HealthCheckType.CLOUDWATCH_METRIC)
                .alarmIdentifier(a -> a.region("us-east-1").name("never-reported"))
                .insufficientDataHealthStatus("Unhealthy"));
        assertThat(status(healthy)).startsWith("Success");
        assertThat(status(unhealthy)).startsWith("Failure");
        String missingAlarm = alarmCheck("missing", "no-such-alarm");
        assertThat(status(missingAlarm)).as("no alarm: insufficient data, last known healthy").startsWith("Success");
    }

    @Test
    void answersFollowTheWeightsAndFallBackWhenEveryRecordIsUnhealthy() {
        String down = healthCheck("down", c -> c.type(HealthCheckType.CALCULATED).healthThreshold(1));
        upsert(weighted("a", 3, "10.0.0.1", null), weighted("b", 1, "10.0.0.2", null));
        assertThat(answers(8)).filteredOn("10.0.0.1"::equals).hasSize(6);
        upsert(weighted("a", 3, "10.0.0.1", down), weighted("b", 1, "10.0.0.2", down));
        assertThat(answers(4)).as("all unhealthy: answered as if all were healthy")
                .filteredOn("10.0.0.1"::equals).hasSize(3);
        upsert(weighted("a", 0, "10.0.0.1", null), weighted("b", 0, "10.0.0.2", null));
        assertThat(answers(4)).as("all weights zero: equal shares").containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2",
                "10.0.0.1", "10.0.0.2");

        var missing = route53.testDNSAnswer(r -> r.hostedZoneId(zoneId).recordName("nope.hc.example.com")
                .recordType("A"));
        assertThat(missing.responseCode()).isEqualTo("NXDOMAIN");
        assertThat(missing.recordData()).isEmpty();
        var noData = route53.testDNSAnswer(r -> r.hostedZoneId(zoneId).recordName(RECORD).recordType("AAAA"));
        assertThat(noData.responseCode()).isEqualTo("NOERROR");
        assertThat(noData.recordData()).isEmpty();
        assertThat(noData.nameserver()).startsWith("ns-").doesNotEndWith(".");
        assertThat(noData.protocol()).isEqualTo("UDP");
    }

    @Test
    void calculatedInvertedAndDisabledChecks() {
        String up = healthCheck("up", c -> c.type(HealthCheckType.CALCULATED).healthThreshold(0));
        String down = healthCheck("down", c -> c.type(HealthCheckType.CALCULATED).healthThreshold(1));
        String oneOfTwo = healthCheck("one-of-two", c -> c.type(HealthCheckType.CALCULATED).childHealthChecks(up, down)
                .healthThreshold(1));
        String bothOfTwo = healthCheck("both-of-two", c -> c.type(HealthCheckType.CALCULATED).childHealthChecks(up, down));
        String inverted = healthCheck("inverted", c -> c.type(HealthCheckType.CALCULATED).childHealthChecks(up)
                .inverted(true));
        String disabled = healthCheck("disabled", c -> c.type(HealthCheckType.CALCULATED).healthThreshold(1)
                .disabled(true));
        upsert(weighted("one-of-two", 1, "10.0.0.1", oneOfTwo), weighted("both-of-two", 1, "10.0.0.2", bothOfTwo),
                weighted("inverted", 1, "10.0.0.3", inverted), weighted("disabled", 1, "10.0.0.4", disabled));
        assertThat(answers(8)).as("only healthy records answer").containsOnly("10.0.0.1", "10.0.0.4");
        assertThatThrownBy(() -> route53.getHealthCheckStatus(r -> r.healthCheckId(oneOfTwo)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput"));
    }

    @Test
    void anEndpointCheckOnALoadBalancerPassesWhileItHasAHealthyTarget() {
        var lb = activeLoadBalancerWithoutTargets();
        String check = healthCheck("alb", c -> c.type(HealthCheckType.HTTP).fullyQualifiedDomainName(lb.dnsName())
                .resourcePath("/health"));
        assertThat(status(check)).isEqualTo("Failure: HTTP Status Code 503, Service Unavailable");
        upsert(ResourceRecordSet.builder().name(RECORD).type("A").setIdentifier("primary").failover("PRIMARY")
                        .aliasTarget(a -> a.hostedZoneId(lb.canonicalHostedZoneId()).dnsName(lb.dnsName())
                                .evaluateTargetHealth(true)).build(),
                ResourceRecordSet.builder().name(RECORD).type("A").setIdentifier("secondary").failover("SECONDARY")
                        .ttl(60L).resourceRecords(v -> v.value("198.51.100.10")).build());
        assertThat(answers(1)).as("the ALB serves nothing: the secondary answers").containsOnly("198.51.100.10");

        serveBehind(lb);
        simulator.manualClock().advance(Duration.ofSeconds(30)); // the check's RequestInterval: one more look
        assertThat(status(check)).isEqualTo("Success: HTTP Status Code 200, OK");
        assertThat(answers(1)).as("the ALB's node addresses").hasSize(2).allSatisfy(ip -> assertThat(ip).startsWith("198.18."));
    }

    @Test
    void anEndpointCheckChangesAfterFailureThresholdLooksAtItsRequestInterval() {
        var lb = activeLoadBalancerWithoutTargets();
        String check = healthCheck("fast", c -> c.type(HealthCheckType.HTTP).fullyQualifiedDomainName(lb.dnsName())
                .requestInterval(10).failureThreshold(3));
        upsert(weighted("primary", 1, "203.0.113.10", check), weighted("dr", 0, "198.51.100.10", null));
        assertThat(status(check)).as("the checkers' first look").startsWith("Failure: HTTP Status Code 503");
        assertThat(answers(1)).as("a new check is healthy until its checkers have seen enough")
                .containsOnly("203.0.113.10");
        simulator.manualClock().advance(Duration.ofSeconds(10));
        assertThat(answers(1)).as("two failed looks of three").containsOnly("203.0.113.10");
        simulator.manualClock().advance(Duration.ofSeconds(10));
        assertThat(answers(1)).as("the third failed look, 20 s after creation").containsOnly("198.51.100.10");

        serveBehind(lb);
        assertThat(answers(1)).as("the load balancer serves again; no look has counted three passes")
                .containsOnly("198.51.100.10");
        simulator.manualClock().advance(Duration.ofSeconds(10));
        assertThat(answers(1)).as("at most two passing looks").containsOnly("198.51.100.10");
        simulator.manualClock().advance(Duration.ofSeconds(20));
        assertThat(answers(1)).as("three passing looks within 30 s").containsOnly("203.0.113.10");
        assertThat(status(check)).isEqualTo("Success: HTTP Status Code 200, OK");
    }

    @Test
    void anAlarmCheckFollowsItsAlarmAtTheCheckersNextLook() {
        servingAlarm("primary-serving");
        simulator.manualClock().advance(Duration.ofSeconds(10)); // 00:00:10: the checkers look at :10 and :40
        String check = alarmCheck("primary-check", "primary-serving");
        upsert(weighted("primary", 1, "203.0.113.10", check), weighted("dr", 0, "198.51.100.10", null));
        cloudWatch.putMetricData(r -> r.namespace("Shop").metricData(d -> d.metricName("Serving").value(0.0)
                .timestamp(simulator.world().now())));
        simulator.manualClock().advance(Duration.ofSeconds(50));
        assertThat(alarmState("primary-serving")).as("evaluated at 00:01:00").isEqualTo(StateValue.ALARM);
        assertThat(answers(1)).as("Route 53 has not looked since the alarm changed").containsOnly("203.0.113.10");
        simulator.manualClock().advance(Duration.ofSeconds(10));
        assertThat(answers(1)).as("the look at 00:01:10 saw ALARM").containsOnly("198.51.100.10");
        assertThat(status(check)).isEqualTo("Failure: CloudWatch alarm primary-serving is in state ALARM");
        assertThat(route53.getHealthCheckStatus(r -> r.healthCheckId(check)).healthCheckObservations().get(0)
                .statusReport().checkedTime()).isEqualTo(Instant.parse("2026-01-01T00:01:10Z"));

        cloudWatch.putMetricData(r -> r.namespace("Shop").metricData(d -> d.metricName("Serving").value(4.0)
                .timestamp(simulator.world().now())));
        simulator.manualClock().advance(Duration.ofSeconds(50));
        assertThat(alarmState("primary-serving")).as("evaluated at 00:02:00").isEqualTo(StateValue.OK);
        assertThat(answers(1)).containsOnly("198.51.100.10");
        simulator.manualClock().advance(Duration.ofSeconds(10));
        assertThat(answers(1)).as("the look at 00:02:10 saw OK").containsOnly("203.0.113.10");
    }

    @Test
    void healthChecksAreIdempotentOnTheirCallerReferenceListedCountedAndDeleted() {
        String first = healthCheck("web-1", c -> c.type(HealthCheckType.HTTP).ipAddress("203.0.113.10"));
        assertThat(healthCheck("web-1", c -> c.type(HealthCheckType.HTTP).ipAddress("203.0.113.10"))).isEqualTo(first);
        assertThat(errorCode(() -> healthCheck("web-1", c -> c.type(HealthCheckType.HTTP).ipAddress("203.0.113.11"))))
                .isEqualTo("HealthCheckAlreadyExists");
        var created = route53.getHealthCheck(r -> r.healthCheckId(first)).healthCheck();
        assertThat(created.healthCheckConfig().port()).isEqualTo(80);
        assertThat(created.healthCheckConfig().requestInterval()).isEqualTo(30);
        assertThat(created.healthCheckConfig().failureThreshold()).isEqualTo(3);
        assertThat(created.healthCheckVersion()).isEqualTo(1L);
        assertThat(route53.getHealthCheckStatus(r -> r.healthCheckId(first)).healthCheckObservations()).hasSize(8)
                .allSatisfy(o -> assertThat(o.statusReport().status()).startsWith("Success"));
        healthCheck("web-2", c -> c.type(HealthCheckType.TCP).ipAddress("203.0.113.12").port(5432));
        healthCheck("web-3", c -> c.type(HealthCheckType.HTTPS).fullyQualifiedDomainName("shop.example.com"));
        assertThat(route53.getHealthCheckCount(r -> { }).healthCheckCount()).isEqualTo(3L);
        assertThat(simulator.admin().snapshot().get("global").toString()).as("the admin API shows them")
                .contains(first).contains("TCP");
        var page = route53.listHealthChecks(r -> r.maxItems("2"));
        assertThat(page.healthChecks()).hasSize(2);
        assertThat(page.isTruncated()).isTrue();
        assertThat(route53.listHealthChecks(r -> r.marker(page.nextMarker())).healthChecks()).hasSize(1);

        assertThat(errorCode(() -> healthCheck("no-endpoint", c -> c.type(HealthCheckType.HTTP))))
                .isEqualTo("InvalidInput");
        assertThat(errorCode(() -> healthCheck("no-alarm", c -> c.type(HealthCheckType.CLOUDWATCH_METRIC))))
                .isEqualTo("InvalidInput");
        assertThat(errorCode(() -> healthCheck("arc", c -> c.type(HealthCheckType.RECOVERY_CONTROL)
                .routingControlArn("arn:aws:route53-recovery-control::123456789012:controlpanel/x/routingcontrol/y"))))
                .isEqualTo("InvalidInput");
        assertThat(errorCode(() -> upsert(weighted("a", 1, "10.0.0.1", "00000000-0000-0000-0000-000000000000"))))
                .isEqualTo("NoSuchHealthCheck");

        route53.deleteHealthCheck(r -> r.healthCheckId(first));
        assertThat(errorCode(() -> route53.getHealthCheck(r -> r.healthCheckId(first)))).isEqualTo("NoSuchHealthCheck");
        assertThat(errorCode(() -> route53.deleteHealthCheck(r -> r.healthCheckId(first)))).isEqualTo("NoSuchHealthCheck");
        assertThat(errorCode(() -> healthCheck("web-1", c -> c.type(HealthCheckType.HTTP).ipAddress("203.0.113.10"))))
                .as("the reference of a deleted check").isEqualTo("HealthCheckAlreadyExists");
    }

    @Test
    void aHostedZoneIsDeletedOnlyOnceEmpty() {
        upsert(weighted("a", 1, "10.0.0.1", null));
        assertThat(errorCode(() -> route53.deleteHostedZone(r -> r.id(zoneId)))).isEqualTo("HostedZoneNotEmpty");
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(Change.builder()
                .action(ChangeAction.DELETE).resourceRecordSet(weighted("a", 1, "10.0.0.1", null)).build())));
        assertThat(route53.deleteHostedZone(r -> r.id(zoneId)).changeInfo().statusAsString()).isEqualTo("PENDING");
        assertThat(errorCode(() -> route53.getHostedZone(r -> r.id(zoneId)))).isEqualTo("NoSuchHostedZone");
        assertThat(errorCode(() -> route53.deleteHostedZone(r -> r.id(zoneId)))).isEqualTo("NoSuchHostedZone");
    }

    /** An active load balancer in us-west-2 whose listener forwards to the group {@code web}, which has no targets. */
    private LoadBalancer activeLoadBalancerWithoutTargets() {
        try (var elb = clients.elbv2("us-west-2")) {
            String tg = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80)
                    .vpcId("vpc-0123456789abcdef0")).targetGroups().get(0).targetGroupArn();
            var lb = elb.createLoadBalancer(r -> r.name("web-alb").subnets("subnet-0aaaaaaaaaaaaaaa1",
                    "subnet-0bbbbbbbbbbbbbbb2")).loadBalancers().get(0);
            elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
            simulator.manualClock().advance(simulator.world().timings().of("elbv2.loadbalancer.active"));
            return lb;
        }
    }

    /** Launches an instance into the load balancer's group and moves the clock to the moment it is healthy. */
    private void serveBehind(LoadBalancer lb) {
        try (var elb = clients.elbv2("us-west-2"); var ec2 = clients.ec2("us-west-2")) {
            String tg = elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners().get(0)
                    .defaultActions().get(0).targetGroupArn();
            String instance = ec2.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("us-west-2a"))).instances().get(0).instanceId();
            simulator.manualClock().advance(simulator.world().timings().of("ec2.instance.launch"));
            elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(instance)));
            simulator.manualClock().advance(simulator.world().timings().of("elbv2.target.healthy"));
        }
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("expected an AWS error");
    }
}
