package io.drc.strategies.handlers;

import io.drc.strategies.step.StepParameters;

/**
 * An Auto Scaling group and the sizes a step wants for it ({@code {"name", "min", "desired", "max"}}), as the runbook
 * input lists them ({@code $.target.groups}, {@code standbyGroups}, {@code fenceGroups}). Every size is required: a
 * group without {@code min} is a broken runbook, never a scale to zero.
 */
public record GroupSize(String name, int min, int desired, int max) {
    public GroupSize {
        if (min < 0 || desired < min || max < desired) {
            throw StepParameters.invalid("desired", "needs 0 <= min <= desired <= max, got " + min + "/" + desired
                    + "/" + max);
        }
    }
}
