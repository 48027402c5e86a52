package io.drc.controller.api;

/** One health check's outcome as the status shows it. */
public record CheckStatus(String name, boolean ok, String detail) {}
