package io.drc.simulator.ec2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A launch template and its numbered versions; version 1 is the default until ModifyLaunchTemplate says otherwise. */
final class Ec2LaunchTemplate extends Ec2Resource {
    /** The launch data of one version (only what the simulator acts on). */
    record Version(int number, String description, Instant createdAt, String imageId, String instanceType,
                   String keyName) implements java.io.Serializable { }

    final String name;
    final List<Version> versions = new ArrayList<>();
    int defaultVersion = 1;

    Ec2LaunchTemplate(String id, Instant createdAt, String name) {
        super(id, createdAt);
        this.name = name;
    }

    int latestVersion() {
        return versions.get(versions.size() - 1).number();
    }

    /** {@code $Default}, {@code $Latest} or a number; null means the default. */
    Optional<Version> version(String selector) {
        int number;
        if (selector == null || selector.equals("$Default")) {
            number = defaultVersion;
        } else if (selector.equals("$Latest")) {
            number = latestVersion();
        } else {
            try {
                number = Integer.parseInt(selector);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return versions.stream().filter(v -> v.number() == number).findFirst();
    }
}
