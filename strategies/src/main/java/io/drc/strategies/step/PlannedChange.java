package io.drc.strategies.step;

/**
 * One concrete AWS change a step would make, as a dry run reports it, e.g. resource
 * {@code autoscaling:us-west-2:web}, attribute {@code min/desired/max}, from {@code 0/0/8} to {@code 4/4/8}.
 */
public record PlannedChange(String resource, String attribute, String from, String to) { }
