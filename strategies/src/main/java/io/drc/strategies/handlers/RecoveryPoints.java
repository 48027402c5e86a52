package io.drc.strategies.handlers;

import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.StepResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * Finds drc's newest completed recovery point of a protected resource in one region: the AMIs and DB snapshots
 * replication tagged {@link DrcTags#RESOURCE} = the resource's drc name. Newest means the latest
 * {@link DrcTags#SOURCE_TIME} (when the data was taken), falling back to AWS's creation time when the tag is
 * missing or unreadable.
 */
final class RecoveryPoints {
    /** One recovery point: its AWS id and when its data was taken. */
    record RecoveryPoint(String id, Instant sourceTime) { }

    private RecoveryPoints() {
    }

    static Optional<RecoveryPoint> newestDbSnapshot(RdsClient rds, String resource) {
        return newest(rds.describeDBSnapshotsPaginator(r -> r.snapshotType("manual")).dbSnapshots().stream()
                .filter(s -> "available".equals(s.status()))
                .filter(s -> resource.equals(AwsLookups.tags(s.tagList()).get(DrcTags.RESOURCE)))
                .map(RecoveryPoints::point));
    }

    static Optional<RecoveryPoint> newestImage(Ec2Client ec2, String resource) {
        return newest(ec2.describeImagesPaginator(r -> r.owners("self").filters(
                        Filter.builder().name("tag:" + DrcTags.RESOURCE).values(resource).build(),
                        Filter.builder().name("state").values("available").build()))
                .images().stream()
                .map(RecoveryPoints::point));
    }

    /** The failure a restore step reports when replication has not delivered anything to restore from. */
    static StepResult.Failed none(String what, String resource, String region) {
        return new StepResult.Failed("Drc.NoRecoveryPoint", "no available " + what + " tagged " + DrcTags.RESOURCE
                + "=" + resource + " in " + region + ": replication has not completed a recovery point of '"
                + resource + "' there yet");
    }

    static Optional<RecoveryPoint> newest(Stream<RecoveryPoint> points) {
        return points.max(Comparator.comparing(RecoveryPoint::sourceTime).thenComparing(RecoveryPoint::id));
    }

    private static RecoveryPoint point(DBSnapshot s) {
        Instant created = s.originalSnapshotCreateTime() != null ? s.originalSnapshotCreateTime() : s.snapshotCreateTime();
        return new RecoveryPoint(s.dbSnapshotIdentifier(), sourceTime(AwsLookups.tags(s.tagList()), created));
    }

    private static RecoveryPoint point(Image i) {
        Map<String, String> tags = new LinkedHashMap<>();
        i.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new RecoveryPoint(i.imageId(), sourceTime(tags, parse(i.creationDate()).orElse(Instant.EPOCH)));
    }

    private static Instant sourceTime(Map<String, String> tags, Instant fallback) {
        return parse(tags.get(DrcTags.SOURCE_TIME)).orElse(fallback == null ? Instant.EPOCH : fallback);
    }

    private static Optional<Instant> parse(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
