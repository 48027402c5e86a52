package io.drc.strategies.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Level-triggered awaits. An await step knows the action it waits for (a promotion, a capacity) and on each poll
 * checks that AWS still shows it under way. When AWS shows the resource back in its state before the action — AWS lost
 * it, or someone undid it — for a whole grace period, the step re-issues the idempotent action, at most once per grace
 * period, and records the attempt. Edge-triggered waiting would wait for its TimeoutSeconds instead.
 *
 * <p>Pure bookkeeping, kept in the step's checkpoint under {@link #FIELD}: the handler looks at AWS, asks
 * {@link #observe} whether to act, acts, and returns {@link #writeTo}'s checkpoint. The runner reports each new
 * attempt ({@link #attemptsIn}) as a {@code step.reasserted} event; the step's output lists them ({@link #report}).
 *
 * @param regressedSince since when AWS has shown the pre-action state without a break; null while it shows the action
 *                       under way
 * @param attempts       the re-issued actions, oldest first
 */
public record Reassertion(Instant regressedSince, List<Attempt> attempts) {
    /** The checkpoint's and the output's field. */
    public static final String FIELD = "reasserted";
    /** How long AWS may show the pre-action state before the action is re-issued, unless the step says otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);

    /** One re-issued action: when, which AWS call, and what AWS showed. */
    public record Attempt(Instant at, String action, String why) { }

    /** This poll's move: re-issue the action now, or not; {@code next} goes into the checkpoint either way. */
    public record Verdict(Reassertion next, boolean reissue) { }

    public Reassertion {
        attempts = List.copyOf(attempts);
    }

    /** What an earlier poll of the step kept; nothing on its first poll. */
    public static Reassertion from(JsonNode checkpoint) {
        JsonNode kept = checkpoint == null ? null : checkpoint.get(FIELD);
        if (kept == null || !kept.isObject()) {
            return new Reassertion(null, List.of());
        }
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode a : kept.path("attempts")) {
            attempts.add(new Attempt(Instant.parse(a.get("at").asText()), a.get("action").asText(),
                    a.path("why").asText(null)));
        }
        JsonNode since = kept.get("regressedSince");
        return new Reassertion(since == null || since.isNull() ? null : Instant.parse(since.asText()), attempts);
    }

    /** How many actions the step re-issued so far, as its checkpoint says. */
    public static int attemptsIn(JsonNode checkpoint) {
        return from(checkpoint).attempts().size();
    }

    /** The step's grace period: {@code seconds} when the runbook gives one, else {@link #DEFAULT_GRACE}. */
    public static Duration grace(Integer seconds) {
        if (seconds == null) {
            return DEFAULT_GRACE;
        }
        if (seconds < 1) {
            throw StepParameters.invalid("reassertAfterSeconds", "must be at least 1, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * @param regressed why AWS shows the pre-action state now; empty while it shows the action under way or done
     * @param action    the AWS call that would be re-issued, for the record
     */
    public Verdict observe(Optional<String> regressed, Instant now, Duration grace, String action) {
        if (regressed.isEmpty()) {
            return new Verdict(new Reassertion(null, attempts), false);
        }
        if (regressedSince == null) {
            return new Verdict(new Reassertion(now, attempts), false);
        }
        Instant last = attempts.isEmpty() ? regressedSince : attempts.get(attempts.size() - 1).at();
        Instant from = last.isAfter(regressedSince) ? last : regressedSince;
        if (Duration.between(from, now).compareTo(grace) < 0) {
            return new Verdict(this, false);
        }
        List<Attempt> more = new ArrayList<>(attempts);
        more.add(new Attempt(now, action, regressed.get()));
        return new Verdict(new Reassertion(regressedSince, more), true);
    }

    /** {@code seen} (what the poll observed) with this bookkeeping added, as the step's checkpoint. */
    public ObjectNode writeTo(ObjectNode seen) {
        ObjectNode kept = seen.putObject(FIELD);
        kept.put("regressedSince", regressedSince == null ? null : regressedSince.toString());
        kept.set("attempts", attemptsJson());
        return seen;
    }

    /** {@code output} with the re-issued actions listed under {@link #FIELD}, when there were any. */
    public ObjectNode report(ObjectNode output) {
        if (!attempts.isEmpty()) {
            output.set(FIELD, attemptsJson());
        }
        return output;
    }

    private ArrayNode attemptsJson() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Attempt a : attempts) {
            list.addObject().put("at", a.at().toString()).put("action", a.action()).put("why", a.why());
        }
        return list;
    }
}
