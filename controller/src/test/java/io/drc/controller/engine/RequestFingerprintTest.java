package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.api.ExecutionRequest;
import org.junit.jupiter.api.Test;

/** Which requests an Idempotency-Key repeats: the same kind and canonical body, nothing else. */
class RequestFingerprintTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT = "pilot-light";

    static String of(ExecutionKind kind, String strategy, String reason, String confirm, Boolean dryRun) {
        return RequestFingerprint.of(kind, new ExecutionRequest(strategy, reason, confirm, dryRun, null),
                strategy == null ? DEFAULT : strategy, JSON);
    }

    @Test
    void leftOutNullFalseAndTheDefaultStrategyAreTheSameRequest() {
        String plain = of(ExecutionKind.FAILOVER, null, "r", "us-west-2", null);
        assertThat(of(ExecutionKind.FAILOVER, null, "r", "us-west-2", false)).isEqualTo(plain);
        assertThat(of(ExecutionKind.FAILOVER, DEFAULT, "r", "us-west-2", null)).isEqualTo(plain);
        assertThat(plain).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void anyFieldOrTheKindMakesADifferentRequest() {
        String plain = of(ExecutionKind.FAILOVER, null, "r", "us-west-2", null);
        assertThat(of(ExecutionKind.FAILBACK, null, "r", "us-west-2", null)).isNotEqualTo(plain);
        assertThat(of(ExecutionKind.FAILOVER, null, "other reason", "us-west-2", null)).isNotEqualTo(plain);
        assertThat(of(ExecutionKind.FAILOVER, null, null, "us-west-2", null)).isNotEqualTo(plain);
        assertThat(of(ExecutionKind.FAILOVER, null, "r", "us-east-1", null)).isNotEqualTo(plain);
        assertThat(of(ExecutionKind.FAILOVER, "warm-standby", "r", "us-west-2", null)).isNotEqualTo(plain);
        assertThat(of(ExecutionKind.FAILOVER, null, "r", "us-west-2", true)).isNotEqualTo(plain);
        assertThat(RequestFingerprint.of(ExecutionKind.FAILOVER, new ExecutionRequest(null, "r", "us-west-2", null, true),
                DEFAULT, JSON)).as("a forced request").isNotEqualTo(plain);
    }
}
