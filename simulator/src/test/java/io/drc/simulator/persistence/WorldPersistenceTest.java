package io.drc.simulator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoSeeder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * A simulator with a state directory, stopped mid-failover and started again, continues with the cloud it left:
 * the promotion, the copies, the launches and the DNS change it had started complete after the restart, and ids go
 * on where they stopped. (The kill -9 of a separate process is {@link KilledSimulatorTest}.)
 */
class WorldPersistenceTest {
    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path stateDir;

    private Simulator start(ManualClock clock) {
        return Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(clock).withStateDir(stateDir),
                DemoSeeder::seedExisting);
    }

    @Test
    void aRestartedSimulatorFinishesWhatItHadStarted() {
        ManualClock firstClock = new ManualClock(START);
        Simulator first = start(firstClock);
        assertThat(first.restored()).isFalse();
        TestClients clients = new TestClients(first);
        String imageCopy;
        String snapshotCopy;
        String changeId;
        try (Ec2Client east = clients.ec2(EAST); Ec2Client west = clients.ec2(WEST)) {
            String image = east.createImage(r -> r.instanceId("i-00000000000000001").name("web-1").noReboot(true)).imageId();
            String snapshot = east.createSnapshot(r -> r.volumeId("vol-00000000000000001")).snapshotId();
            firstClock.advance(Duration.ofMinutes(3));
            imageCopy = west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(image).name("web-1-dr")).imageId();
            snapshotCopy = west.copySnapshot(r -> r.sourceRegion(EAST).sourceSnapshotId(snapshot)
                    .destinationRegion(WEST)).snapshotId();
        }
        try (RdsClient west = clients.rds(WEST)) {
            west.promoteReadReplica(r -> r.dbInstanceIdentifier("shop-db-replica").preferredBackupWindow("04:00-04:30"));
        }
        try (AutoScalingClient west = clients.autoScaling(WEST)) {
            west.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(2));
        }
        try (Route53Client route53 = clients.route53()) {
            changeId = route53.changeResourceRecordSets(r -> r.hostedZoneId("Z0000000000001").changeBatch(b -> b
                    .changes(c -> c.action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name("shop.example.com.")
                            .type(RRType.A).setIdentifier("dr").weight(100L).ttl(60L)
                            .resourceRecords(v -> v.value("192.0.2.20")))))).changeInfo().id();
        }
        try (CloudWatchClient west = clients.cloudWatch(WEST)) {
            west.putMetricAlarm(r -> r.alarmName("queue-depth").namespace("Shop").metricName("QueueDepth")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(900.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            west.putMetricData(r -> r.namespace("Shop").metricData(d -> d.metricName("QueueDepth").value(1000.0)
                    .timestamp(firstClock.instant())));
        }
        Instant stoppedAt = firstClock.instant();
        int pending = first.world().pendingTransitions();
        first.close();

        ManualClock secondClock = new ManualClock(START);
        Simulator second = start(secondClock);
        try {
            assertThat(second.restored()).isTrue();
            assertThat(secondClock.instant()).as("the clock continues from where it stood").isEqualTo(stoppedAt);
            assertThat(second.world().pendingTransitions()).isEqualTo(pending).isPositive();
            clients = new TestClients(second);
            try (Ec2Client west = clients.ec2(WEST); RdsClient rds = clients.rds(WEST)) {
                assertThat(west.describeImages(r -> r.imageIds(imageCopy)).images().get(0).stateAsString()).isEqualTo("pending");
                assertThat(west.describeSnapshots(r -> r.snapshotIds(snapshotCopy)).snapshots().get(0).stateAsString())
                        .isEqualTo("pending");
                assertThat(replica(rds).readReplicaSourceDBInstanceIdentifier()).isNotNull();

                secondClock.advance(Duration.ofMinutes(15));

                assertThat(west.describeImages(r -> r.imageIds(imageCopy)).images().get(0).stateAsString())
                        .isEqualTo("available");
                assertThat(west.describeSnapshots(r -> r.snapshotIds(snapshotCopy)).snapshots().get(0).stateAsString())
                        .isEqualTo("completed");
                DBInstance promoted = replica(rds);
                assertThat(promoted.dbInstanceStatus()).isEqualTo("available");
                assertThat(promoted.readReplicaSourceDBInstanceIdentifier()).as("promoted to a standalone primary").isNull();
                assertThat(promoted.preferredBackupWindow()).as("the window the promotion asked for").isEqualTo("04:00-04:30");
                assertThat(west.createSnapshot(r -> r.volumeId(
                        west.describeVolumes().volumes().get(0).volumeId())).snapshotId())
                        .as("ids go on after the ones handed out before the restart").isNotEqualTo(snapshotCopy);
            }
            try (AutoScalingClient west = clients.autoScaling(WEST)) {
                assertThat(west.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
                        .instances()).hasSize(2).extracting(Instance::lifecycleStateAsString).containsOnly("InService");
            }
            try (Route53Client route53 = clients.route53()) {
                assertThat(route53.getChange(r -> r.id(changeId)).changeInfo().statusAsString()).isEqualTo("INSYNC");
            }
            try (CloudWatchClient west = clients.cloudWatch(WEST)) {
                assertThat(west.describeAlarmHistory(r -> r.alarmName("queue-depth")).alarmHistoryItems())
                        .as("the alarm kept being evaluated every minute across the restart")
                        .anyMatch(item -> item.historySummary().contains("to ALARM"));
            }
        } finally {
            second.close();
        }
    }

    /**
     * What the services keep besides resources also survives: EC2's ClientTokens (a retry after the restart answers
     * with the first launch, other parameters are refused), a load balancer still provisioning and its listener,
     * Route 53's health checks and Auto Scaling's activity history.
     */
    @Test
    void tokensLoadBalancersHealthChecksAndActivitiesSurviveARestart() {
        ManualClock firstClock = new ManualClock(START);
        Simulator first = start(firstClock);
        TestClients clients = new TestClients(first);
        String reservation;
        String lbArn;
        String healthCheckId;
        try (Ec2Client east = clients.ec2(EAST)) {
            reservation = east.runInstances(r -> r.imageId("ami-0000000000000ba5e").instanceType("t3.micro")
                    .minCount(1).maxCount(1).clientToken("launch-once")).reservationId();
        }
        try (ElasticLoadBalancingV2Client east = clients.elbv2(EAST)) {
            lbArn = east.createLoadBalancer(r -> r.name("restart-alb").subnets("subnet-0restart0a", "subnet-0restart0b"))
                    .loadBalancers().get(0).loadBalancerArn();
            east.createListener(r -> r.loadBalancerArn(lbArn).protocol("HTTP").port(8080)
                    .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("200"))));
        }
        try (Route53Client route53 = clients.route53()) {
            healthCheckId = route53.createHealthCheck(r -> r.callerReference("restart-hc")
                    .healthCheckConfig(c -> c.type("HTTP").fullyQualifiedDomainName("origin.example.com")))
                    .healthCheck().id();
        }
        try (AutoScalingClient west = clients.autoScaling(WEST)) {
            west.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(2));
        }
        first.close();

        ManualClock secondClock = new ManualClock(START);
        Simulator second = start(secondClock);
        try {
            assertThat(second.restored()).isTrue();
            clients = new TestClients(second);
            try (Ec2Client east = clients.ec2(EAST)) {
                assertThat(east.runInstances(r -> r.imageId("ami-0000000000000ba5e").instanceType("t3.micro")
                        .minCount(1).maxCount(1).clientToken("launch-once")).reservationId())
                        .as("a retry with the token answers with the first launch").isEqualTo(reservation);
                assertThat(errorCode(() -> east.runInstances(r -> r.imageId("ami-0000000000000ba5e")
                        .instanceType("t3.large").minCount(1).maxCount(1).clientToken("launch-once"))))
                        .isEqualTo("IdempotentParameterMismatch");
            }
            try (ElasticLoadBalancingV2Client east = clients.elbv2(EAST)) {
                secondClock.advance(Duration.ofMinutes(3));
                LoadBalancer lb = east.describeLoadBalancers(r -> r.loadBalancerArns(lbArn)).loadBalancers().get(0);
                assertThat(lb.state().codeAsString()).as("it became active after the restart").isEqualTo("active");
                assertThat(east.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners())
                        .singleElement().satisfies(l -> assertThat(l.port()).isEqualTo(8080));
            }
            try (Route53Client route53 = clients.route53()) {
                assertThat(route53.getHealthCheck(r -> r.healthCheckId(healthCheckId)).healthCheck()
                        .healthCheckConfig().fullyQualifiedDomainName()).isEqualTo("origin.example.com");
            }
            try (AutoScalingClient west = clients.autoScaling(WEST)) {
                secondClock.advance(Duration.ofMinutes(5));
                assertThat(west.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities())
                        .extracting(Activity::statusCodeAsString).isNotEmpty().containsOnly("Successful");
            }
        } finally {
            second.close();
        }
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }

    private static DBInstance replica(RdsClient rds) {
        return rds.describeDBInstances(r -> r.dbInstanceIdentifier("shop-db-replica")).dbInstances().get(0);
    }
}
