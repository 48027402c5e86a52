package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    static UnableToExecuteStatementException failed(String sqlState) {
        return new UnableToExecuteStatementException(new SQLException("failed", sqlState), null);
    }

    @Test
    void aDeadlockVictimIsRunAgainAndItsSecondAnswerReturned() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = SqlErrors.retryingDeadlocks("test", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw failed("40001"); // H2: "Transaction 3 has been chosen as a deadlock victim"
            }
            return "stored";
        });
        assertThat(answer).isEqualTo("stored");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void postgresDeadlocksAreRetriedToo() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(SqlErrors.retryingDeadlocks("test", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw failed("40P01");
            }
            return attempts.get();
        })).isEqualTo(3);
    }

    @Test
    void aDeadlockThatPersistsIsThrownAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> SqlErrors.retryingDeadlocks("test", () -> {
            attempts.incrementAndGet();
            throw failed("40001");
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(attempts).hasValue(SqlErrors.DEADLOCK_ATTEMPTS);
    }

    @Test
    void otherErrorsAreThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> SqlErrors.retryingDeadlocks("test", () -> {
            attempts.incrementAndGet();
            throw failed("23505");
        })).satisfies(e -> assertThat(SqlErrors.uniqueViolation((UnableToExecuteStatementException) e)).isTrue());
        assertThat(attempts).hasValue(1);
    }
}
