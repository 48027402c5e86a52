package io.drc.controller.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a failed statement means to the store, the same on H2 and PostgreSQL (their SQLSTATEs agree on these). */
final class SqlErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SqlErrors.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /** H2's "chosen as a deadlock victim" and PostgreSQL's serialization failure. */
    private static final String TRANSACTION_ROLLBACK = "40001";
    private static final String PG_DEADLOCK_DETECTED = "40P01";
    /** Attempts of a transaction the database rolled back to break a deadlock: the first and two retries. */
    static final int DEADLOCK_ATTEMPTS = 3;

    private SqlErrors() {
    }

    static boolean uniqueViolation(JdbiException e) {
        return UNIQUE_VIOLATION.equals(sqlState(e));
    }

    static boolean deadlockVictim(JdbiException e) {
        String state = sqlState(e);
        return TRANSACTION_ROLLBACK.equals(state) || PG_DEADLOCK_DETECTED.equals(state);
    }

    /**
     * Runs {@code transaction} again when the database rolled it back as a deadlock victim: nothing of it was stored,
     * so running it again is safe, and each attempt re-reads what it decides on (a version, a claim). Without this a
     * cancel crossing a step's commit answered the operator 500.
     */
    static <T> T retryingDeadlocks(String what, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (JdbiException e) {
                if (!deadlockVictim(e) || attempt == DEADLOCK_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("{}: rolled back by the database to break a deadlock (attempt {} of {}); running it again",
                        what, attempt, DEADLOCK_ATTEMPTS);
            }
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
