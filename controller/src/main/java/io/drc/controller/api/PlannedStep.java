package io.drc.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.strategies.step.PlannedChange;
import java.util.List;

/**
 * One Task of a dry run's plan, in runbook order.
 *
 * @param branch    where it runs: {@code null} on the main path, else {@code "Recover[1]"} (Parallel state, branch)
 * @param changes   the concrete AWS changes it would make now (read-only lookups); empty when none
 * @param planError why its changes could not be worked out (e.g. the region does not answer), else null
 */
public record PlannedStep(String name, String resource, String branch, boolean mutating, JsonNode parameters,
                          List<PlannedChange> changes, String planError) { }
