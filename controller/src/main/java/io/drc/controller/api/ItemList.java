package io.drc.controller.api;

import java.util.List;

/** The API's list envelope: {@code {"items": [...]}}. */
public record ItemList<T>(List<T> items) {}
