package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;

/** The body of every 4xx and 5xx response. */
public record ErrorBody(@NotNull String code, @NotNull String message, @NotNull String requestId) {}
