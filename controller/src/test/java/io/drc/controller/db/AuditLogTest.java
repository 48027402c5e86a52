package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.api.AuditEntry;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class AuditLogTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void appendsAndListsNewestFirst(TestDatabase database) {
        var clock = new SteppingClock(Instant.parse("2025-01-01T10:00:00.123456Z"));
        AuditLog log = new AuditLog(database.migratedJdbi(), new ObjectMapper(), clock);

        AuditEntry first = log.append("req-1", "oncall", "failover.start", "us-west-2",
                Map.of("reason", "drill", "dryRun", false));
        clock.advanceSeconds(5);
        log.append("req-2", "oncall", "failover.cancel", "exec-1", null);

        assertThat(first.at()).isEqualTo(Instant.parse("2025-01-01T10:00:00.123456Z"));
        assertThat(first.detail().get("reason").asText()).isEqualTo("drill");
        assertThat(log.newestFirst(10))
                .extracting(AuditEntry::requestId)
                .containsExactly("req-2", "req-1");
        assertThat(log.newestFirst(1)).hasSize(1);
        assertThat(log.newestFirst(10).get(0).detail()).isNull();
    }
}
