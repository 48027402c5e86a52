package io.drc.simulator.ec2;

import static io.drc.simulator.ec2.ComputeFixture.EAST;
import static io.drc.simulator.ec2.ComputeFixture.WEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.AwsCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AWS CLI against the simulated EC2, Auto Scaling and ELBv2. */
class ComputeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComputeFixture fixture;
    private AwsCli cli;

    @BeforeEach
    void start() {
        fixture = ComputeFixture.start();
        cli = AwsCli.forSimulator(fixture.simulator);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private JsonNode ok(String region, String... args) {
        try {
            return JSON.readTree(cli.run(region, args).assertOk().stdout());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void instancesImagesVolumesAndSnapshots() {
        JsonNode run = ok(EAST, "ec2", "run-instances", "--image-id", Ec2State.BASE_IMAGE_ID, "--count", "2",
                "--instance-type", "t3.micro", "--tag-specifications",
                "ResourceType=instance,Tags=[{Key=app,Value=web}]");
        String instanceId = run.at("/Instances/0/InstanceId").asText();
        assertThat(run.at("/Instances/0/State/Name").asText()).isEqualTo("pending");
        fixture.advancePast("ec2.instance.launch");
        JsonNode described = ok(EAST, "ec2", "describe-instances", "--filters", "Name=tag:app,Values=web",
                "Name=instance-state-name,Values=running");
        assertThat(described.at("/Reservations/0/Instances")).hasSize(2);
        assertThat(ok(EAST, "ec2", "describe-instance-status", "--instance-ids", instanceId)
                .at("/InstanceStatuses/0/InstanceStatus/Status").asText()).isEqualTo("initializing");
        assertThat(ok(EAST, "ec2", "describe-account-attributes", "--attribute-names", "default-vpc")
                .at("/AccountAttributes/0/AttributeValues/0/AttributeValue").asText()).startsWith("vpc-");

        String imageId = ok(EAST, "ec2", "create-image", "--instance-id", instanceId, "--name", "web-1",
                "--no-reboot").get("ImageId").asText();
        assertThat(ok(EAST, "ec2", "describe-images", "--owners", "self").at("/Images/0/State").asText())
                .isEqualTo("pending");
        fixture.advancePast("ec2.image.create");
        assertThat(ok(EAST, "ec2", "describe-images", "--image-ids", imageId).at("/Images/0/State").asText())
                .isEqualTo("available");

        String volumeId = ok(EAST, "ec2", "create-volume", "--availability-zone", "us-east-1a", "--size", "10",
                "--volume-type", "gp3").get("VolumeId").asText();
        JsonNode volume = ok(EAST, "ec2", "describe-volumes", "--volume-ids", volumeId).at("/Volumes/0");
        assertThat(volume.get("State").asText()).isEqualTo("creating");
        assertThat(volume.get("Attachments").isArray()).as("always present").isTrue();
        assertThat(ok(EAST, "ec2", "describe-availability-zones", "--zone-names", "us-east-1a")
                .at("/AvailabilityZones/0/ZoneId").asText()).isEqualTo("use1-az1");
        String snapshotId = ok(EAST, "ec2", "create-snapshot", "--volume-id", volumeId, "--description", "nightly")
                .get("SnapshotId").asText();
        fixture.advancePast("ec2.snapshot.create");
        JsonNode snapshot = ok(EAST, "ec2", "describe-snapshots", "--owner-ids", "self", "--filters",
                "Name=volume-id,Values=" + volumeId).at("/Snapshots/0");
        assertThat(snapshot.get("State").asText()).isEqualTo("completed");
        assertThat(snapshot.get("Progress").asText()).isEqualTo("100%");
        assertThat(snapshot.get("SnapshotId").asText()).isEqualTo(snapshotId);
        String copyId = ok(WEST, "ec2", "copy-snapshot", "--source-region", EAST, "--source-snapshot-id",
                snapshotId).get("SnapshotId").asText();
        assertThat(ok(WEST, "ec2", "describe-snapshots", "--snapshot-ids", copyId).at("/Snapshots/0/State").asText())
                .isEqualTo("pending");
        assertThat(ok(WEST, "ec2", "copy-image", "--source-region", EAST, "--source-image-id", imageId, "--name",
                "web-1", "--client-token", "t-1").get("ImageId").asText()).startsWith("ami-");
    }

    @Test
    void runInstancesWithAClientTokenLaunchesOnce() {
        String[] launch = {"ec2", "run-instances", "--image-id", Ec2State.BASE_IMAGE_ID, "--instance-type", "t3.micro",
                "--client-token", "cli-launch-1"};
        String reservation = ok(EAST, launch).get("ReservationId").asText();
        assertThat(ok(EAST, launch).get("ReservationId").asText()).isEqualTo(reservation);
        assertThat(ok(EAST, "ec2", "describe-instances").at("/Reservations/0/Instances")).singleElement()
                .satisfies(i -> assertThat(i.get("ClientToken").asText()).isEqualTo("cli-launch-1"));
        AwsCli.Result mismatch = cli.run(EAST, "ec2", "run-instances", "--image-id", Ec2State.BASE_IMAGE_ID,
                "--instance-type", "m5.large", "--client-token", "cli-launch-1");
        assertThat(mismatch.exitCode()).isNotZero();
        assertThat(mismatch.stderr()).contains("IdempotentParameterMismatch");
    }

    @Test
    void unknownInstanceIdGetsAwsErrorCode() {
        AwsCli.Result result = cli.run(EAST, "ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("InvalidInstanceID.NotFound").contains("i-0123456789abcdef0");
    }

    @Test
    void autoScalingGroupInATargetGroup() {
        ok(EAST, "ec2", "create-launch-template", "--launch-template-name", "web", "--launch-template-data",
                "{\"ImageId\":\"" + Ec2State.BASE_IMAGE_ID + "\",\"InstanceType\":\"t3.micro\"}");
        String arn = ok(EAST, "elbv2", "create-target-group", "--name", "web", "--protocol", "HTTP", "--port", "80",
                "--vpc-id", "vpc-0123456789abcdef0").at("/TargetGroups/0/TargetGroupArn").asText();
        assertThat(ok(EAST, "elbv2", "describe-target-groups", "--names", "web").at("/TargetGroups/0/Port").asInt())
                .isEqualTo(80);
        cli.run(EAST, "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "web",
                "--launch-template", "LaunchTemplateName=web,Version=$Default", "--min-size", "0", "--max-size", "4",
                "--desired-capacity", "2", "--target-group-arns", arn, "--availability-zones", "us-east-1a")
                .assertOk();
        fixture.advancePast("autoscaling.instance.launch");
        assertThat(ok(EAST, "autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "web")
                .get("Activities")).hasSize(2)
                .allSatisfy(a -> assertThat(a.get("StatusCode").asText()).isEqualTo("Successful"));
        JsonNode groups = ok(EAST, "autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web");
        assertThat(groups.at("/AutoScalingGroups/0/Instances")).hasSize(2)
                .allSatisfy(i -> assertThat(i.get("LifecycleState").asText()).isEqualTo("InService"));
        JsonNode health = ok(EAST, "elbv2", "describe-target-health", "--target-group-arn", arn);
        assertThat(health.get("TargetHealthDescriptions")).hasSize(2)
                .allSatisfy(d -> assertThat(d.at("/TargetHealth/Reason").asText()).isEqualTo("Target.NotInUse"));

        String lb = ok(EAST, "elbv2", "create-load-balancer", "--name", "web-alb", "--subnets",
                "subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2").at("/LoadBalancers/0/LoadBalancerArn").asText();
        ok(EAST, "elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", "80",
                "--default-actions", "Type=forward,TargetGroupArn=" + arn);
        fixture.advancePast("elbv2.loadbalancer.active");
        assertThat(ok(EAST, "elbv2", "describe-load-balancers", "--names", "web-alb")
                .at("/LoadBalancers/0/State/Code").asText()).isEqualTo("active");
        assertThat(ok(EAST, "elbv2", "describe-listeners", "--load-balancer-arn", lb)
                .at("/Listeners/0/DefaultActions/0/TargetGroupArn").asText()).isEqualTo(arn);
        assertThat(ok(EAST, "elbv2", "describe-target-health", "--target-group-arn", arn).get("TargetHealthDescriptions"))
                .allSatisfy(d -> assertThat(d.at("/TargetHealth/State").asText()).isEqualTo("initial"));
        fixture.advancePast("elbv2.target.healthy");
        assertThat(ok(EAST, "elbv2", "describe-target-health", "--target-group-arn", arn).get("TargetHealthDescriptions"))
                .allSatisfy(d -> assertThat(d.at("/TargetHealth/State").asText()).isEqualTo("healthy"));
        AwsCli.Result inUse = cli.run(EAST, "elbv2", "delete-target-group", "--target-group-arn", arn);
        assertThat(inUse.stderr()).contains("ResourceInUse");
        AwsCli.Result missing = cli.run(EAST, "elbv2", "describe-target-groups", "--names", "nope");
        assertThat(missing.stderr()).contains("TargetGroupNotFound");
    }
}
