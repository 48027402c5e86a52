package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.db.ServingHistory;
import io.drc.strategies.serving.DatabaseRole;
import io.drc.strategies.serving.ObservedDatabase;
import io.drc.strategies.serving.ObservedServing;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether a failover, fail-back or drill may start, from observed weights, database roles and drc's history; pure. */
class StartGuardTest {
    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final Optional<ServingHistory.Serving> NO_HISTORY = Optional.empty();
    private static final Optional<ServingHistory.Serving> FAILED_OVER = Optional.of(
            new ServingHistory.Serving(WEST, "exec-1", "failover", Instant.parse("2026-03-01T00:00:00Z")));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("failover from the normal state", ExecutionKind.FAILOVER, w(100, 0),
                        DatabaseRole.WRITABLE, DatabaseRole.REPLICA, NO_HISTORY, null),
                Arguments.of("failover while DR serves with its promoted database", ExecutionKind.FAILOVER, w(0, 100),
                        DatabaseRole.WRITABLE, DatabaseRole.WRITABLE, FAILED_OVER, "already_serving"),
                // DNS was moved by hand, the database not: the failover has work left (promote)
                Arguments.of("failover with DNS moved but DR still a replica", ExecutionKind.FAILOVER, w(0, 100),
                        DatabaseRole.WRITABLE, DatabaseRole.REPLICA, NO_HISTORY, null),
                // promoted but DNS never moved (Route 53 control plane down): re-running the failover finishes it
                Arguments.of("failover with DR promoted but DNS not moved", ExecutionKind.FAILOVER, w(100, 0),
                        DatabaseRole.UNKNOWN, DatabaseRole.WRITABLE, FAILED_OVER, null),
                Arguments.of("failover while us-east-1 and Route 53 do not answer", ExecutionKind.FAILOVER, null,
                        DatabaseRole.UNKNOWN, DatabaseRole.REPLICA, NO_HISTORY, null),
                Arguments.of("failover, weights unreadable, store says DR serves", ExecutionKind.FAILOVER, null,
                        DatabaseRole.UNKNOWN, DatabaseRole.WRITABLE, FAILED_OVER, "already_serving"),
                Arguments.of("multi-site failover from 50/50", ExecutionKind.FAILOVER, w(50, 50),
                        DatabaseRole.WRITABLE, DatabaseRole.REPLICA, NO_HISTORY, null),
                Arguments.of("fail-back while the primary serves", ExecutionKind.FAILBACK, w(100, 0),
                        DatabaseRole.WRITABLE, DatabaseRole.REPLICA, NO_HISTORY, "nothing_to_fail_back"),
                Arguments.of("multi-site fail-back with nothing failed over", ExecutionKind.FAILBACK, w(50, 50),
                        DatabaseRole.WRITABLE, DatabaseRole.REPLICA, NO_HISTORY, "nothing_to_fail_back"),
                Arguments.of("backup-restore fail-back with no restored DR database", ExecutionKind.FAILBACK, w(100, 0),
                        DatabaseRole.WRITABLE, DatabaseRole.ABSENT, NO_HISTORY, "nothing_to_fail_back"),
                Arguments.of("fail-back after a failover", ExecutionKind.FAILBACK, w(0, 100),
                        DatabaseRole.WRITABLE, DatabaseRole.WRITABLE, FAILED_OVER, null),
                Arguments.of("multi-site fail-back after a failover", ExecutionKind.FAILBACK, w(0, 50),
                        DatabaseRole.WRITABLE, DatabaseRole.WRITABLE, FAILED_OVER, null),
                Arguments.of("fail-back when the home region is gone", ExecutionKind.FAILBACK, w(0, 100),
                        DatabaseRole.UNKNOWN, DatabaseRole.WRITABLE, FAILED_OVER, null),
                Arguments.of("fail-back with DR promoted but home still taking all traffic", ExecutionKind.FAILBACK,
                        w(100, 0), DatabaseRole.WRITABLE, DatabaseRole.WRITABLE, FAILED_OVER, "nothing_to_fail_back"),
                Arguments.of("fail-back, weights unreadable, nothing failed over", ExecutionKind.FAILBACK, null,
                        DatabaseRole.WRITABLE, DatabaseRole.UNKNOWN, NO_HISTORY, "nothing_to_fail_back"),
                Arguments.of("fail-back, weights unreadable, DR promoted", ExecutionKind.FAILBACK, null,
                        DatabaseRole.WRITABLE, DatabaseRole.WRITABLE, FAILED_OVER, null),
                Arguments.of("drill in the normal state", ExecutionKind.DRILL, w(100, 0),
                        DatabaseRole.WRITABLE, DatabaseRole.REPLICA, NO_HISTORY, null),
                Arguments.of("multi-site drill from 50/50", ExecutionKind.DRILL, w(50, 50),
                        DatabaseRole.WRITABLE, DatabaseRole.REPLICA, NO_HISTORY, null),
                Arguments.of("drill while DR serves", ExecutionKind.DRILL, w(0, 100),
                        DatabaseRole.WRITABLE, DatabaseRole.WRITABLE, FAILED_OVER, "dr_serving"),
                Arguments.of("drill with DR promoted but DNS not moved", ExecutionKind.DRILL, w(100, 0),
                        DatabaseRole.UNKNOWN, DatabaseRole.WRITABLE, FAILED_OVER, "dr_serving"),
                Arguments.of("drill, weights unreadable, store says DR serves", ExecutionKind.DRILL, null,
                        DatabaseRole.UNKNOWN, DatabaseRole.REPLICA, FAILED_OVER, "dr_serving"),
                Arguments.of("drill while nothing answers", ExecutionKind.DRILL, null,
                        DatabaseRole.UNKNOWN, DatabaseRole.UNKNOWN, NO_HISTORY, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, ExecutionKind kind, Map<String, Integer> weights, DatabaseRole east, DatabaseRole west,
                 Optional<ServingHistory.Serving> history, String refusedWith) {
        String from = kind == ExecutionKind.FAILBACK ? WEST : EAST;
        String to = kind == ExecutionKind.FAILBACK ? EAST : WEST;
        StartGuard.Verdict verdict = StartGuard.decide(kind, from, to, List.of(EAST, WEST),
                observed(weights, east, west), history);
        assertThat(verdict.clear()).as(name).isEqualTo(refusedWith == null);
        assertThat(verdict.code()).as(name).isEqualTo(refusedWith);
        assertThat(verdict.observed()).contains("shop-db (us-east-1)").contains("shop-db-replica (us-west-2)");
        if (refusedWith != null) {
            assertThat(verdict.message()).contains("Observed:").contains("force");
        }
    }

    private static Map<String, Integer> w(int east, int west) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(EAST, east);
        weights.put(WEST, west);
        return weights;
    }

    private static ObservedServing observed(Map<String, Integer> weights, DatabaseRole east, DatabaseRole west) {
        return new ObservedServing(weights == null ? Map.of() : weights, weights == null ? "no answer" : null,
                Map.of(EAST, db(EAST, "shop-db", east), WEST, db(WEST, "shop-db-replica", west)));
    }

    private static ObservedDatabase db(String region, String id, DatabaseRole role) {
        return new ObservedDatabase(region, id, role, "available", role == DatabaseRole.REPLICA ? "shop-db" : null,
                role == DatabaseRole.UNKNOWN ? "no answer" : null);
    }
}
