package io.drc.strategies.strategy;

/**
 * One thing wrong with the configuration under a strategy.
 *
 * @param path    where, in the YAML's own terms, e.g. {@code recovery.regions.us-west-2.normalWeight}
 * @param message what is wrong
 * @param hint    how to fix it
 */
public record StrategyProblem(String path, String message, String hint) { }
