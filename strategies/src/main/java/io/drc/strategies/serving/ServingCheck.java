package io.drc.strategies.serving;

import io.drc.strategies.aws.AwsClients;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DestructiveGuard} asked with live state read at the moment a step acts. Reads only when the step
 * touches a production resource; a read that fails throws, so the step fails rather than acting unverified.
 */
public final class ServingCheck {
    private final ServingTopology topology;
    private final ServingStateReader reader;
    private final DestructiveGuard guard;

    public ServingCheck(AwsClients aws, ServingTopology topology) {
        this.topology = topology;
        this.reader = new ServingStateReader(aws);
        this.guard = new DestructiveGuard(topology);
    }

    /** Why the database must not be deleted now, or empty. */
    public Optional<String> beforeDeletingDatabase(String region, String dbInstanceId) {
        return guard.guardsDatabase(region, dbInstanceId)
                ? guard.refuseDatabaseDeletion(reader.readNow(topology), region, dbInstanceId) : Optional.empty();
    }

    /** Why the groups must not be scaled to zero now, or empty. */
    public Optional<String> beforeEmptyingGroups(String region, List<String> groups) {
        return guard.guardsGroups(region, groups)
                ? guard.refuseEmptyingWebTier(reader.readWeightsNow(topology), region, groups) : Optional.empty();
    }
}
