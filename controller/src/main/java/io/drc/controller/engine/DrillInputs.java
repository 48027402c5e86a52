package io.drc.controller.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.DrillsConfig;
import io.drc.controller.config.RecoveryConfig;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.engine.ExecutionKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a drill's {@link DrillInput} from configuration and the execution id; pure. */
public final class DrillInputs {
    /** The length of the execution id's part in drill names: target group names allow 32 characters in all. */
    static final int SHORT_ID = 8;

    private DrillInputs() {
    }

    /**
     * A runbook's input as the executions store it: the recovery input of {@code kind}, and for a drill also the
     * names and tags of the copies it makes ({@code $.drill}) and {@code $.failure}, null until its Catch records
     * what went wrong. The load-time runbook input check builds the same.
     */
    public static ObjectNode runbookInput(DrcConfiguration config, ExecutionKind kind, String executionId,
                                          ObjectMapper json) {
        ObjectNode input = json.valueToTree(RecoveryInputs.build(config, kind));
        if (kind == ExecutionKind.DRILL) {
            input.set("drill", json.valueToTree(build(config, executionId)));
            input.putNull("failure");
        }
        return input;
    }

    public static DrillInput build(DrcConfiguration config, String executionId) {
        String region = config.getDrRegion();
        RecoveryConfig.RegionRecoveryConfig dr = config.getRecovery().regions().get(region);
        if (dr == null) {
            throw new IllegalArgumentException("recovery.regions has no entry for " + region);
        }
        String prefix = prefix(executionId);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(DrcTags.MANAGED_BY, DrcTags.MANAGED_BY_VALUE);
        tags.put(DrcTags.APPLICATION, config.getApplication());
        tags.put(DrcTags.DRILL, executionId);
        DrillInput.Database db = dr.database() == null ? null
                : new DrillInput.Database(prefix + "db", prefix + "db-snapshot");
        List<DrillInput.Group> groups = dr.autoScalingGroups().stream().map(g -> new DrillInput.Group(prefix + g.name(),
                g.fullLoad(), g.fullLoad(), Math.max(g.fullLoad(), g.max()))).toList();
        List<String> fromGroups = dr.autoScalingGroups().stream().map(g -> g.name()).toList();
        List<String> targetGroups = new ArrayList<>();
        for (int i = 1; i <= dr.targetGroups().size(); i++) {
            targetGroups.add(prefix + "tg" + i);
        }
        DrillsConfig drills = config.getDrills();
        DrillInput.Dns dns = drills.dns() == null ? null
                : new DrillInput.Dns(config.getRecovery().dns().hostedZoneId(), drills.dns().recordName());
        DrillsConfig.SmokeCheckConfig check = drills.smokeCheck();
        DrillInput.SmokeCheck smokeCheck = check == null ? null : new DrillInput.SmokeCheck(check.url(),
                check.expectStatus(), check.timeout().toMilliseconds());
        return new DrillInput(executionId, region, tags, db, groups, fromGroups, targetGroups,
                targetGroups.isEmpty() ? null : targetGroups.get(0), dns, smokeCheck);
    }

    /** {@code drc-drill-<first 8 characters of the id's UUID>-}: short enough for a target group's name. */
    static String prefix(String executionId) {
        String unique = executionId.startsWith("exec-") ? executionId.substring("exec-".length()) : executionId;
        return "drc-drill-" + unique.substring(0, Math.min(SHORT_ID, unique.length())) + "-";
    }
}
