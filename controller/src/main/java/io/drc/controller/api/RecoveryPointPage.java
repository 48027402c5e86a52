package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * A page of {@code GET /api/v1/recovery-points}, newest source time first: {@code {"items": [...], "nextCursor":
 * "..."}}; pass {@code nextCursor} back for the next page, null at the end.
 */
public record RecoveryPointPage(@NotNull List<RecoveryPointItem> items, String nextCursor) {}
