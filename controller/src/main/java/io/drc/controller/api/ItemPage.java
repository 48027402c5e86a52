package io.drc.controller.api;

import java.util.List;

/** A page of a list: {@code {"items": [...], "nextCursor": "..."}}; pass {@code nextCursor} back for the next page, null at the end. */
public record ItemPage<T>(List<T> items, String nextCursor) {}
