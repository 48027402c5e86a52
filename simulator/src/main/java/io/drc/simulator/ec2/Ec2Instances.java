package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.ArrayList;
import java.util.List;

/**
 * Launching and terminating instances, for RunInstances/TerminateInstances and for Auto Scaling, which launches
 * from a launch template version and terminates on scale-in. Call with the world locked.
 */
public final class Ec2Instances {
    private Ec2Instances() {
    }

    /** The launch data of a template version ({@code $Default}, {@code $Latest} or a number), resolved now. */
    public static InstanceLaunch fromTemplate(RegionState region, String templateId, String templateName,
                                              String version) {
        Ec2LaunchTemplate template = Ec2State.of(region).launchTemplate(templateId, templateName);
        Ec2LaunchTemplate.Version data = template.version(version).orElseThrow(() -> AwsError.badRequest(
                "InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version " + version
                        + " for launch template ID " + template.id + "."));
        return new InstanceLaunch(data.imageId(), data.instanceType(), null, template.id, template.name,
                String.valueOf(data.number()), java.util.Map.of());
    }

    /** Launches {@code count} instances in one reservation, each with a root volume from the AMI. */
    public static List<Ec2Instance> launch(RegionState region, InstanceLaunch launch, int count) {
        return launch(region, launch, count, null);
    }

    /** As {@link #launch(RegionState, InstanceLaunch, int)}, the instances showing the launch's ClientToken. */
    static List<Ec2Instance> launch(RegionState region, InstanceLaunch launch, int count, String clientToken) {
        Ec2State ec2 = Ec2State.of(region);
        if (launch.imageId() == null) {
            throw AwsError.missingParameter("ImageId");
        }
        Ec2Image image = ec2.image(launch.imageId());
        if (!image.state.equals("available")) {
            throw AwsError.badRequest("InvalidAMIID.Unavailable", "The image id '[" + image.id + "]' is not available");
        }
        World world = region.world();
        String zone = launch.availabilityZone() != null ? launch.availabilityZone() : region.name() + "a";
        InstanceLaunch placed = launch.inZone(zone, java.util.Map.of());
        String reservationId = world.ids().next("r");
        List<Ec2Instance> launched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = ec2.instances.size();
            Ec2Instance instance = new Ec2Instance(world.ids().next("i"), world.now(), reservationId, placed,
                    "10.0." + (n / 250) + "." + (n % 250 + 4));
            instance.tags.putAll(placed.tags());
            instance.clientToken = clientToken;
            instance.launchIndex = i;
            instance.rootVolumeId = attachRootVolume(region, instance, image).id;
            ec2.instances.put(instance.id, instance);
            world.after("ec2.instance.launch", () -> {
                if (instance.state.equals("pending")) {
                    instance.state = "running";
                    world.after("ec2.instance.checks", () -> instance.checksPassed = true);
                }
            });
            launched.add(instance);
        }
        return launched;
    }

    private static Ec2Volume attachRootVolume(RegionState region, Ec2Instance instance, Ec2Image image) {
        Ec2Image.Device root = image.devices.get(0);
        Ec2Volume volume = new Ec2Volume(region.world().ids().next("vol"), instance.createdAt,
                instance.availabilityZone, root.size(), root.volumeType(), root.encrypted(), null, root.snapshotId());
        volume.state = "in-use";
        volume.attachedTo = instance.id;
        volume.device = root.deviceName();
        Ec2State.of(region).volumes.put(volume.id, volume);
        return volume;
    }

    /** shutting-down → terminated; the root volume goes with the instance (DeleteOnTermination). */
    public static void terminate(RegionState region, Ec2Instance instance) {
        if (instance.isGone()) {
            return;
        }
        instance.state = "shutting-down";
        instance.shutdownAt = region.world().now();
        region.world().after("ec2.instance.terminate", () -> {
            instance.state = "terminated";
            Ec2State.of(region).volumes.remove(instance.rootVolumeId);
        });
    }
}
