package io.drc.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FairShareTest {

    @ParameterizedTest(name = "free {0}, held by live {1}, by self {2}, {3} daemons, {4} idle workers -> {5}")
    @CsvSource({
            // one daemon takes everything its workers can
            "8, 0, 0, 1, 4, 4",
            "8, 4, 4, 1, 4, 4",
            // two daemons: each holds about half of eight parallel branches
            "8, 0, 0, 2, 4, 4",
            "8, 0, 0, 2, 3, 3",
            "4, 4, 4, 2, 4, 0",
            "4, 4, 0, 2, 4, 4",
            "5, 3, 3, 2, 4, 1",
            // a sequential step (one item) is taken at once by whoever looks first
            "1, 0, 0, 2, 4, 1",
            "1, 0, 0, 3, 4, 1",
            // at least one item, whatever the share
            "1, 6, 0, 3, 4, 1",
            // nothing free, or no idle worker
            "0, 2, 1, 2, 4, 0",
            "6, 0, 0, 2, 0, 0",
            // three daemons share nine items
            "9, 0, 0, 3, 8, 3",
            "6, 3, 0, 3, 8, 3"})
    void aDaemonTakesItsShare(int free, int heldByLive, int heldBySelf, int daemons, int idle, int expected) {
        assertThat(FairShare.quota(free, heldByLive, heldBySelf, daemons, idle)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "quota {1}, idle {2}, starving {3} -> {4}")
    @CsvSource(delimiter = ';', value = {
            "a,b,c,d; 2; 4; ; a,b",
            "a,b,c,d; 2; 4; c,d; a,b,c,d",
            "a,b,c,d; 2; 3; c,d; a,b,c",
            "a,b,c,d; 0; 4; d; d",
            "a,b,c,d; 4; 2; ; a,b"})
    void starvingItemsGoBeyondTheShare(String free, int quota, int idle, String starving, String expected) {
        List<String> items = List.of(free.split(","));
        List<String> hungry = starving == null ? List.of() : List.of(starving.split(","));
        assertThat(FairShare.pick(items, quota, idle, hungry::contains)).containsExactly(expected.split(","));
    }
}
