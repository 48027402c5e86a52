package io.drc.controller.engine;

import java.util.List;
import java.util.Map;

/**
 * The input of every failover and fail-back runbook, built from configuration by {@link RecoveryInputs}; runbooks
 * read it with paths such as {@code $.target.region} or {@code $.dns.weights}. As JSON:
 * <pre>
 * {"application": "shop", "from": "us-east-1", "to": "us-west-2", "rtoTargetSeconds": 1800,
 *  "source": {side}, "target": {side},
 *  "dns": {"hostedZoneId": "Z…", "recordName": "shop.example.com.", "weights": {"primary": 0, "dr": 100}}}
 * side = {"region", "dnsSetIdentifier",
 *         "groups":        [{"name", "min", "desired", "max"}]  serving at full load (min = desired = fullLoad),
 *         "standbyGroups": [...]                                 at their standby size (re-lighting DR),
 *         "fenceGroups":   [...]                                 at 0 (fencing a failed region),
 *         "targetGroups":  ["web-tg"], "launchTemplates": ["web-lt"],
 *         "imageFrom":     protected ec2-instance id whose newest AMI a restore uses, or null,
 *         "db": {"instanceId", "instanceClass", "multiAz", "kmsKeyId", "restoreFrom"} or null}
 * </pre>
 * {@code source} is the region that stops serving, {@code target} the one that serves afterwards. The weights of
 * a failover drain the source (0) and give the target its normal weight (100 when that is 0, as a DR region's
 * is); a fail-back's restore every region's normal weight ({@code recovery.regions.<region>.normalWeight}).
 * {@code db.instanceClass} and {@code db.multiAz} are what the side's database must have while it serves (null:
 * leave as is). {@code db.restoreFrom} is the protected database whose newest
 * DR snapshot a backup-restore failover restores; fields that configuration does not provide are null.
 */
public record RecoveryInput(String application, String from, String to, Side source, Side target, Dns dns,
                            Integer rtoTargetSeconds) {

    public record Side(String region, String dnsSetIdentifier, List<Group> groups, List<Group> standbyGroups,
                       List<Group> fenceGroups, List<String> targetGroups, List<String> launchTemplates,
                       String imageFrom, Database db) { }

    public record Group(String name, int min, int desired, int max) { }

    public record Database(String instanceId, String instanceClass, Boolean multiAz, String kmsKeyId,
                           String restoreFrom) { }

    public record Dns(String hostedZoneId, String recordName, Map<String, Integer> weights) { }
}
