package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.Reassertion;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeInfo;

/**
 * {@code drc:route53:awaitInsync}: done when the change is INSYNC; a null {@code changeId} (nothing changed) is done.
 *
 * <p>Given the weights {@code drc:route53:setWeights} set ({@code hostedZoneId}, {@code recordName}, {@code weights}),
 * the step is level-triggered ({@link Reassertion}): it is done only when the change is INSYNC <em>and</em> the
 * records still have those weights. Records whose weights are not those — someone or something set them back, or the
 * change was lost — for {@code reassertAfterSeconds} (default 60) get them again in one idempotent UPSERT batch, at
 * most once per that period, and the step then waits for that change. A dry run does not list this step as changing
 * anything: it only repeats the weight step's change.
 */
public final class AwaitDnsChangeHandler implements StepHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AwaitDnsChangeHandler.class);

    /**
     * {@code changeId}: what {@code drc:route53:setWeights} returned; null: nothing changed. {@code hostedZoneId},
     * {@code recordName}, {@code weights}: the weight step's, all three or none; with them the weights are
     * re-asserted when they are not what was set for {@code reassertAfterSeconds}.
     */
    public record Parameters(@OptionalParameter String changeId, @OptionalParameter String hostedZoneId,
                             @OptionalParameter String recordName, @OptionalParameter Map<String, Integer> weights,
                             @OptionalParameter Integer reassertAfterSeconds) {
        public Parameters {
            boolean any = hostedZoneId != null || recordName != null || weights != null;
            if (any && (hostedZoneId == null || recordName == null || weights == null)) {
                String missing = hostedZoneId == null ? "hostedZoneId" : recordName == null ? "recordName" : "weights";
                throw StepParameters.invalid(missing, "is needed with the other two of hostedZoneId, recordName and "
                        + "weights (the weights drc:route53:setWeights set); give all three or none");
            }
        }

        /** The weights to keep set, as the weight step's parameters; empty when the runbook does not give them. */
        Optional<SetDnsWeightsHandler.Parameters> set() {
            return weights == null ? Optional.empty()
                    : Optional.of(new SetDnsWeightsHandler.Parameters(hostedZoneId, recordName, weights));
        }
    }

    /** The checkpoint's field for the change a re-assertion made, which the step then waits for. */
    static final String CHANGE_ID = "changeId";
    static final Duration POLL = Duration.ofSeconds(5);
    private final AwsClients aws;

    public AwaitDnsChangeHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:route53:awaitInsync";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String changeId = awaited(parameters, context.checkpoint());
        if (changeId == null) {
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("status", "UNCHANGED"));
        }
        Route53Client route53 = aws.route53();
        String status = route53.getChange(r -> r.id(changeId)).changeInfo().statusAsString();
        ObjectNode seen = JsonNodeFactory.instance.objectNode().put(CHANGE_ID, changeId).put("status", status);
        Optional<SetDnsWeightsHandler.Parameters> set = parameters.set();
        List<String> unlike = set.map(weights -> SetDnsWeightsHandler.unlike(route53, weights)).orElse(List.of());
        Reassertion kept = Reassertion.from(context.checkpoint());
        if (unlike.isEmpty() && "INSYNC".equals(status)) {
            return new StepResult.Succeeded(kept.report(seen));
        }
        if (set.isEmpty()) {
            return new StepResult.Running(POLL, seen);
        }
        Optional<String> regressed = unlike.isEmpty() ? Optional.empty()
                : Optional.of(parameters.recordName() + ": " + String.join("; ", unlike));
        Reassertion.Verdict verdict = kept.observe(regressed, context.now(),
                Reassertion.grace(parameters.reassertAfterSeconds()), "ChangeResourceRecordSets");
        if (verdict.reissue()) {
            ChangeInfo again = SetDnsWeightsHandler.set(route53, set.get(),
                    "drc " + context.executionId() + " " + context.stepName() + " (re-asserted)",
                    JsonNodeFactory.instance.objectNode());
            seen.put(CHANGE_ID, again.id()).put("status", again.statusAsString());
            LOG.warn("execution {}: step {}: {}; weights re-asserted in change {}", context.executionId(),
                    context.stepName(), regressed.get(), again.id());
        }
        return new StepResult.Running(POLL, verdict.next().writeTo(seen));
    }

    /** The change to wait for: the latest re-assertion's, else the weight step's. */
    private static String awaited(Parameters parameters, JsonNode checkpoint) {
        JsonNode reasserted = checkpoint == null ? null : checkpoint.get(CHANGE_ID);
        return reasserted != null && reasserted.isTextual() ? reasserted.asText() : parameters.changeId();
    }
}
