package io.drc.controller.api;

/**
 * What the state guard found before an execution started, as dry runs and the audit log show it.
 *
 * @param verdict  {@code clear} or {@code refused}
 * @param code     the refusal's code ({@code already_serving}, {@code nothing_to_fail_back}), null when clear
 * @param observed what drc read from AWS and its store
 * @param forced   true when an admin overrode a refusal with {@code "force": true}
 * @param forcedBy the admin's token name when forced
 */
public record GuardReport(String verdict, String code, String observed, boolean forced, String forcedBy,
                          String reason) { }
