package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.api.RecoveryPointState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** A replication cycle over the demo application, real SDK clients against the simulator over HTTP. */
class DemoReplicationTest {
    ReplicationFixture f;

    @BeforeEach
    void start() throws Exception {
        f = ReplicationFixture.demo();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    boolean allCompliant() {
        return f.wiring.context().resources().stream().allMatch(r -> {
            RpoMeasurement m = f.wiring.monitor().latest(r.id());
            return m != null && m.compliant();
        });
    }

    @Test
    void aCycleLeavesTaggedAvailableCopiesInDrAndEveryResourceCompliant() {
        assertThat(f.wiring.engine().startCycle(Optional.empty())).hasSize(3);

        assertThat(f.runUntil(this::allCompliant, 200)).as("every resource compliant").isTrue();

        try (Ec2Client dr = f.clients.ec2("us-west-2"); RdsClient rds = f.clients.rds("us-west-2");
             CloudWatchClient cw = f.clients.cloudWatch("us-west-2")) {
            List<Image> images = dr.describeImages(r -> r.owners("self")
                    .filters(Filter.builder().name("tag:drc:resource").values("web").build())).images();
            assertThat(images).singleElement().satisfies(image -> {
                assertThat(image.stateAsString()).isEqualTo("available");
                assertThat(tags(image.tags())).contains("drc:managed-by=drc", "drc:application=shop",
                        "drc:source-id=" + f.demo.instanceId()).anyMatch(t -> t.startsWith("drc:source-time="))
                        .anyMatch(t -> t.startsWith("drc:source-point=ami-")).anyMatch(t -> t.startsWith("drc:policy="));
            });
            String drAmi = images.get(0).imageId();
            assertThat(dr.describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt").versions("$Default"))
                    .launchTemplateVersions().get(0).launchTemplateData().imageId()).isEqualTo(drAmi);

            List<Snapshot> snapshots = dr.describeSnapshots(r -> r.ownerIds("self")
                    .filters(Filter.builder().name("tag:drc:resource").values("web-data").build())).snapshots();
            assertThat(snapshots).singleElement().satisfies(s -> {
                assertThat(s.stateAsString()).isEqualTo("completed");
                assertThat(tags(s.tags())).contains("drc:managed-by=drc", "drc:source-id=" + f.demo.volumeId());
            });

            List<DBSnapshot> dbSnapshots = rds.describeDBSnapshots(r -> r.snapshotType("manual")).dbSnapshots();
            assertThat(dbSnapshots).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo("available");
                assertThat(s.tagList()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("drc:managed-by=drc"));
            });

            assertThat(cw.listMetrics(r -> r.namespace("DRC").metricName("AchievedRPO")).metrics())
                    .extracting(m -> m.dimensions().stream().filter(d -> d.name().equals("Resource")).findFirst()
                            .orElseThrow().value())
                    .contains("web", "web-data", "shop-db", "shop-db-replica");
            assertThat(cw.describeAlarms(r -> r.alarmNamePrefix("drc-shop-")).metricAlarms())
                    .extracting(a -> a.alarmName() + ":" + a.threshold().intValue() + ":" + a.treatMissingData())
                    .containsExactlyInAnyOrder("drc-shop-web-rpo:900:breaching", "drc-shop-web-data-rpo:900:breaching",
                            "drc-shop-shop-db-rpo:3600:breaching", "drc-shop-shop-db-replica-rpo:60:breaching");
        }
        assertThat(f.catalog.byResourceNewestFirst("web-data"))
                .anySatisfy(p -> {
                    assertThat(p.region()).isEqualTo("us-west-2");
                    assertThat(p.state()).isEqualTo(RecoveryPointState.COMPLETED);
                });
        assertThat(f.wiring.monitor().latest("web").rpoSeconds()).isPositive().isLessThan(900);
    }

    static List<String> tags(List<Tag> tags) {
        return tags.stream().map(t -> t.key() + "=" + t.value()).toList();
    }
}
