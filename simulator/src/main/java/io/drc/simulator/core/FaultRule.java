package io.drc.simulator.core;

/**
 * A fault to inject into matching calls. Null {@code region}, {@code service} or {@code action} match anything.
 *
 * @param kind      THROTTLE answers with the service's real throttling error; SERVER_ERROR with HTTP 500/503;
 *                  DOWN drops the connection without an answer (a region that stops answering);
 *                  DELAY holds the call for {@code delayMillis} before serving it;
 *                  LOSE serves the call (it is accepted and answered as usual) but AWS then loses the change it
 *                  started: when the change would complete, the resource returns to its state before the call
 *                  (served for changes that pass through a state, e.g. PromoteReadReplica, ModifyDBInstance)
 * @param fraction  share of matching calls affected, 0..1 (1 for DOWN and DELAY unless given)
 * @param remaining how many more calls to affect; null = unlimited
 */
public record FaultRule(String id, Kind kind, String region, String service, String action,
                        Double fraction, Long delayMillis, Integer remaining) {
    public enum Kind { THROTTLE, SERVER_ERROR, DOWN, DELAY, LOSE }

    public FaultRule {
        if (kind == null) {
            throw new IllegalArgumentException("fault 'kind' is required: one of THROTTLE, SERVER_ERROR, DOWN, DELAY, LOSE");
        }
        if (fraction != null && (fraction < 0 || fraction > 1)) {
            throw new IllegalArgumentException("fault 'fraction' must be between 0 and 1, got " + fraction);
        }
        if (kind == Kind.LOSE && action == null) {
            throw new IllegalArgumentException("a LOSE fault needs 'action', the call whose change AWS loses"
                    + " (e.g. PromoteReadReplica)");
        }
        if (kind == Kind.DELAY && (delayMillis == null || delayMillis < 0)) {
            throw new IllegalArgumentException("a DELAY fault needs 'delayMillis' >= 0");
        }
    }

    public static FaultRule regionDown(String region) {
        return new FaultRule(null, Kind.DOWN, region, null, null, 1.0, null, null);
    }

    public static FaultRule throttle(String service, double fraction) {
        return new FaultRule(null, Kind.THROTTLE, null, service, null, fraction, null, null);
    }

    boolean matches(String callRegion, String callService, String callAction) {
        return (region == null || region.equals(callRegion))
                && (service == null || service.equals(callService))
                && (action == null || action.equals(callAction));
    }

    FaultRule withId(String newId) {
        return new FaultRule(newId, kind, region, service, action, fraction, delayMillis, remaining);
    }

    FaultRule consumeOne() {
        return remaining == null ? this : new FaultRule(id, kind, region, service, action, fraction, delayMillis, remaining - 1);
    }
}
