package io.drc.simulator.ec2;

import static io.drc.simulator.ec2.ComputeFixture.EAST;
import static io.drc.simulator.ec2.ComputeFixture.WEST;
import static io.drc.simulator.ec2.ComputeFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/** ClientToken: a repeated request has no further effect and answers as the first; other parameters are refused. */
class Ec2IdempotencyTest {
    private ComputeFixture fixture;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        fixture = ComputeFixture.start();
        ec2 = fixture.clients.ec2(EAST);
    }

    @AfterEach
    void stop() {
        ec2.close();
        fixture.close();
    }

    private static RunInstancesRequest launch(String token, String type, String zone) {
        return RunInstancesRequest.builder().imageId(Ec2State.BASE_IMAGE_ID).instanceType(type).minCount(2).maxCount(2)
                .clientToken(token).placement(p -> p.availabilityZone(zone)).build();
    }

    private List<Instance> instances(Ec2Client client) {
        return client.describeInstances().reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    @Test
    void aRetriedRunInstancesLaunchesOnceAndAnswersWithTheInstancesCurrentState() {
        RunInstancesResponse first = ec2.runInstances(launch("launch-web-1", "t3.micro", "us-east-1a"));
        fixture.advancePast("ec2.instance.launch");
        RunInstancesResponse again = ec2.runInstances(launch("launch-web-1", "t3.micro", "us-east-1a"));
        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances()).extracting(Instance::instanceId)
                .containsExactlyElementsOf(first.instances().stream().map(Instance::instanceId).toList());
        assertThat(again.instances()).extracting(i -> i.state().nameAsString()).containsOnly("running");
        assertThat(instances(ec2)).hasSize(2).allSatisfy(i -> assertThat(i.clientToken()).isEqualTo("launch-web-1"));
    }

    @Test
    void theSameTokenWithOtherParametersIsAMismatchButAnotherZoneIsNot() {
        RunInstancesResponse first = ec2.runInstances(launch("launch-web-1", "t3.micro", "us-east-1a"));
        assertThat(errorCode(() -> ec2.runInstances(launch("launch-web-1", "m5.large", "us-east-1a"))))
                .isEqualTo("IdempotentParameterMismatch");
        assertThat(ec2.runInstances(launch("launch-web-1", "t3.micro", "us-east-1b")).reservationId())
                .as("AWS lets the Availability Zone differ").isEqualTo(first.reservationId());
        assertThat(instances(ec2)).hasSize(2);
    }

    @Test
    void tokensAreScopedToTheirRegionAndAFailedRequestLeavesNoToken() {
        try (Ec2Client west = fixture.clients.ec2(WEST)) {
            west.runInstances(launch("launch-web-1", "t3.micro", "us-west-2a"));
            ec2.runInstances(launch("launch-web-1", "t3.micro", "us-east-1a"));
            assertThat(instances(west)).hasSize(2);
        }
        assertThat(instances(ec2)).hasSize(2);
        RunInstancesRequest unknownImage = launch("launch-web-2", "t3.micro", "us-east-1a").toBuilder()
                .imageId("ami-0123456789abcdef0").build();
        assertThat(errorCode(() -> ec2.runInstances(unknownImage))).isEqualTo("InvalidAMIID.NotFound");
        ec2.runInstances(launch("launch-web-2", "t3.micro", "us-east-1a"));
        assertThat(instances(ec2)).hasSize(4);
    }

    @Test
    void launchTemplatesAndTheirVersionsAreMadeOncePerToken() {
        String id = ec2.createLaunchTemplate(r -> r.launchTemplateName("web").clientToken("lt-web")
                .launchTemplateData(d -> d.imageId(Ec2State.BASE_IMAGE_ID))).launchTemplate().launchTemplateId();
        assertThat(ec2.createLaunchTemplate(r -> r.launchTemplateName("web").clientToken("lt-web")
                .launchTemplateData(d -> d.imageId(Ec2State.BASE_IMAGE_ID))).launchTemplate().launchTemplateId())
                .isEqualTo(id);
        assertThat(errorCode(() -> ec2.createLaunchTemplate(r -> r.launchTemplateName("web").clientToken("lt-web")
                .launchTemplateData(d -> d.imageId(Ec2State.BASE_IMAGE_ID).instanceType("m5.large")))))
                .isEqualTo("IdempotentParameterMismatch");
        assertThat(errorCode(() -> ec2.createLaunchTemplate(r -> r.launchTemplateName("web")
                .launchTemplateData(d -> d.imageId(Ec2State.BASE_IMAGE_ID)))))
                .as("a new token for the same name").isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException");

        for (int i = 0; i < 2; i++) {
            assertThat(ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(id).clientToken("v2")
                    .launchTemplateData(d -> d.instanceType("m5.large"))).launchTemplateVersion().versionNumber())
                    .isEqualTo(2);
        }
        ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("2").clientToken("default-2"));
        ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("1"));
        assertThat(ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("2").clientToken("default-2"))
                .launchTemplate().defaultVersionNumber()).as("the repeat has no further effect").isEqualTo(1);
        assertThat(ec2.describeLaunchTemplates(r -> r.launchTemplateIds(id)).launchTemplates().get(0)
                .latestVersionNumber()).isEqualTo(2);
    }

    @Test
    void createVolumeIsMadeOncePerTokenAndAfterDeletionShowsDeleted() {
        String id = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8).clientToken("data")).volumeId();
        assertThat(ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8).clientToken("data")).volumeId())
                .isEqualTo(id);
        assertThat(errorCode(() -> ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(9).clientToken("data"))))
                .isEqualTo("IdempotentParameterMismatch");
        assertThat(ec2.describeVolumes().volumes()).hasSize(1);
        ec2.deleteVolume(r -> r.volumeId(id));
        var repeated = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8).clientToken("data"));
        assertThat(repeated.volumeId()).isEqualTo(id);
        assertThat(repeated.stateAsString()).isEqualTo("deleted");
        assertThat(ec2.describeVolumes().volumes()).isEmpty();
    }
}
