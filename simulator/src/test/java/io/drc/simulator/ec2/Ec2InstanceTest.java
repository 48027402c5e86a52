package io.drc.simulator.ec2;

import static io.drc.simulator.ec2.ComputeFixture.EAST;
import static io.drc.simulator.ec2.ComputeFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class Ec2InstanceTest {
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

    private RunInstancesResponse run(int count, String role) {
        return ec2.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).instanceType("t3.micro")
                .minCount(count).maxCount(count)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(t -> t.key("role").value(role)).build()));
    }

    private List<Instance> describe(Filter... filters) {
        return ec2.describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
    }

    @Test
    void instancesArePendingThenRunningAfterTheLaunchDuration() {
        RunInstancesResponse run = run(2, "web");
        assertThat(run.instances()).hasSize(2).allSatisfy(i -> {
            assertThat(i.state().nameAsString()).isEqualTo("pending");
            assertThat(i.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("web"));
        });
        fixture.advance(fixture.simulator.world().timings().of("ec2.instance.launch").minusSeconds(1));
        assertThat(describe()).extracting(i -> i.state().nameAsString()).containsOnly("pending");
        fixture.advance(Duration.ofSeconds(1));
        assertThat(describe(Filter.builder().name("instance-state-name").values("running").build()))
                .hasSize(2).allSatisfy(i -> {
                    assertThat(i.state().code()).isEqualTo(16);
                    assertThat(i.privateDnsName()).endsWith(".ec2.internal");
                    assertThat(i.monitoring().stateAsString()).isEqualTo("disabled");
                    assertThat(i.stateTransitionReason()).isEmpty();
                    assertThat(i.blockDeviceMappings()).singleElement()
                            .satisfies(b -> assertThat(b.ebs().volumeId()).startsWith("vol-"));
                });
    }

    @Test
    void tagFiltersAndPagination() {
        run(4, "web");
        run(3, "db");
        assertThat(describe(Filter.builder().name("tag:role").values("db").build())).hasSize(3);
        assertThat(describe(Filter.builder().name("tag-key").values("role").build())).hasSize(7);
        assertThat(describe(Filter.builder().name("tag:role").values("w*").build())).hasSize(4);
        DescribeInstancesResponse first = ec2.describeInstances(r -> r.maxResults(5));
        assertThat(first.reservations().stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(5);
        assertThat(first.nextToken()).isNotNull();
        DescribeInstancesResponse second = ec2.describeInstances(r -> r.maxResults(5).nextToken(first.nextToken()));
        assertThat(second.reservations().stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(2);
        assertThat(second.nextToken()).isNull();
        assertThat(ec2.describeInstancesPaginator(r -> r.maxResults(5)).reservations().stream()
                .mapToLong(r -> r.instances().size()).sum()).isEqualTo(7);
        assertThat(ec2.describeInstances().reservations()).extracting(Reservation::reservationId).hasSize(2);
        assertThat(describe(Filter.builder().name("tag:role").values("db").build()))
                .extracting(Instance::amiLaunchIndex).containsExactly(0, 1, 2);
    }

    @Test
    void unknownAndMalformedIdsAreRejectedAsAwsDoes() {
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.instanceIds("web-1"))))
                .isEqualTo("InvalidInstanceID.Malformed");
        assertThat(errorCode(() -> ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(errorCode(() -> ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(1).maxCount(1))))
                .isEqualTo("InvalidAMIID.NotFound");
        assertThat(errorCode(() -> ec2.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID))))
                .isEqualTo("MissingParameter");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.filters(f -> f.name("colour").values("red")))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void terminatedInstancesShutDownThenTerminateAndLoseTheirRootVolume() {
        String id = run(1, "web").instances().get(0).instanceId();
        fixture.advancePast("ec2.instance.launch");
        var change = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(change.previousState().nameAsString()).isEqualTo("running");
        assertThat(change.currentState().nameAsString()).isEqualTo("shutting-down");
        assertThat(ec2.describeVolumes().volumes()).hasSize(1);
        fixture.advancePast("ec2.instance.terminate");
        assertThat(describe()).singleElement().satisfies(i -> {
            assertThat(i.state().nameAsString()).isEqualTo("terminated");
            assertThat(i.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
            assertThat(i.stateTransitionReason()).startsWith("User initiated (");
        });
        assertThat(ec2.describeVolumes().volumes()).isEmpty();
    }

    @Test
    void availabilityZonesShowTheirIdsAndCanBeSelected() {
        var zones = ec2.describeAvailabilityZones().availabilityZones();
        assertThat(zones).extracting(z -> z.zoneName() + "=" + z.zoneId())
                .containsExactly("us-east-1a=use1-az1", "us-east-1b=use1-az2", "us-east-1c=use1-az3");
        assertThat(zones).allSatisfy(z -> {
            assertThat(z.optInStatusAsString()).isEqualTo("opt-in-not-required");
            assertThat(z.groupName()).isEqualTo("us-east-1-zg-1");
            assertThat(z.networkBorderGroup()).isEqualTo("us-east-1");
        });
        assertThat(ec2.describeAvailabilityZones(r -> r.zoneNames("us-east-1b")).availabilityZones())
                .singleElement().satisfies(z -> assertThat(z.zoneId()).isEqualTo("use1-az2"));
        assertThat(ec2.describeAvailabilityZones(r -> r.filters(f -> f.name("zone-id").values("use1-az3")))
                .availabilityZones()).singleElement().satisfies(z -> assertThat(z.zoneName()).isEqualTo("us-east-1c"));
        assertThat(errorCode(() -> ec2.describeAvailabilityZones(r -> r.zoneNames("us-east-1z"))))
                .isEqualTo("InvalidParameterValue");
        try (Ec2Client west = fixture.clients.ec2(ComputeFixture.WEST)) {
            assertThat(west.describeAvailabilityZones().availabilityZones().get(0).zoneId()).isEqualTo("usw2-az1");
        }
    }

    @Test
    void volumesShowAttachmentsEvenWhenThereAreNone() {
        String root = run(1, "web").instances().get(0).blockDeviceMappings().get(0).ebs().volumeId();
        String data = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(100).volumeType("gp2")).volumeId();
        var volumes = ec2.describeVolumes().volumes();
        assertThat(volumes).filteredOn(v -> v.volumeId().equals(data)).singleElement().satisfies(v -> {
            assertThat(v.attachments()).isEmpty();
            assertThat(v.attachments()).isNotInstanceOf(software.amazon.awssdk.core.util.SdkAutoConstructList.class);
            assertThat(v.iops()).isEqualTo(300);
        });
        assertThat(volumes).filteredOn(v -> v.volumeId().equals(root)).singleElement()
                .satisfies(v -> assertThat(v.attachments()).singleElement()
                        .satisfies(a -> assertThat(a.stateAsString()).isEqualTo("attached")));
    }

    @Test
    void statusChecksInitializeThenPassAndOnlyRunningInstancesAreShownUnlessAllAreAsked() {
        String id = run(1, "web").instances().get(0).instanceId();
        assertThat(ec2.describeInstanceStatus().instanceStatuses()).as("pending: not shown").isEmpty();
        assertThat(ec2.describeInstanceStatus(r -> r.includeAllInstances(true)).instanceStatuses()).singleElement()
                .satisfies(s -> assertThat(s.instanceStatus().statusAsString()).isEqualTo("not-applicable"));
        fixture.advancePast("ec2.instance.launch");
        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(id)).instanceStatuses()).singleElement().satisfies(s -> {
            assertThat(s.instanceState().nameAsString()).isEqualTo("running");
            assertThat(s.systemStatus().statusAsString()).isEqualTo("initializing");
            assertThat(s.instanceStatus().details()).singleElement()
                    .satisfies(d -> assertThat(d.statusAsString()).isEqualTo("initializing"));
            assertThat(s.availabilityZoneId()).isEqualTo("use1-az1");
        });
        fixture.advancePast("ec2.instance.checks");
        assertThat(ec2.describeInstanceStatus(r -> r.filters(f -> f.name("instance-status.status").values("ok")))
                .instanceStatuses()).singleElement()
                .satisfies(s -> assertThat(s.instanceStatus().details().get(0).statusAsString()).isEqualTo("passed"));
        assertThat(errorCode(() -> ec2.describeInstanceStatus(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
    }

    @Test
    void accountAttributesNameTheDefaultVpc() {
        assertThat(ec2.describeAccountAttributes().accountAttributes()).extracting(a -> a.attributeName())
                .contains("supported-platforms", "default-vpc", "max-instances");
        assertThat(ec2.describeAccountAttributes(r -> r.attributeNamesWithStrings("default-vpc")).accountAttributes())
                .singleElement().satisfies(a -> assertThat(a.attributeValues().get(0).attributeValue())
                        .isEqualTo(Subnets.DEFAULT_VPC));
        assertThat(errorCode(() -> ec2.describeAccountAttributes(r -> r.attributeNamesWithStrings("colour"))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void runInstancesFromALaunchTemplateUsesItsDefaultVersion() {
        ec2.createLaunchTemplate(r -> r.launchTemplateName("web").launchTemplateData(d -> d
                .imageId(Ec2State.BASE_IMAGE_ID).instanceType("m5.large")));
        Instance instance = ec2.runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("web").version("$Default"))).instances().get(0);
        assertThat(instance.imageId()).isEqualTo(Ec2State.BASE_IMAGE_ID);
        assertThat(instance.instanceTypeAsString()).isEqualTo("m5.large");
    }
}
