package io.drc.controller.api;

import java.util.List;

/** The API's list envelope for drills, newest first (at most 100): {@code {"items": [...]}}. */
public record DrillList(List<DrillView> items) {}
