package io.drc.strategies.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.step.StepResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** The handlers' pure decisions, table-tested: states the simulator does not produce, identifiers, source matching. */
class HandlerLogicTest {

    @ParameterizedTest
    @CsvSource({"available, Succeeded", "failed, Failed", "error, Failed", "creating, Running", "pending, Running",
            "copying, Running"})
    void snapshotStatusDecidesTheAwait(String status, String outcome) {
        StepResult result = AwaitDbSnapshotHandler.outcome(DBSnapshot.builder().dbSnapshotIdentifier("s").status(status)
                .build(), "us-west-2");
        assertThat(result.getClass().getSimpleName()).isEqualTo(outcome);
        if (result instanceof StepResult.Failed failed) {
            assertThat(failed.error()).isEqualTo("Drc.SnapshotFailed");
            assertThat(failed.cause()).contains("'s'", "us-west-2", status);
        }
    }

    @ParameterizedTest
    @CsvSource({"drc-final, shop-db, 7F3E9A2C-1b2c, drc-final-shop-db-7f3e9a2c",
            "drc, Shop_DB, exec_01, drc-shop-db-exec-01",
            "drc, shop-db, --, drc-shop-db"})
    void identifiersDerivedFromTheExecutionAreValidRdsIdentifiers(String prefix, String db, String execution,
                                                                   String expected) {
        assertThat(RdsIdentifiers.forExecution(prefix, db, execution)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"shop-db, us-east-1, shop-db, true",
            "arn:aws:rds:us-east-1:123456789012:db:shop-db, us-east-1, shop-db, true",
            "arn:aws:rds:us-east-1:123456789012:db:shop-db-2, us-east-1, shop-db, false",
            "arn:aws:rds:eu-west-1:123456789012:db:shop-db, us-east-1, shop-db, false",
            "other, us-east-1, shop-db, false"})
    void aReplicaIsOfTheSourceItShows(String shown, String region, String id, boolean expected) {
        assertThat(CreateReplicaHandler.isSource(shown, region, id)).isEqualTo(expected);
    }
}
