package io.drc.controller.replication;

import io.drc.strategies.aws.DrcTags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

/**
 * Batched EC2 describes: many snapshots or images by id, or by the {@code drc:job} tag / name drc gave them, in
 * calls of at most {@link #MAX_FILTER_VALUES} filter values, paginated by {@link #PAGE}. Filters, not id lists: an
 * id list fails whole when one id is gone, a filter simply leaves it out.
 */
final class Ec2Lookups {
    /** EC2 accepts at most 200 values in one filter. */
    static final int MAX_FILTER_VALUES = 200;
    static final int PAGE = 1000;

    private Ec2Lookups() {}

    /**
     * Snapshots by id and by {@code drc:job} tag. A token maps to the snapshot that carries it and did not end in
     * error (a failed copy is deleted and made again under the same tag).
     */
    static Lookup<Snapshot> snapshots(Ec2Client ec2, String region, Collection<String> ids, Collection<String> tokens,
                                      Lookup<Snapshot> into) {
        into.asked(region, ids).asked(region, tokens);
        for (List<String> chunk : chunks(ids)) {
            describeSnapshots(ec2, filter("snapshot-id", chunk)).forEach(s -> into.found(region, s.snapshotId(), s));
        }
        for (List<String> chunk : chunks(tokens)) {
            for (Snapshot s : describeSnapshots(ec2, filter("tag:" + DrcTags.JOB, chunk))) {
                into.found(region, s.snapshotId(), s);
                if (s.state() != SnapshotState.ERROR) {
                    into.found(region, Ec2Tagging.map(s.tags()).get(DrcTags.JOB), s);
                }
            }
        }
        return into;
    }

    /** Images by id and by name (an image drc makes is named after its job's token). */
    static Lookup<Image> images(Ec2Client ec2, String region, Collection<String> ids, Collection<String> names,
                                Lookup<Image> into) {
        into.asked(region, ids).asked(region, names);
        for (List<String> chunk : chunks(ids)) {
            describeImages(ec2, filter("image-id", chunk)).forEach(i -> into.found(region, i.imageId(), i));
        }
        for (List<String> chunk : chunks(names)) {
            for (Image image : describeImages(ec2, filter("name", chunk))) {
                into.found(region, image.imageId(), image).found(region, image.name(), image);
            }
        }
        return into;
    }

    private static List<Snapshot> describeSnapshots(Ec2Client ec2, Filter filter) {
        List<Snapshot> out = new ArrayList<>();
        ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").filters(filter).maxResults(PAGE)).snapshots()
                .forEach(out::add);
        return out;
    }

    private static List<Image> describeImages(Ec2Client ec2, Filter filter) {
        List<Image> out = new ArrayList<>();
        ec2.describeImagesPaginator(r -> r.owners("self").filters(filter).maxResults(PAGE)).images().forEach(out::add);
        return out;
    }

    static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    static <V> List<List<V>> chunks(Collection<V> values) {
        List<V> all = List.copyOf(values);
        List<List<V>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += MAX_FILTER_VALUES) {
            out.add(all.subList(i, Math.min(all.size(), i + MAX_FILTER_VALUES)));
        }
        return out;
    }
}
