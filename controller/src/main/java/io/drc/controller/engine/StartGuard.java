package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import io.drc.controller.db.ServingHistory;
import io.drc.strategies.serving.DatabaseRole;
import io.drc.strategies.serving.ObservedDatabase;
import io.drc.strategies.serving.ObservedServing;
import java.util.List;
import java.util.Optional;

/**
 * Whether a failover or fail-back makes sense in the state the application is in, decided before anything starts
 * from live AWS (Route 53 weights, database roles) and the store (the newest recovered execution); pure.
 *
 * <p>A failover is refused ({@code already_serving}) when its target already takes all the traffic with a writable
 * database. A fail-back is refused ({@code nothing_to_fail_back}) when DR holds no promoted database, or the home
 * region still takes all the traffic. What could not be read does not block a failover — it is needed most when a
 * region does not answer — and the store's history stands in for unreadable weights.
 */
public final class StartGuard {

    /** The guard's answer, with what it observed in words (for the refusal, the audit log and the dry run). */
    public record Verdict(boolean clear, String code, String message, String observed) {
        static Verdict clear(String observed) {
            return new Verdict(true, null, null, observed);
        }

        static Verdict refused(String code, String message, String observed) {
            return new Verdict(false, code, message, observed);
        }
    }

    private StartGuard() {
    }

    /**
     * @param from    the region that stops serving ({@code source}); {@code to} the one that serves afterwards
     * @param regions the configured regions in the order observations are told
     */
    public static Verdict decide(ExecutionKind kind, String from, String to, List<String> regions, ObservedServing now,
                                 Optional<ServingHistory.Serving> history) {
        String observed = now.describe(regions) + "; " + history.map(h -> "drc's last recovery: " + h.kind() + " "
                + h.executionId() + " made " + h.region() + " serve at " + h.since())
                .orElse("drc's store: no failover or fail-back has reached its recovered mark");
        return switch (kind) {
            case FAILOVER -> failover(from, to, now, history, observed);
            case FAILBACK -> failback(from, to, now, history, observed);
            case DRILL -> drill(to, from, now, history, observed);
        };
    }

    private static Verdict failover(String from, String to, ObservedServing now, Optional<ServingHistory.Serving> history,
                                    String observed) {
        boolean targetWritable = now.database(to).map(ObservedDatabase::writable).orElse(true);
        boolean targetServesAlone = now.weightsKnown()
                ? now.receivesTraffic(to).orElse(false) && !now.receivesTraffic(from).orElse(true)
                : history.map(h -> h.region().equals(to)).orElse(false);
        if (targetServesAlone && targetWritable) {
            return Verdict.refused("already_serving", to + " already serves the application: a failover to it would "
                    + "change nothing. Observed: " + observed + ". To bring the application home use POST "
                    + "/api/v1/failbacks; an admin may override with \"force\": true and a reason", observed);
        }
        return Verdict.clear(observed);
    }

    /**
     * A drill rehearses a failover to {@code dr}: refused ({@code dr_serving}) while DR serves instead of the
     * primary — its database promoted, or the primary drained (by the weights, or, unreadable, by the store).
     */
    private static Verdict drill(String dr, String primary, ObservedServing now,
                                 Optional<ServingHistory.Serving> history, String observed) {
        boolean drPromoted = now.database(dr).map(ObservedDatabase::writable).orElse(false);
        boolean primaryDrained = now.weightsKnown() ? !now.receivesTraffic(primary).orElse(true)
                : history.map(h -> h.region().equals(dr)).orElse(false);
        if (drPromoted || primaryDrained) {
            return Verdict.refused("dr_serving", dr + " serves the application now (" + (drPromoted
                    ? "its database is promoted" : primary + " takes no traffic") + "): a drill rehearses a failover "
                    + "to it and would compete with production there. Observed: " + observed + ". Fail back first "
                    + "(POST /api/v1/failbacks); an admin may override with \"force\": true and a reason", observed);
        }
        return Verdict.clear(observed);
    }

    private static Verdict failback(String from, String to, ObservedServing now, Optional<ServingHistory.Serving> history,
                                    String observed) {
        Optional<ObservedDatabase> drDatabase = now.database(from);
        boolean drHoldsNoPromotedDatabase = drDatabase.map(d -> d.role() != DatabaseRole.WRITABLE
                && d.role() != DatabaseRole.UNKNOWN).orElse(false);
        boolean homeServesAlone = now.weightsKnown()
                ? now.receivesTraffic(to).orElse(false) && !now.receivesTraffic(from).orElse(true)
                : history.map(h -> h.region().equals(to)).orElse(true) && drDatabase.map(d -> !d.writable()).orElse(true);
        if (drHoldsNoPromotedDatabase) {
            return Verdict.refused("nothing_to_fail_back", from + " holds no promoted database ("
                    + drDatabase.get().describe() + "): there is nothing to bring back to " + to + ", and the fail-back "
                    + "would replace " + to + "'s database. Observed: " + observed + ". An admin may override with "
                    + "\"force\": true and a reason", observed);
        }
        if (homeServesAlone) {
            return Verdict.refused("nothing_to_fail_back", to + " still takes all the traffic, so the application "
                    + "was never moved to " + from + " (or the failover's DNS change did not happen: re-run the "
                    + "failover to finish it). Observed: " + observed + ". An admin may override with \"force\": true "
                    + "and a reason", observed);
        }
        return Verdict.clear(observed);
    }
}
