package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/**
 * {@code drc:rds:modify}: resizes a database ({@code instanceClass}) and/or turns Multi-AZ on or off
 * ({@code multiAz}) with ApplyImmediately. Absent or null parameters leave that setting alone; a setting already
 * as wanted — or being applied right now, which is what a call repeated after a restart sees — is not asked for
 * again. A change needed while the database is busy (e.g. finishing a promotion) is waited for.
 */
public final class ModifyDatabaseHandler implements StepHandler {
    /** {@code instanceClass}, {@code multiAz}: what the database must have; absent or null: leave as is. */
    public record Parameters(String region, String dbInstanceId, @OptionalParameter String instanceClass,
                             @OptionalParameter Boolean multiAz) { }

    static final Duration POLL = Duration.ofSeconds(10);
    private final AwsClients aws;

    public ModifyDatabaseHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:modify";
    }

    @Override
    public List<PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        Change change = change(AwsLookups.database(aws.rds(region), id), parameters);
        List<PlannedChange> planned = new ArrayList<>();
        if (change.newClass() != null) {
            planned.add(new PlannedChange("rds:" + region + ":" + id, "instanceClass", change.classNow(), change.newClass()));
        }
        if (change.newMultiAz() != null) {
            planned.add(new PlannedChange("rds:" + region + ":" + id, "multiAz", String.valueOf(change.multiAzNow()),
                    String.valueOf(change.newMultiAz())));
        }
        return planned;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String id = parameters.dbInstanceId();
        RdsClient rds = aws.rds(parameters.region());
        DBInstance db = AwsLookups.database(rds, id);
        Change change = change(db, parameters);
        if (change.newClass() == null && change.newMultiAz() == null) {
            return done(id, change.classNow(), change.multiAzNow(), false);
        }
        if (!"available".equals(db.dbInstanceStatus())) {
            return new StepResult.Running(POLL, JsonNodeFactory.instance.objectNode().put("waitingFor", db.dbInstanceStatus()));
        }
        rds.modifyDBInstance(r -> r.dbInstanceIdentifier(id).dbInstanceClass(change.newClass())
                .multiAZ(change.newMultiAz()).applyImmediately(true));
        return done(id, change.newClass() != null ? change.newClass() : change.classNow(),
                change.newMultiAz() != null ? change.newMultiAz() : change.multiAzNow(), true);
    }

    /** The settings now (counting a change being applied) and what still needs asking for: null = nothing. */
    private record Change(String classNow, Boolean multiAzNow, String newClass, Boolean newMultiAz) { }

    private static Change change(DBInstance db, Parameters parameters) {
        // a change applied immediately shows as pending while the instance is modifying
        PendingModifiedValues applying = "available".equals(db.dbInstanceStatus()) ? null : db.pendingModifiedValues();
        String classNow = applying != null && applying.dbInstanceClass() != null ? applying.dbInstanceClass() : db.dbInstanceClass();
        Boolean multiAzNow = applying != null && applying.multiAZ() != null ? applying.multiAZ() : db.multiAZ();
        return new Change(classNow, multiAzNow,
                parameters.instanceClass() == null || parameters.instanceClass().equals(classNow) ? null
                        : parameters.instanceClass(),
                parameters.multiAz() == null || parameters.multiAz().equals(multiAzNow) ? null : parameters.multiAz());
    }

    private static StepResult done(String id, String instanceClass, Boolean multiAz, boolean changed) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("dbInstanceId", id)
                .put("changed", changed).put("instanceClass", instanceClass).put("multiAz", multiAz));
    }
}
