package io.drc.controller.api;

import java.util.List;

/** The API's list envelope for recovery points, newest source time first: {@code {"items": [...]}}. */
public record RecoveryPointList(List<RecoveryPointItem> items) {}
