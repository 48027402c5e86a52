package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
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
    static final Duration POLL = Duration.ofSeconds(10);
    private final AwsClients aws;

    public ModifyDatabaseHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String resource() {
        return "drc:rds:modify";
    }

    @Override
    public List<PlannedChange> plan(StepContext context) {
        String region = context.text("region");
        String id = context.text("dbInstanceId");
        Change change = change(AwsLookups.database(aws.rds(region), id), context);
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
        String id = context.text("dbInstanceId");
        RdsClient rds = aws.rds(context.text("region"));
        DBInstance db = AwsLookups.database(rds, id);
        Change change = change(db, context);
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

    private static Change change(DBInstance db, StepContext context) {
        // a change applied immediately shows as pending while the instance is modifying
        PendingModifiedValues applying = "available".equals(db.dbInstanceStatus()) ? null : db.pendingModifiedValues();
        String classNow = applying != null && applying.dbInstanceClass() != null ? applying.dbInstanceClass() : db.dbInstanceClass();
        Boolean multiAzNow = applying != null && applying.multiAZ() != null ? applying.multiAZ() : db.multiAZ();
        return new Change(classNow, multiAzNow,
                context.optionalText("instanceClass").filter(c -> !c.equals(classNow)).orElse(null),
                context.optionalBoolean("multiAz").filter(m -> !m.equals(multiAzNow)).orElse(null));
    }

    private static StepResult done(String id, String instanceClass, Boolean multiAz, boolean changed) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("dbInstanceId", id)
                .put("changed", changed).put("instanceClass", instanceClass).put("multiAz", multiAz));
    }
}
