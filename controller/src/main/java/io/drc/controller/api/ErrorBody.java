package io.drc.controller.api;

/** The body of every 4xx and 5xx response. */
public record ErrorBody(String code, String message, String requestId) {}
