package io.drc.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.AwsCli;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The demo application as the daemon's demo configuration expects it, seen by the SDK and the AWS CLI. */
class DemoEnvironmentTest {
    private static Simulator simulator;
    private static DemoEnvironment demo;
    private static TestClients clients;

    @BeforeAll
    static void seed() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0));
        demo = DemoSeeder.seedExisting(simulator);
        clients = new TestClients(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void idsAreTheOnesConfigDemoYmlNames() {
        assertThat(demo.instanceId()).isEqualTo("i-00000000000000001");
        assertThat(demo.volumeId()).isEqualTo("vol-00000000000000001");
        assertThat(demo.hostedZoneId()).isEqualTo("Z0000000000001");
    }

    @Test
    void primaryServesWithFourInstancesAndDrIsALitPilot() {
        try (AutoScalingClient east = clients.autoScaling("us-east-1"); AutoScalingClient west = clients.autoScaling("us-west-2")) {
            assertThat(east.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
                    .instances()).hasSize(4).allMatch(i -> i.lifecycleStateAsString().equals("InService"));
            assertThat(west.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
                    .desiredCapacity()).isZero();
        }
        for (String region : new String[] {"us-east-1", "us-west-2"}) {
            try (var elb = clients.elbv2(region)) {
                var alb = elb.describeLoadBalancers(r -> r.names("web-alb")).loadBalancers().get(0);
                assertThat(alb.state().codeAsString()).isEqualTo("active");
                var tg = elb.describeTargetGroups(r -> r.names("web-tg")).targetGroups().get(0);
                assertThat(tg.loadBalancerArns()).as("the ALB's listener forwards to web-tg in " + region)
                        .containsExactly(alb.loadBalancerArn());
                int serving = region.equals("us-east-1") ? 4 : 0;
                assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions())
                        .hasSize(serving).allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy"));
            }
        }
        try (RdsClient west = clients.rds("us-west-2")) {
            DBInstance replica = west.describeDBInstances(r -> r.dbInstanceIdentifier("shop-db-replica")).dbInstances().get(0);
            assertThat(replica.dbInstanceStatus()).isEqualTo("available");
            assertThat(replica.readReplicaSourceDBInstanceIdentifier()).contains("us-east-1").endsWith(":db:shop-db");
        }
        try (Route53Client route53 = clients.route53()) {
            assertThat(route53.listResourceRecordSets(r -> r.hostedZoneId(demo.hostedZoneId())).resourceRecordSets())
                    .filteredOn(s -> s.setIdentifier() != null)
                    .extracting(ResourceRecordSet::setIdentifier, ResourceRecordSet::weight)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("primary", 100L),
                            org.assertj.core.groups.Tuple.tuple("dr", 0L));
        }
    }

    @Test
    void awsCliDescribesTheDemoInBothRegions() {
        AwsCli cli = AwsCli.forSimulator(simulator);
        assertThat(cli.run("us-east-1", "ec2", "describe-instances", "--instance-ids", demo.instanceId()).assertOk().stdout())
                .contains(demo.instanceId());
        assertThat(cli.run("us-east-1", "ec2", "describe-volumes").assertOk().stdout()).contains(demo.volumeId());
        assertThat(cli.run("us-east-1", "rds", "describe-db-instances").assertOk().stdout()).contains("\"shop-db\"");
        assertThat(cli.run("us-west-2", "rds", "describe-db-instances").assertOk().stdout()).contains("shop-db-replica");
        for (String region : new String[] {"us-east-1", "us-west-2"}) {
            assertThat(cli.run(region, "autoscaling", "describe-auto-scaling-groups").assertOk().stdout()).contains("\"web\"");
            assertThat(cli.run(region, "elbv2", "describe-target-groups", "--names", "web-tg").assertOk().stdout())
                    .contains("web-tg");
            assertThat(cli.run(region, "elbv2", "describe-load-balancers", "--names", "web-alb").assertOk().stdout())
                    .contains("\"Code\": \"active\"");
            assertThat(cli.run(region, "ec2", "describe-launch-templates").assertOk().stdout()).contains("web-lt");
        }
        assertThat(cli.run("us-east-1", "route53", "list-resource-record-sets", "--hosted-zone-id", demo.hostedZoneId())
                .assertOk().stdout()).contains("\"SetIdentifier\": \"dr\"");
        AwsCli.Result unknown = cli.run("us-west-2", "ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("InvalidInstanceID.NotFound");
    }
}
