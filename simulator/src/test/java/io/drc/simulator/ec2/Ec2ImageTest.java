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
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class Ec2ImageTest {
    private ComputeFixture fixture;
    private Ec2Client east;
    private Ec2Client west;
    private String instanceId;

    @BeforeEach
    void start() {
        fixture = ComputeFixture.start();
        east = fixture.clients.ec2(EAST);
        west = fixture.clients.ec2(WEST);
        instanceId = east.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        fixture.advancePast("ec2.instance.launch");
    }

    @AfterEach
    void stop() {
        east.close();
        west.close();
        fixture.close();
    }

    private String createImage(String name, boolean noReboot, String app) {
        return east.createImage(r -> r.instanceId(instanceId).name(name).noReboot(noReboot)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.IMAGE)
                        .tags(t -> t.key("app").value(app)).build())).imageId();
    }

    private Image image(Ec2Client client, String id) {
        return client.describeImages(r -> r.imageIds(id)).images().get(0);
    }

    private int reboots() {
        return fixture.inRegion(EAST, r -> Ec2State.of(r).findInstance(instanceId).orElseThrow().reboots());
    }

    @Test
    void createImageIsPendingThenAvailableWithItsSnapshotAndRebootsUnlessTold() {
        String imageId = createImage("web-1", true, "web");
        assertThat(reboots()).isZero();
        Image pending = image(east, imageId);
        assertThat(pending.stateAsString()).isEqualTo("pending");
        String snapshotId = pending.blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(east.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0).stateAsString())
                .isEqualTo("pending");
        fixture.advancePast("ec2.image.create");
        assertThat(image(east, imageId).stateAsString()).isEqualTo("available");
        assertThat(east.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0).stateAsString())
                .isEqualTo("completed");
        createImage("web-2", false, "web");
        assertThat(reboots()).isEqualTo(1);
        assertThat(errorCode(() -> createImage("web-2", true, "web"))).isEqualTo("InvalidAMIName.Duplicate");
    }

    @Test
    void copyImageWithTheSameClientTokenMakesOneCopy() {
        String source = createImage("web-1", true, "web");
        assertThat(errorCode(() -> west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name("web-1"))))
                .isEqualTo("IncorrectState");
        fixture.advancePast("ec2.image.create");
        String first = west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name("web-1")
                .clientToken("copy-web-1").copyImageTags(true)).imageId();
        String again = west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name("web-1")
                .clientToken("copy-web-1").copyImageTags(true)).imageId();
        assertThat(again).isEqualTo(first);
        assertThat(errorCode(() -> west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name("web-2")
                .clientToken("copy-web-1").copyImageTags(true)))).isEqualTo("IdempotentParameterMismatch");
        List<Image> copies = west.describeImages(r -> r.owners("self")).images();
        assertThat(copies).singleElement().satisfies(i -> {
            assertThat(i.stateAsString()).isEqualTo("pending");
            assertThat(i.sourceImageId()).isEqualTo(source);
            assertThat(i.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("web"));
        });
        assertThat(west.describeSnapshots(r -> r.ownerIds("self")).snapshots()).singleElement()
                .satisfies(s -> assertThat(s.stateAsString()).isEqualTo("pending"));
        fixture.advancePast("ec2.image.copy");
        assertThat(image(west, first).stateAsString()).isEqualTo("available");
        assertThat(west.describeSnapshots().snapshots()).singleElement()
                .satisfies(s -> assertThat(s.stateAsString()).isEqualTo("completed"));
    }

    @Test
    void copyImageErrors() {
        String source = createImage("web-1", true, "web");
        fixture.advancePast("ec2.image.create");
        assertThat(errorCode(() -> west.copyImage(r -> r.sourceRegion(EAST).sourceImageId("ami-0123456789abcdef0")
                .name("x")))).isEqualTo("InvalidAMIID.NotFound");
        assertThat(errorCode(() -> west.copyImage(r -> r.sourceRegion(EAST).sourceImageId("web").name("x"))))
                .isEqualTo("InvalidAMIID.Malformed");
        assertThat(errorCode(() -> west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source))))
                .isEqualTo("MissingParameter");
        assertThat(errorCode(() -> west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name("x")
                .encrypted(true).kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/abc"))))
                .isEqualTo("InvalidParameterValue");
        String encrypted = west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name("x")
                .encrypted(true).kmsKeyId("arn:aws:kms:us-west-2:123456789012:key/abc")).imageId();
        assertThat(image(west, encrypted).blockDeviceMappings().get(0).ebs().encrypted()).isTrue();
    }

    @Test
    void describeImagesByOwnerTagStateAndPages() {
        for (int i = 0; i < 6; i++) {
            createImage("img-" + i, true, i % 2 == 0 ? "web" : "db");
        }
        assertThat(east.describeImages().images()).hasSize(7);
        assertThat(east.describeImages(r -> r.owners("amazon")).images()).extracting(Image::imageId)
                .containsExactly(Ec2State.BASE_IMAGE_ID);
        assertThat(east.describeImages(r -> r.owners("self").filters(Filter.builder().name("tag:app").values("db")
                .build())).images()).hasSize(3);
        assertThat(east.describeImages(r -> r.owners("self").filters(f -> f.name("state").values("available")))
                .images()).isEmpty();
        assertThat(east.describeImages(r -> r.filters(f -> f.name("name").values("img-?"))).images()).hasSize(6);
        DescribeImagesResponse page = east.describeImages(r -> r.owners("self").maxResults(5));
        assertThat(page.images()).hasSize(5);
        assertThat(east.describeImages(r -> r.owners("self").maxResults(5).nextToken(page.nextToken())).images())
                .hasSize(1);
        assertThat(errorCode(() -> east.describeImages(r -> r.nextToken("garbage")))).isEqualTo("InvalidPaginationToken");
    }

    @Test
    void deregisteredImagesLeaveTheirSnapshotsWhichThenCanBeDeleted() {
        String imageId = createImage("web-1", true, "web");
        fixture.advancePast("ec2.image.create");
        String snapshotId = image(east, imageId).blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(errorCode(() -> east.deleteSnapshot(r -> r.snapshotId(snapshotId)))).isEqualTo("InvalidSnapshot.InUse");
        east.deregisterImage(r -> r.imageId(imageId));
        assertThat(errorCode(() -> east.describeImages(r -> r.imageIds(imageId)))).isEqualTo("InvalidAMIID.NotFound");
        assertThat(east.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots()).hasSize(1);
        east.deleteSnapshot(r -> r.snapshotId(snapshotId));
        assertThat(east.describeSnapshots().snapshots()).isEmpty();
    }

    @Test
    void copyImageTagsTheCopyAndItsSnapshotsAndDeregisterDeletesTheSnapshotsWhenAsked() {
        String source = createImage("web-1", true, "web");
        fixture.advancePast("ec2.image.create");
        String copy = west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name("web-1").tagSpecifications(
                TagSpecification.builder().resourceType(ResourceType.IMAGE).tags(t -> t.key("kind").value("ami")).build(),
                TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(t -> t.key("kind").value("snap"))
                        .build())).imageId();
        fixture.advancePast("ec2.image.copy");
        String snapshotId = image(west, copy).blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(image(west, copy).tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("ami"));
        assertThat(west.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0).tags()).singleElement()
                .satisfies(t -> assertThat(t.value()).isEqualTo("snap"));

        var answer = west.deregisterImage(r -> r.imageId(copy).deleteAssociatedSnapshots(true));

        assertThat(answer.deleteSnapshotResults()).singleElement().satisfies(d -> {
            assertThat(d.snapshotId()).isEqualTo(snapshotId);
            assertThat(d.returnCode()).isEqualTo(software.amazon.awssdk.services.ec2.model.SnapshotReturnCodes.SUCCESS);
        });
        assertThat(west.describeSnapshots(r -> r.ownerIds("self")).snapshots()).isEmpty();
        // Without the parameter the source's snapshot stays, as before.
        east.deregisterImage(r -> r.imageId(source));
        assertThat(east.describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(1);
    }
}
