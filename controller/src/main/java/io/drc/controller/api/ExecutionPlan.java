package io.drc.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The answer to a dry run: what the runbook would do, step by step, and the AWS changes it would make. */
public record ExecutionPlan(boolean dryRun, String kind, String strategy, String runbook, String targetRegion,
                            GuardReport guard, JsonNode input, List<PlannedStep> steps) { }
