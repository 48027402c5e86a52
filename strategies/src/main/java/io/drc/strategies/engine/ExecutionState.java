package io.drc.strategies.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the interpreter needs to continue an execution, persisted as one JSON document after every
 * decision: restart = load and continue.
 *
 * @param branches   every branch by id, in creation order; ended branches stay for the record
 * @param nextBranch counter for new branch ids, so ids are never reused (events for old ids are ignored)
 */
public record ExecutionState(String executionId, Instant startedAt, JsonNode input, Status status,
                             Map<String, Branch> branches, int nextBranch, JsonNode output, String error,
                             String cause) {

    public enum Status {
        PENDING, RUNNING, WAITING_APPROVAL, SUCCEEDED, FAILED, CANCELLED;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    public static ExecutionState pending(String executionId, Instant startedAt, JsonNode input) {
        return new ExecutionState(executionId, startedAt, input, Status.PENDING, Map.of(), 0, null, null, null);
    }

    public Optional<Branch> branch(String id) {
        return Optional.ofNullable(branches.get(id));
    }

    public List<Branch> activeBranches() {
        return branches.values().stream().filter(b -> !b.phase().ended()).toList();
    }
}
