package io.drc.strategies.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a destructive step may act, decided from observed weights and database roles; pure, table-tested. */
class DestructiveGuardTest {
    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final ServingTopology PRODUCTION = new ServingTopology("Z1", "shop.example.com.", List.of(
            new ServingTopology.Site(EAST, "primary", "shop-db", List.of("web")),
            new ServingTopology.Site(WEST, "dr", "shop-db-replica", List.of("web"))));
    private final DestructiveGuard guard = new DestructiveGuard(PRODUCTION);

    static Stream<Arguments> deletions() {
        return Stream.of(
                // fail-back sent while the primary serves: the home database is the only writer
                Arguments.of("primary serves, DR replica", weights(100, 0), DatabaseRole.WRITABLE, DatabaseRole.REPLICA,
                        EAST, "shop-db", true),
                // the normal fail-back: DR promoted and serving, the stale home database goes
                Arguments.of("DR promoted and serving", weights(0, 100), DatabaseRole.WRITABLE, DatabaseRole.WRITABLE,
                        EAST, "shop-db", false),
                // DR promoted but DNS never moved (Route 53 control plane down): home still takes the traffic
                Arguments.of("DR promoted, DNS not moved", weights(100, 0), DatabaseRole.WRITABLE,
                        DatabaseRole.WRITABLE, EAST, "shop-db", true),
                // re-lighting DR after a fail-back: home promoted and serving, the DR database goes
                Arguments.of("home promoted and serving again", weights(100, 0), DatabaseRole.WRITABLE,
                        DatabaseRole.WRITABLE, WEST, "shop-db-replica", false),
                // multi-site re-light: both regions take traffic, home is writable too
                Arguments.of("multi-site, both writable", weights(50, 50), DatabaseRole.WRITABLE,
                        DatabaseRole.WRITABLE, WEST, "shop-db-replica", false),
                // multi-site, nothing failed over: DR is a replica, home the only writer
                Arguments.of("multi-site, DR replica", weights(50, 50), DatabaseRole.WRITABLE, DatabaseRole.REPLICA,
                        EAST, "shop-db", true),
                Arguments.of("a read replica", weights(100, 0), DatabaseRole.WRITABLE, DatabaseRole.REPLICA,
                        WEST, "shop-db-replica", false),
                Arguments.of("already gone", weights(0, 100), DatabaseRole.ABSENT, DatabaseRole.WRITABLE,
                        EAST, "shop-db", false),
                Arguments.of("weights unreadable", null, DatabaseRole.WRITABLE, DatabaseRole.WRITABLE,
                        EAST, "shop-db", true),
                Arguments.of("other database unreadable", weights(0, 100), DatabaseRole.WRITABLE, DatabaseRole.UNKNOWN,
                        EAST, "shop-db", true),
                Arguments.of("not a production database", weights(100, 0), DatabaseRole.WRITABLE, DatabaseRole.REPLICA,
                        WEST, "drc-drill-1234-db", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletions")
    void deletion(String name, Map<String, Integer> weights, DatabaseRole east, DatabaseRole west, String region,
                  String db, boolean refused) {
        Optional<String> refusal = guard.refuseDatabaseDeletion(observed(weights, east, west), region, db);
        assertThat(refusal.isPresent()).as(name).isEqualTo(refused);
        refusal.ifPresent(r -> assertThat(r).contains(db).contains("Nothing was deleted").contains("observed:"));
    }

    static Stream<Arguments> emptying() {
        return Stream.of(
                Arguments.of("fence a drained region", weights(0, 100), EAST, List.of("web"), false),
                Arguments.of("empty the region that serves", weights(100, 0), EAST, List.of("web"), true),
                Arguments.of("stand DR down after fail-back", weights(100, 0), WEST, List.of("web"), false),
                Arguments.of("multi-site region still serving", weights(50, 50), WEST, List.of("web"), true),
                Arguments.of("weights unreadable", null, EAST, List.of("web"), true),
                Arguments.of("not a production group", weights(100, 0), EAST, List.of("drc-drill-1234-web"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptying")
    void emptyingAWebTier(String name, Map<String, Integer> weights, String region, List<String> groups,
                          boolean refused) {
        Optional<String> refusal = guard.refuseEmptyingWebTier(
                observed(weights, DatabaseRole.WRITABLE, DatabaseRole.REPLICA), region, groups);
        assertThat(refusal.isPresent()).as(name).isEqualTo(refused);
        refusal.ifPresent(r -> assertThat(r).contains(region).contains("Nothing was changed"));
    }

    private static Map<String, Integer> weights(int east, int west) {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put(EAST, east);
        w.put(WEST, west);
        return w;
    }

    private static ObservedServing observed(Map<String, Integer> weights, DatabaseRole east, DatabaseRole west) {
        return new ObservedServing(weights == null ? Map.of() : weights, weights == null ? "no answer" : null, Map.of(
                EAST, database(EAST, "shop-db", east), WEST, database(WEST, "shop-db-replica", west)));
    }

    private static ObservedDatabase database(String region, String id, DatabaseRole role) {
        return new ObservedDatabase(region, id, role, role == DatabaseRole.UNKNOWN ? null : "available",
                role == DatabaseRole.REPLICA ? "shop-db" : null, role == DatabaseRole.UNKNOWN ? "no answer" : null);
    }
}
