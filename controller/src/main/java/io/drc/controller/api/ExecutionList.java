package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The API's list envelope for executions, newest first (at most 100): {@code {"items": [...]}}. */
public record ExecutionList(@NotNull List<ExecutionView> items) {}
