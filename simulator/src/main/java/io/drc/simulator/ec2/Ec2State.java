package io.drc.simulator.ec2;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.CopyFailures;
import io.drc.simulator.core.RegionState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 resources of one region. Every region starts with one public Amazon-owned AMI,
 * {@link #BASE_IMAGE_ID}, to launch the first instances from.
 */
public final class Ec2State {
    /** The public base AMI every region has (AWS has many; the simulator knows one). */
    public static final String BASE_IMAGE_ID = "ami-0000000000000ba5e";
    public static final String AMAZON_OWNER_ID = "137112412989";
    /** AWS's quota of concurrent CopySnapshot copies per destination region (not adjustable). */
    public static final int DEFAULT_CONCURRENT_SNAPSHOT_COPIES = 20;

    final Map<String, Ec2Instance> instances = new LinkedHashMap<>();
    final Map<String, Ec2Volume> volumes = new LinkedHashMap<>();
    final Map<String, Ec2Image> images = new LinkedHashMap<>();
    final Map<String, Ec2Snapshot> snapshots = new LinkedHashMap<>();
    final Map<String, Ec2LaunchTemplate> launchTemplates = new LinkedHashMap<>();
    /** Not shown by the admin API: they hold SDK request objects. */
    @JsonIgnore
    final ClientTokens clientTokens = new ClientTokens();
    private int concurrentSnapshotCopyLimit = DEFAULT_CONCURRENT_SNAPSHOT_COPIES;
    private final CopyFailures snapshotCopyFailures = new CopyFailures();
    private final CopyFailures imageCopyFailures = new CopyFailures();

    Ec2State(RegionState region) {
        Ec2Image base = new Ec2Image(BASE_IMAGE_ID, region.world().now(), "al2023-ami-drc-sim-x86_64",
                "Amazon Linux 2023 AMI (simulated)", AMAZON_OWNER_ID, "amazon",
                List.of(new Ec2Image.Device(Ec2Image.ROOT_DEVICE, null, 8, "gp3", false)), null);
        base.state = "available";
        images.put(base.id, base);
    }

    /** This region's EC2 state (call with the world locked). */
    public static Ec2State of(RegionState region) {
        return region.state(Ec2State.class, Ec2State::new);
    }

    /** Tests lower the copy quota to exercise {@code ResourceLimitExceeded} cheaply. */
    public void setConcurrentSnapshotCopyLimit(int limit) {
        this.concurrentSnapshotCopyLimit = limit;
    }

    /** CopySnapshot copies into this region that end in {@code error} (StateMessage = the reason). */
    public CopyFailures snapshotCopyFailures() {
        return snapshotCopyFailures;
    }

    /** CopyImage copies into this region that end {@code failed} (StateReason.Message = the reason). */
    public CopyFailures imageCopyFailures() {
        return imageCopyFailures;
    }

    int concurrentSnapshotCopyLimit() {
        return concurrentSnapshotCopyLimit;
    }

    public Optional<Ec2Instance> findInstance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    Ec2Instance instance(String id) {
        return require(instances, Ec2Kind.INSTANCE, id);
    }

    Ec2Volume volume(String id) {
        return require(volumes, Ec2Kind.VOLUME, id);
    }

    Ec2Image image(String id) {
        return require(images, Ec2Kind.IMAGE, id);
    }

    Ec2Snapshot snapshot(String id) {
        return require(snapshots, Ec2Kind.SNAPSHOT, id);
    }

    /** A launch template by id or, when no id is given, by name. */
    Ec2LaunchTemplate launchTemplate(String id, String name) {
        if (id != null) {
            Ec2Kind.LAUNCH_TEMPLATE.requireWellFormed(id);
            return Optional.ofNullable(launchTemplates.get(id)).orElseThrow(() -> AwsError.badRequest(
                    "InvalidLaunchTemplateId.NotFound",
                    "The specified launch template, with template ID " + id + ", does not exist."));
        }
        if (name == null) {
            throw AwsError.missingParameter("LaunchTemplateId or LaunchTemplateName");
        }
        return launchTemplateNamed(name).orElseThrow(() -> AwsError.badRequest(
                "InvalidLaunchTemplateName.NotFoundException",
                "The specified launch template, with template name " + name + ", does not exist."));
    }

    Optional<Ec2LaunchTemplate> launchTemplateNamed(String name) {
        return launchTemplates.values().stream().filter(t -> t.name.equals(name)).findFirst();
    }

    /** Any taggable resource by its id. */
    Ec2Resource resource(String id) {
        Ec2Kind kind = Ec2Kind.of(id).orElseThrow(() -> AwsError.badRequest("InvalidID",
                "The ID '" + id + "' is not valid"));
        return require(map(kind), kind, id);
    }

    Map<String, ? extends Ec2Resource> map(Ec2Kind kind) {
        return switch (kind) {
            case INSTANCE -> instances;
            case VOLUME -> volumes;
            case IMAGE -> images;
            case SNAPSHOT -> snapshots;
            case LAUNCH_TEMPLATE -> launchTemplates;
        };
    }

    private static <T> T require(Map<String, T> map, Ec2Kind kind, String id) {
        if (id == null) {
            throw AwsError.missingParameter(kind.idParameter);
        }
        kind.requireWellFormed(id);
        T found = map.get(id);
        if (found == null) {
            throw kind.notFound(id);
        }
        return found;
    }
}
