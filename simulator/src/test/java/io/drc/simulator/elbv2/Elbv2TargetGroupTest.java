package io.drc.simulator.elbv2;

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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

class Elbv2TargetGroupTest {
    private ComputeFixture fixture;
    private ElasticLoadBalancingV2Client elb;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        fixture = ComputeFixture.start();
        elb = fixture.clients.elbv2(EAST);
        ec2 = fixture.clients.ec2(EAST);
    }

    @AfterEach
    void stop() {
        elb.close();
        ec2.close();
        fixture.close();
    }

    private TargetGroup create(String name) {
        return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId("vpc-0123456789abcdef0"))
                .targetGroups().get(0);
    }

    private TargetHealth health(String arn, String instanceId) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(arn).targets(t -> t.id(instanceId)))
                .targetHealthDescriptions().get(0).targetHealth();
    }

    @Test
    void targetGroupsAreCreatedIdempotentlyAndDescribedByPage() {
        TargetGroup web = create("web");
        assertThat(web.targetGroupArn()).matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/[0-9a-f]{16}");
        assertThat(web.healthCheckIntervalSeconds()).isEqualTo(30);
        assertThat(web.healthyThresholdCount()).isEqualTo(5);
        assertThat(create("web").targetGroupArn()).isEqualTo(web.targetGroupArn());
        assertThat(errorCode(() -> elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(8080)
                .vpcId("vpc-0123456789abcdef0")))).isEqualTo("DuplicateTargetGroupName");
        assertThat(errorCode(() -> elb.createTargetGroup(r -> r.name("api").protocol("HTTP").port(80))))
                .isEqualTo("ValidationError");
        create("api");
        create("admin");
        DescribeTargetGroupsResponse first = elb.describeTargetGroups(r -> r.pageSize(2));
        assertThat(first.targetGroups()).extracting(TargetGroup::targetGroupName).containsExactly("web", "api");
        assertThat(elb.describeTargetGroups(r -> r.pageSize(2).marker(first.nextMarker())).targetGroups())
                .extracting(TargetGroup::targetGroupName).containsExactly("admin");
        assertThat(elb.describeTargetGroups(r -> r.names("api")).targetGroups()).hasSize(1);
        assertThat(errorCode(() -> elb.describeTargetGroups(r -> r.names("nope")))).isEqualTo("TargetGroupNotFound");
        assertThat(errorCode(() -> elb.describeTargetHealth(r -> r.targetGroupArn(web.targetGroupArn() + "0"))))
                .isEqualTo("TargetGroupNotFound");
    }

    @Test
    void targetsTurnHealthyAfterTheHealthCheckDurationAndDrainWhenDeregistered() {
        String arn = create("web").targetGroupArn();
        fixture.loadBalance(EAST, "web-alb", arn);
        String id = ec2.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        fixture.advancePast("ec2.instance.launch");
        elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(id)));
        assertThat(health(arn, id)).satisfies(h -> {
            assertThat(h.stateAsString()).isEqualTo("initial");
            assertThat(h.reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
        });
        fixture.advance(fixture.simulator.world().timings().of("elbv2.target.healthy").minusSeconds(1));
        assertThat(health(arn, id).stateAsString()).isEqualTo("initial");
        fixture.advance(Duration.ofSeconds(1));
        assertThat(health(arn, id).stateAsString()).isEqualTo("healthy");
        elb.deregisterTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(id)));
        assertThat(health(arn, id).reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
        fixture.advancePast("elbv2.target.draining");
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions()).isEmpty();
        assertThat(health(arn, id).reasonAsString()).isEqualTo("Target.NotRegistered");
    }

    @Test
    void targetsWhoseInstanceIsNotRunningAreNotHealthy() {
        String arn = create("web").targetGroupArn();
        fixture.loadBalance(EAST, "web-alb", arn);
        List<String> ids = ec2.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).minCount(2).maxCount(2))
                .instances().stream().map(i -> i.instanceId()).toList();
        elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(ids.get(0)), t -> t.id(ids.get(1))));
        fixture.advancePast("elbv2.target.healthy");
        ec2.terminateInstances(r -> r.instanceIds(ids.get(1)));
        assertThat(health(arn, ids.get(0)).stateAsString()).isEqualTo("healthy");
        assertThat(health(arn, ids.get(1))).satisfies(h -> {
            assertThat(h.stateAsString()).isEqualTo("unused");
            assertThat(h.reasonAsString()).isEqualTo("Target.InvalidState");
        });
        assertThat(errorCode(() -> elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(ids.get(1))))))
                .isEqualTo("InvalidTarget");
    }

    @Test
    void aTargetStillPendingWhenChecksEndIsUnhealthy() {
        fixture.simulator.world().timings().set("ec2.instance.launch", Duration.ofHours(1));
        String arn = create("web").targetGroupArn();
        fixture.loadBalance(EAST, "web-alb", arn);
        String id = ec2.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(id)));
        fixture.advancePast("elbv2.target.healthy");
        assertThat(health(arn, id)).satisfies(h -> {
            assertThat(h.stateAsString()).isEqualTo("unhealthy");
            assertThat(h.reasonAsString()).isEqualTo("Target.FailedHealthChecks");
        });
    }
}
