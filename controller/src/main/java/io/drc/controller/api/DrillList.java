package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The API's list envelope for drills, newest first (at most 100): {@code {"items": [...]}}. */
public record DrillList(@NotNull List<DrillView> items) {}
