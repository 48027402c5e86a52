package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.serving.WeightedRecords;
import io.drc.strategies.step.MissingResourceException;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code drc:route53:setWeights}: sets the weights of a weighted record's set identifiers
 * ({@code weights: {primary: 0, dr: 100}}) in ONE atomic UPSERT batch, so traffic never points nowhere.
 * Records already at their weights are left alone; when nothing changes there is no change to await.
 */
public final class SetDnsWeightsHandler implements StepHandler {
    /** {@code weights}: set identifier to Route 53 weight (0-255). */
    public record Parameters(String hostedZoneId, String recordName, Map<String, Integer> weights) {
        public Parameters {
            if (weights.isEmpty()) {
                throw StepParameters.invalid("weights", "names no set identifier; give each weighted record's weight");
            }
            weights.forEach((setId, weight) -> {
                if (weight < 0 || weight > MAX_WEIGHT) {
                    throw StepParameters.invalid("weights." + setId, "is " + weight + ", outside Route 53's 0-"
                            + MAX_WEIGHT);
                }
            });
        }
    }

    static final int MAX_WEIGHT = 255;

    private final AwsClients aws;

    public SetDnsWeightsHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:route53:setWeights";
    }

    @Override
    public List<io.drc.strategies.step.PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String zone = parameters.hostedZoneId();
        String name = normalise(parameters.recordName());
        List<ResourceRecordSet> current = weightedRecords(zone, name);
        List<io.drc.strategies.step.PlannedChange> changes = new ArrayList<>();
        parameters.weights().forEach((setId, weight) -> {
            ResourceRecordSet record = find(current, setId, zone, name);
            if (record.weight() == null || record.weight() != weight.longValue()) {
                changes.add(new io.drc.strategies.step.PlannedChange("route53:" + zone + ":" + name + ":" + setId,
                        "weight", String.valueOf(record.weight()), String.valueOf(weight)));
            }
        });
        return changes;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String changeId = set(aws.route53(), parameters, "drc " + context.executionId() + " " + context.stepName(),
                out).id();
        return new StepResult.Succeeded(out.put("changeId", changeId));
    }

    /**
     * Sets the weights in one UPSERT batch and returns Route 53's change; {@code out} gets the weights, and
     * {@code alreadySet} when every record had its weight already. Also what {@code drc:route53:awaitInsync}
     * re-issues when the weights it waits for are no longer set.
     */
    static ChangeInfo set(Route53Client route53, Parameters parameters, String comment, ObjectNode out) {
        String zone = parameters.hostedZoneId();
        String name = normalise(parameters.recordName());
        List<ResourceRecordSet> current = WeightedRecords.list(route53, zone, name);
        List<Change> changes = new ArrayList<>();
        List<Change> unchanged = new ArrayList<>();
        ObjectNode weights = out.putObject("weights");
        for (Map.Entry<String, Integer> wanted : parameters.weights().entrySet()) {
            ResourceRecordSet record = find(current, wanted.getKey(), zone, name);
            long weight = wanted.getValue();
            weights.put(wanted.getKey(), weight);
            if (record.weight() == null || record.weight() != weight) {
                changes.add(upsert(record.toBuilder().weight(weight).build()));
            } else {
                unchanged.add(upsert(record));
            }
        }
        if (changes.isEmpty()) {
            // The weights are already right - perhaps set by this very step in a daemon killed before Route 53's
            // answer (and its change id) reached it. Only GetChange can tell that the change is live everywhere,
            // so re-submit the records unchanged: Route 53 applies a zone's changes in order, so this no-op
            // batch turning INSYNC proves the earlier change is INSYNC too, and RTO is not measured too early.
            out.put("alreadySet", true);
        }
        List<Change> batch = changes.isEmpty() ? unchanged : changes;
        return route53.changeResourceRecordSets(r -> r.hostedZoneId(zone)
                .changeBatch(b -> b.comment(comment).changes(batch))).changeInfo();
    }

    /** Each record whose weight is not the one {@code parameters} set, as "dr weighs 0, not 100"; empty when all are. */
    static List<String> unlike(Route53Client route53, Parameters parameters) {
        String zone = parameters.hostedZoneId();
        String name = normalise(parameters.recordName());
        List<ResourceRecordSet> current = WeightedRecords.list(route53, zone, name);
        List<String> differing = new ArrayList<>();
        parameters.weights().forEach((setId, weight) -> {
            Long now = find(current, setId, zone, name).weight();
            if (now == null || now != weight.longValue()) {
                differing.add(setId + " weighs " + now + ", not " + weight);
            }
        });
        return differing;
    }

    private static Change upsert(ResourceRecordSet record) {
        return Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(record).build();
    }

    private List<ResourceRecordSet> weightedRecords(String zone, String name) {
        return WeightedRecords.list(aws.route53(), zone, name);
    }

    private static ResourceRecordSet find(List<ResourceRecordSet> records, String setId, String zone, String name) {
        return records.stream().filter(s -> s.setIdentifier().equals(setId)).findFirst()
                .orElseThrow(() -> new MissingResourceException("no weighted record " + name + " with set identifier '"
                        + setId + "' in hosted zone " + zone));
    }

    private static String normalise(String name) {
        return WeightedRecords.normalise(name);
    }
}
