package io.drc.simulator.ec2;

import static io.drc.simulator.ec2.ComputeFixture.EAST;
import static io.drc.simulator.ec2.ComputeFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

class Ec2TagsAndTemplatesTest {
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

    @Test
    void tagsAreCreatedDescribedAndDeletedAcrossResourceTypes() {
        String volume = ec2.createVolume(r -> r.availabilityZone("us-east-1b").size(8)).volumeId();
        String snapshot = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        ec2.createTags(r -> r.resources(volume, snapshot).tags(t -> t.key("env").value("prod"),
                t -> t.key("team").value("a")));
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("key").values("env"))).tags())
                .extracting(TagDescription::resourceId, TagDescription::resourceTypeAsString)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(volume, "volume"),
                        org.assertj.core.groups.Tuple.tuple(snapshot, "snapshot"));
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-type").values("snapshot"))).tags()).hasSize(2);
        ec2.deleteTags(r -> r.resources(volume).tags(t -> t.key("team").value("b")));
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(volume))).tags()).hasSize(2);
        ec2.deleteTags(r -> r.resources(volume).tags(t -> t.key("team")));
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(volume))).tags())
                .extracting(TagDescription::key).containsExactly("env");
        assertThat(errorCode(() -> ec2.createTags(r -> r.resources("i-0123456789abcdef0").tags(t -> t.key("a")))))
                .isEqualTo("InvalidInstanceID.NotFound");
    }

    @Test
    void aResourceHoldsAtMostFiftyTags() {
        String volume = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();
        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        ec2.createTags(r -> r.resources(volume).tags(fifty));
        ec2.createTags(r -> r.resources(volume).tags(t -> t.key("k0").value("overwritten")));
        assertThat(errorCode(() -> ec2.createTags(r -> r.resources(volume).tags(t -> t.key("one-more").value("x")))))
                .isEqualTo("TagLimitExceeded");
    }

    @Test
    void launchTemplateVersionsDefaultAndLatest() {
        String id = ec2.createLaunchTemplate(r -> r.launchTemplateName("web").launchTemplateData(d -> d
                .imageId(Ec2State.BASE_IMAGE_ID).instanceType("t3.micro"))).launchTemplate().launchTemplateId();
        LaunchTemplateVersion v2 = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(id).sourceVersion("1")
                .launchTemplateData(d -> d.imageId("ami-00000000000000abc"))).launchTemplateVersion();
        assertThat(v2.versionNumber()).isEqualTo(2L);
        assertThat(v2.launchTemplateData().instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(v2.defaultVersion()).isFalse();
        assertThat(version("$Default").versionNumber()).isEqualTo(1L);
        assertThat(version("$Latest").launchTemplateData().imageId()).isEqualTo("ami-00000000000000abc");
        var modified = ec2.modifyLaunchTemplate(r -> r.launchTemplateName("web").defaultVersion("2")).launchTemplate();
        assertThat(modified.defaultVersionNumber()).isEqualTo(2L);
        assertThat(version("$Default").versionNumber()).isEqualTo(2L);
        assertThat(ec2.describeLaunchTemplates(r -> r.launchTemplateNames("web")).launchTemplates()).singleElement()
                .satisfies(t -> assertThat(t.latestVersionNumber()).isEqualTo(2L));
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id)).launchTemplateVersions()).hasSize(2);
    }

    private LaunchTemplateVersion version(String selector) {
        return ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web").versions(selector))
                .launchTemplateVersions().get(0);
    }

    @Test
    void launchTemplateErrors() {
        ec2.createLaunchTemplate(r -> r.launchTemplateName("web").launchTemplateData(d -> d.instanceType("t3.micro")));
        assertThat(errorCode(() -> ec2.createLaunchTemplate(r -> r.launchTemplateName("web")
                .launchTemplateData(d -> d.instanceType("t3.micro")))))
                .isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException");
        assertThat(errorCode(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateNames("nope"))))
                .isEqualTo("InvalidLaunchTemplateName.NotFoundException");
        assertThat(errorCode(() -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("nope"))))
                .isEqualTo("InvalidLaunchTemplateName.NotFoundException");
        assertThat(errorCode(() -> ec2.modifyLaunchTemplate(r -> r.launchTemplateId("lt-0123456789abcdef0")
                .defaultVersion("1")))).isEqualTo("InvalidLaunchTemplateId.NotFound");
        assertThat(errorCode(() -> ec2.modifyLaunchTemplate(r -> r.launchTemplateName("web").defaultVersion("7"))))
                .isEqualTo("InvalidLaunchTemplateId.VersionNotFound");
    }

    @Test
    void launchTemplatesPageByOneToTwoHundred() {
        for (String name : List.of("web", "api", "batch")) {
            ec2.createLaunchTemplate(r -> r.launchTemplateName(name).launchTemplateData(d -> d.instanceType("t3.micro")));
        }
        var first = ec2.describeLaunchTemplates(r -> r.maxResults(1));
        assertThat(first.launchTemplates()).hasSize(1);
        assertThat(ec2.describeLaunchTemplatesPaginator(r -> r.maxResults(2)).launchTemplates().stream().count())
                .isEqualTo(3);
        assertThat(ec2.describeLaunchTemplates(r -> r.maxResults(200)).launchTemplates()).hasSize(3);
        assertThat(errorCode(() -> ec2.describeLaunchTemplates(r -> r.maxResults(201))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.describeLaunchTemplates(r -> r.maxResults(0))))
                .isEqualTo("InvalidParameterValue");
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web").maxResults(1))
                .launchTemplateVersions()).hasSize(1);
        assertThat(errorCode(() -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("web")
                .maxResults(201)))).isEqualTo("InvalidParameterValue");
    }
}
