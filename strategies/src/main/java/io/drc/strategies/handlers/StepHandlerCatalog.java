package io.drc.strategies.handlers;

import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.Hooks;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepHandlers;
import java.util.List;

/** Every AWS step handler drc has, in one list, so the daemon and {@code check} know the same Task resources. */
public final class StepHandlerCatalog {
    private StepHandlerCatalog() {
    }

    public static StepHandlers all(AwsClients aws, Hooks hooks) {
        List<StepHandler> handlers = List.of(
                new ScaleGroupsHandler(aws),
                new AwaitGroupsInServiceHandler(aws),
                new AwaitHealthyTargetsHandler(aws),
                new UseLatestImageHandler(aws),
                new PromoteReplicaHandler(aws),
                new AwaitDatabaseHandler(aws),
                new ModifyDatabaseHandler(aws),
                new CreateReplicaHandler(aws),
                new AwaitReplicaLagHandler(aws),
                new DeleteDatabaseHandler(aws),
                new AwaitDatabaseDeletedHandler(aws),
                new CreateDbSnapshotHandler(aws),
                new CopyDbSnapshotHandler(aws),
                new AwaitDbSnapshotHandler(aws),
                new RestoreDbSnapshotHandler(aws),
                new RestoreLatestSnapshotHandler(aws),
                new SetDnsWeightsHandler(aws),
                new AwaitDnsChangeHandler(aws),
                new PutMetricHandler(aws),
                new HookHandler(hooks));
        return new StepHandlers(handlers);
    }
}
