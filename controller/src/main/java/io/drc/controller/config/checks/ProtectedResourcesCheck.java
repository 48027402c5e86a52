package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.config.RetentionConfig;
import io.drc.controller.core.ResourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Protected resources: unique ids, real regions, usable retention, and only the fields their kind uses. */
final class ProtectedResourcesCheck implements ConfigCheck {

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getReplication() != null) {
            checkRetention(problems, "replication.defaultRetention", config.getReplication().defaultRetention());
        }
        if (config.getProtect() == null) {
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.getProtect().size(); i++) {
            ProtectedResourceConfig resource = config.getProtect().get(i);
            if (resource == null) {
                continue;
            }
            String path = "protect[" + i + "]";
            if (resource.id() != null && !ids.add(resource.id())) {
                problems.add(new Problem(path + ".id", "'" + resource.id() + "' is used by an earlier entry",
                        "give every protected resource its own id"));
            }
            if (resource.region() != null && !AwsRegionNames.isKnown(resource.region())) {
                problems.add(new Problem(path + ".region", "'" + resource.region() + "' is not an AWS region",
                        AwsRegionNames.hint()));
            }
            checkRetention(problems, path + ".retention", resource.retention());
            checkKindSpecificFields(problems, path, resource);
        }
        return problems;
    }

    private static void checkRetention(List<Problem> problems, String path, RetentionConfig retention) {
        if (retention != null && retention.keepLast() == null && retention.maxAge() == null) {
            problems.add(new Problem(path, "keeps nothing and prunes nothing",
                    "set keepLast (e.g. 7), maxAge (e.g. 7d) or both"));
        }
    }

    private static void checkKindSpecificFields(List<Problem> problems, String path, ProtectedResourceConfig resource) {
        ResourceKind kind = resource.kind();
        if (kind == null) {
            return;
        }
        if (resource.noReboot() != null && kind != ResourceKind.EC2_INSTANCE) {
            problems.add(notAllowed(path + ".noReboot", kind, "only ec2-instance entries take noReboot"));
        }
        if (!kind.hasCopies()) {
            String why = "RDS keeps a read replica current itself; drc makes no copies of it";
            if (resource.schedule() != null) {
                problems.add(notAllowed(path + ".schedule", kind, why));
            }
            if (resource.retention() != null) {
                problems.add(notAllowed(path + ".retention", kind, why));
            }
            if (resource.kmsKeyId() != null) {
                problems.add(notAllowed(path + ".kmsKeyId", kind, why));
            }
        }
    }

    private static Problem notAllowed(String path, ResourceKind kind, String why) {
        return new Problem(path, "is not allowed for kind " + kind.wireName(), "remove it; " + why);
    }
}
