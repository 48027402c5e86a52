package io.drc.simulator.demo;

import io.drc.simulator.SimulatorClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Builds the demo application through the simulator's AWS API, the way an operator's infrastructure code
 * would: primary us-east-1 with a web Auto Scaling group at 4 in a target group behind an Application Load
 * Balancer (listener HTTP:80), an EBS data volume, an application instance and an RDS primary; DR us-west-2 with a
 * cross-region read replica and the same web tier, its group at 0; a Route 53 zone with weighted records
 * primary 100 / DR 0.
 */
public final class DemoSeeder {
    /** Lets time pass while the seeder waits for the primary database (a sleep live, a clock step in tests). */
    @FunctionalInterface
    public interface Pause {
        void pause();
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String BASE_AMI = io.drc.simulator.ec2.Ec2State.BASE_IMAGE_ID;
    /** The web tier's subnets, in zones a and b of each region: the ALB's nodes and the group's instances. */
    private static final List<String> WEB_SUBNETS = List.of("subnet-0a1f4c2e9b7d3a5e1", "subnet-0b2e5d3f8a6c4b7d2");

    private final SimulatorClients clients;
    private final Pause pause;
    private final Duration patience;

    public DemoSeeder(SimulatorClients clients, Pause pause, Duration patience) {
        this.clients = clients;
        this.pause = pause;
        this.patience = patience;
    }

    /**
     * Seeds {@code simulator} as an environment that already exists: every asynchronous operation completes at
     * once while seeding, then the simulator's configured timings apply again.
     */
    public static DemoEnvironment seedExisting(io.drc.simulator.Simulator simulator) {
        io.drc.simulator.core.Timings timings = simulator.world().timings();
        io.drc.simulator.core.Timings.DEFAULTS.keySet().forEach(key -> timings.set(key, Duration.ZERO));
        try {
            return new DemoSeeder(new SimulatorClients(simulator.endpoint()), () -> { }, Duration.ofSeconds(30)).seed();
        } finally {
            timings.reset();
        }
    }

    public DemoEnvironment seed() {
        String volumeId;
        String instanceId;
        try (Ec2Client ec2 = clients.ec2(DemoEnvironment.PRIMARY)) {
            volumeId = ec2.createVolume(r -> r.availabilityZone(DemoEnvironment.PRIMARY + "a").size(100).volumeType("gp3")
                    .tagSpecifications(tags(ResourceType.VOLUME, "shop-data"))).volumeId();
            instanceId = ec2.runInstances(r -> r.imageId(BASE_AMI).instanceType("m6i.large").minCount(1).maxCount(1)
                    .tagSpecifications(tags(ResourceType.INSTANCE, "shop-app"))).instances().get(0).instanceId();
        }
        seedWebTier(DemoEnvironment.PRIMARY, 4);
        seedWebTier(DemoEnvironment.DR, 0);
        seedDatabase();
        String zoneId = seedDns();
        LOG.info("demo environment seeded: instance {}, volume {}, hosted zone {}", instanceId, volumeId, zoneId);
        return new DemoEnvironment(DemoEnvironment.PRIMARY, DemoEnvironment.DR, instanceId, volumeId, zoneId,
                DemoEnvironment.RECORD);
    }

    private void seedWebTier(String region, int capacity) {
        try (Ec2Client ec2 = clients.ec2(region);
             ElasticLoadBalancingV2Client elb = clients.elbv2(region);
             AutoScalingClient asg = clients.autoScaling(region)) {
            ec2.createLaunchTemplate(r -> r.launchTemplateName("web-lt")
                    .launchTemplateData(d -> d.imageId(BASE_AMI).instanceType("t3.medium")));
            String tgArn = elb.createTargetGroup(r -> r.name("web-tg").protocol("HTTP").port(80)
                    .vpcId(io.drc.simulator.ec2.Subnets.DEFAULT_VPC).targetType("instance")).targetGroups().get(0)
                    .targetGroupArn();
            // targets are healthy only behind a load balancer that forwards to their group
            String albArn = elb.createLoadBalancer(r -> r.name("web-alb").type("application").scheme("internet-facing")
                    .subnets(WEB_SUBNETS)).loadBalancers().get(0).loadBalancerArn();
            elb.createListener(r -> r.loadBalancerArn(albArn).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(tgArn)));
            asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web")
                    .launchTemplate(t -> t.launchTemplateName("web-lt").version("$Default"))
                    .minSize(capacity).desiredCapacity(capacity).maxSize(8)
                    .vpcZoneIdentifier(String.join(",", WEB_SUBNETS))
                    .targetGroupARNs(tgArn));
        }
    }

    private void seedDatabase() {
        try (RdsClient primary = clients.rds(DemoEnvironment.PRIMARY); RdsClient dr = clients.rds(DemoEnvironment.DR)) {
            String sourceArn = primary.createDBInstance(r -> r.dbInstanceIdentifier("shop-db").engine("postgres")
                    .dbInstanceClass("db.r6g.large").allocatedStorage(100).multiAZ(true)
                    .masterUsername("shop").masterUserPassword("demo-only-password"))
                    .dbInstance().dbInstanceArn();
            awaitAvailable(primary, "shop-db");
            dr.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("shop-db-replica")
                    .sourceDBInstanceIdentifier(sourceArn).dbInstanceClass("db.r6g.large")
                    .sourceRegion(DemoEnvironment.PRIMARY));
        }
    }

    private void awaitAvailable(RdsClient rds, String id) {
        Instant deadline = Instant.now().plus(patience);
        while (!"available".equals(rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0)
                .dbInstanceStatus())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("demo database " + id + " did not become available within " + patience
                        + "; lower the simulator's timeScale");
            }
            pause.pause();
        }
    }

    private String seedDns() {
        try (Route53Client route53 = clients.route53()) {
            String zoneId = route53.createHostedZone(r -> r.name("shop.example.com.").callerReference("drc-demo"))
                    .hostedZone().id().replace("/hostedzone/", "");
            route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(
                    weighted("primary", 100, "203.0.113.10"),
                    weighted("dr", 0, "198.51.100.10"))));
            return zoneId;
        }
    }

    private static software.amazon.awssdk.services.route53.model.Change weighted(String setId, long weight, String ip) {
        return software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.UPSERT)
                .resourceRecordSet(s -> s.name(DemoEnvironment.RECORD).type(RRType.A).setIdentifier(setId)
                        .weight(weight).ttl(60L).resourceRecords(v -> v.value(ip)))
                .build();
    }

    private static TagSpecification tags(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type)
                .tags(List.of(Tag.builder().key("Name").value(name).build(),
                        Tag.builder().key("app").value("shop").build()))
                .build();
    }
}
