package io.drc.controller.api;

import java.util.List;

/** The API's list envelope for executions, newest first (at most 100): {@code {"items": [...]}}. */
public record ExecutionList(List<ExecutionView> items) {}
