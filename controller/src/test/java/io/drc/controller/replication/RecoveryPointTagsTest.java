package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.aws.DrcTags;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ownership check before retention deletes and reconciliation catalogs anything; pure. */
class RecoveryPointTagsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("replication's recovery point", Map.of(DrcTags.MANAGED_BY, "drc", DrcTags.APPLICATION,
                        "shop", DrcTags.RESOURCE, "shop-db"), true),
                Arguments.of("another application's", Map.of(DrcTags.MANAGED_BY, "drc", DrcTags.APPLICATION, "blog"),
                        false),
                Arguments.of("not drc's", Map.of(DrcTags.APPLICATION, "shop"), false),
                Arguments.of("a drill's snapshot: the drill cleans it up, retention never",
                        Map.of(DrcTags.MANAGED_BY, "drc", DrcTags.APPLICATION, "shop", DrcTags.DRILL, "exec-1"), false),
                Arguments.of("a drill's restore from a recovery point", Map.of(DrcTags.MANAGED_BY, "drc",
                        DrcTags.APPLICATION, "shop", DrcTags.RESOURCE, "shop-db", DrcTags.DRILL, "exec-1"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ownedBy(String name, Map<String, String> tags, boolean owned) {
        assertThat(RecoveryPointTags.ownedBy(tags, "shop")).as(name).isEqualTo(owned);
    }
}
