package io.drc.simulator.autoscaling;

import static io.drc.simulator.ec2.ComputeFixture.EAST;
import static io.drc.simulator.ec2.ComputeFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.ec2.ComputeFixture;
import io.drc.simulator.ec2.Ec2State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

class AutoScalingGroupTest {
    private ComputeFixture fixture;
    private AutoScalingClient asg;
    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client elb;
    private String targetGroupArn;

    @BeforeEach
    void start() {
        fixture = ComputeFixture.start();
        asg = fixture.clients.autoScaling(EAST);
        ec2 = fixture.clients.ec2(EAST);
        elb = fixture.clients.elbv2(EAST);
        ec2.createLaunchTemplate(r -> r.launchTemplateName("web").launchTemplateData(d -> d
                .imageId(Ec2State.BASE_IMAGE_ID).instanceType("t3.small")));
        targetGroupArn = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80)
                .vpcId("vpc-0123456789abcdef0")).targetGroups().get(0).targetGroupArn();
        fixture.loadBalance(EAST, "web-alb", targetGroupArn);
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).maxSize(6).desiredCapacity(0)
                .launchTemplate(t -> t.launchTemplateName("web")).targetGroupARNs(targetGroupArn)
                .availabilityZones("us-east-1a", "us-east-1b").tags(t -> t.key("app").value("web")
                        .propagateAtLaunch(true)));
    }

    @AfterEach
    void stop() {
        asg.close();
        ec2.close();
        elb.close();
        fixture.close();
    }

    private AutoScalingGroup group() {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0);
    }

    private List<TargetHealthDescription> targets() {
        return elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
    }

    private Duration timing(String key) {
        return fixture.simulator.world().timings().of(key);
    }

    @Test
    void scaledFromZeroToFourTheInstancesGoInServiceThenTurnHealthy() {
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(4));
        assertThat(group().instances()).hasSize(4).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("Pending");
            assertThat(i.launchTemplate().version()).isEqualTo("1");
        });
        assertThat(group().instances()).extracting(Instance::availabilityZone)
                .containsOnly("us-east-1a", "us-east-1b").filteredOn("us-east-1a"::equals).hasSize(2);
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:aws:autoscaling:groupName")
                .values("web").build(), Filter.builder().name("tag:app").values("web").build()))
                .reservations()).hasSize(4);
        assertThat(targets()).isEmpty();
        fixture.advance(timing("autoscaling.instance.launch").minusSeconds(1));
        assertThat(group().instances()).extracting(Instance::lifecycleStateAsString).containsOnly("Pending");
        fixture.advance(Duration.ofSeconds(1));
        assertThat(group().instances()).extracting(Instance::lifecycleStateAsString).containsOnly("InService");
        assertThat(targets()).hasSize(4).allSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("initial"));
        fixture.advance(timing("elbv2.target.healthy").minusSeconds(1));
        assertThat(targets()).noneSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy"));
        fixture.advance(Duration.ofSeconds(1));
        assertThat(targets()).hasSize(4).allSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy"));
    }

    @Test
    void scaleInDeregistersAndTerminates() {
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").desiredCapacity(3));
        fixture.advancePast("autoscaling.instance.launch");
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").maxSize(1));
        assertThat(group().desiredCapacity()).isEqualTo(1);
        assertThat(group().instances()).extracting(Instance::lifecycleStateAsString)
                .containsExactlyInAnyOrder("Terminating", "Terminating", "InService");
        assertThat(targets()).extracting(t -> t.targetHealth().stateAsString())
                .containsExactlyInAnyOrder("draining", "draining", "initial");
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name").values("shutting-down")))
                .reservations().stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(2);
        fixture.advancePast("ec2.instance.terminate");
        assertThat(group().instances()).singleElement()
                .satisfies(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
        assertThat(asg.describeAutoScalingInstances().autoScalingInstances()).singleElement()
                .satisfies(i -> assertThat(i.healthStatus()).isEqualTo("HEALTHY"));
    }

    @Test
    void scalingActivitiesShowEachLaunchAndTerminationWithItsCause() {
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").desiredCapacity(2));
        var launching = asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities();
        assertThat(launching).hasSize(2).allSatisfy(a -> {
            assertThat(a.statusCodeAsString()).isEqualTo("InProgress");
            assertThat(a.description()).startsWith("Launching a new EC2 instance: i-");
            assertThat(a.cause()).contains("a user request update of AutoScalingGroup constraints to min: 0, max: 6, "
                    + "desired: 2 changing the desired capacity from 0 to 2")
                    .contains("an instance was started in response to a difference between desired and actual capacity");
            assertThat(a.autoScalingGroupState()).isEqualTo("InService");
        });
        fixture.advancePast("autoscaling.instance.launch");
        assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities())
                .allSatisfy(a -> {
                    assertThat(a.statusCodeAsString()).isEqualTo("Successful");
                    assertThat(a.progress()).isEqualTo(100);
                    assertThat(a.endTime()).isEqualTo(fixture.simulator.world().now());
                });

        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        var all = asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).description()).as("in progress first").startsWith("Terminating EC2 instance: i-");
        assertThat(all.get(0).cause()).contains("explicitly set group desired capacity changing the desired capacity "
                + "from 2 to 1").contains("shrinking the capacity from 2 to 1");
        assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("web")
                .filters(f -> f.name("Status").values("InProgress"))).activities()).hasSize(1);
        assertThat(asg.describeScalingActivities(r -> r.activityIds(all.get(1).activityId(), "unknown")).activities())
                .singleElement().satisfies(a -> assertThat(a.activityId()).isEqualTo(all.get(1).activityId()));
        assertThat(asg.describeScalingActivities(r -> r.maxRecords(2)).nextToken()).isNotNull();
        assertThat(asg.describeScalingActivitiesPaginator(r -> r.maxRecords(1)).activities().stream().count())
                .isEqualTo(3);

        asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("web").forceDelete(true));
        fixture.advancePast("ec2.instance.terminate");
        assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities()).isEmpty();
        assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("web").includeDeletedGroups(true))
                .activities()).hasSize(4).allSatisfy(a -> assertThat(a.autoScalingGroupState()).isEqualTo("Deleted"));
    }

    @Test
    void aLaunchThatFailsIsAFailedActivity() {
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateName("web").sourceVersion("1")
                .launchTemplateData(d -> d.imageId("ami-0123456789abcdef0")));
        ec2.modifyLaunchTemplate(r -> r.launchTemplateName("web").defaultVersion("2"));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities()).singleElement()
                .satisfies(a -> {
                    assertThat(a.statusCodeAsString()).isEqualTo("Failed");
                    assertThat(a.statusMessage()).contains("InvalidAMIID.NotFound");
                    assertThat(a.description()).startsWith("Launching a new EC2 instance.  Status Reason: ");
                });
    }

    @Test
    void launchesUseTheDefaultVersionResolvedAtLaunchTime() {
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateName("web").sourceVersion("1")
                .launchTemplateData(d -> d.instanceType("c5.large")));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        ec2.modifyLaunchTemplate(r -> r.launchTemplateName("web").defaultVersion("2"));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(2));
        assertThat(group().instances()).extracting(Instance::instanceType).containsExactly("t3.small", "c5.large");
    }

    @Test
    void boundsNamesAndDeletionAreValidatedAsAwsDoes() {
        assertThat(errorCode(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(7))))
                .isEqualTo("ValidationError");
        assertThat(errorCode(() -> asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(3)
                .desiredCapacity(2)))).isEqualTo("ValidationError");
        assertThat(errorCode(() -> asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).maxSize(1)
                .launchTemplate(t -> t.launchTemplateName("web")).availabilityZones("us-east-1a"))))
                .isEqualTo("AlreadyExists");
        assertThat(errorCode(() -> asg.createAutoScalingGroup(r -> r.autoScalingGroupName("api").minSize(0).maxSize(1)
                .launchTemplate(t -> t.launchTemplateName("nope")).availabilityZones("us-east-1a"))))
                .isEqualTo("ValidationError");
        assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("nope")).autoScalingGroups()).isEmpty();
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        assertThat(errorCode(() -> asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("web"))))
                .isEqualTo("ResourceInUse");
        asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("web").forceDelete(true));
        assertThat(group().status()).isEqualTo("Delete in progress");
        fixture.advancePast("ec2.instance.terminate");
        assertThat(asg.describeAutoScalingGroups().autoScalingGroups()).isEmpty();
    }

    @Test
    void theAdminApiShowsTheComputeState() throws Exception {
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                fixture.simulator.endpoint().resolve("/_sim/state")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("AutoScalingState", "Ec2State", "Elbv2State", "Pending");
    }

    @Test
    void describeAutoScalingGroupsPages() {
        for (int i = 0; i < 3; i++) {
            String name = "g" + i;
            asg.createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(0).maxSize(1)
                    .launchTemplate(t -> t.launchTemplateName("web")).vpcZoneIdentifier("subnet-1,subnet-2"));
        }
        var first = asg.describeAutoScalingGroups(r -> r.maxRecords(3));
        assertThat(first.autoScalingGroups()).hasSize(3);
        assertThat(asg.describeAutoScalingGroups(r -> r.maxRecords(3).nextToken(first.nextToken())).autoScalingGroups())
                .singleElement().satisfies(g -> assertThat(g.availabilityZones())
                        .containsExactly("us-east-1a", "us-east-1b"));
        assertThat(asg.describeAutoScalingGroupsPaginator(r -> r.maxRecords(1)).autoScalingGroups().stream().count())
                .isEqualTo(4);
    }
}
