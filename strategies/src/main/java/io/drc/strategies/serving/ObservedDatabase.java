package io.drc.strategies.serving;

/**
 * One production database as read from RDS.
 *
 * @param replicaOf the source RDS names for a read replica, else null
 * @param problem   why it could not be read (role {@link DatabaseRole#UNKNOWN}), else null
 */
public record ObservedDatabase(String region, String instanceId, DatabaseRole role, String status, String replicaOf,
                               String problem) {

    public boolean writable() {
        return role == DatabaseRole.WRITABLE;
    }

    /** E.g. {@code shop-db (us-east-1) writable, available} or {@code shop-db-replica (us-west-2) read replica of arn:…}. */
    public String describe() {
        String head = instanceId + " (" + region + ") " + role.words();
        return switch (role) {
            case REPLICA -> head + " of " + replicaOf;
            case UNKNOWN -> head + ": " + problem;
            case ABSENT -> head;
            default -> head + ", " + status;
        };
    }
}
