package io.drc.strategies.handlers;

import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.serving.ServingCheck;
import io.drc.strategies.serving.ServingTopology;
import io.drc.strategies.step.Hooks;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepHandlers;
import java.net.http.HttpClient;
import java.util.List;

/** Every AWS step handler drc has, in one list, so the daemon and {@code check} know the same Task resources. */
public final class StepHandlerCatalog {
    private StepHandlerCatalog() {
    }

    /**
     * @param production the application's production resources: destructive steps refuse to act on the ones that
     *                   serve ({@link ServingTopology#none()} only where no step runs, e.g. listing resource names)
     */
    public static StepHandlers all(AwsClients aws, Hooks hooks, ServingTopology production) {
        ServingCheck serving = new ServingCheck(aws, production);
        List<StepHandler> handlers = List.of(
                new ScaleGroupsHandler(aws, serving),
                new AwaitGroupsInServiceHandler(aws),
                new AwaitHealthyTargetsHandler(aws),
                new UseLatestImageHandler(aws),
                new PromoteReplicaHandler(aws),
                new AwaitDatabaseHandler(aws),
                new ModifyDatabaseHandler(aws),
                new CreateReplicaHandler(aws),
                new AwaitReplicaLagHandler(aws),
                new DeleteDatabaseHandler(aws, serving),
                new AwaitDatabaseDeletedHandler(aws),
                new CreateDbSnapshotHandler(aws),
                new CopyDbSnapshotHandler(aws),
                new AwaitDbSnapshotHandler(aws),
                new RestoreDbSnapshotHandler(aws),
                new RestoreLatestSnapshotHandler(aws),
                new SetDnsWeightsHandler(aws),
                new AwaitDnsChangeHandler(aws),
                new PutMetricHandler(aws),
                new CreateDrillWebTierHandler(aws),
                new CleanUpDrillHandler(aws),
                new SweepDrillHandler(aws),
                new PointDrillDnsHandler(aws),
                new DrillSmokeCheckHandler(aws, HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER).build()),
                new HookHandler(hooks));
        return new StepHandlers(handlers);
    }
}
