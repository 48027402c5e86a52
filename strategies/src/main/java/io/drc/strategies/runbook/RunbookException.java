package io.drc.strategies.runbook;

import java.util.List;
import java.util.stream.Collectors;

/** A runbook that cannot be run, with every problem found. */
public final class RunbookException extends RuntimeException {
    private final List<RunbookProblem> problems;

    public RunbookException(List<RunbookProblem> problems) {
        super(problems.stream().map(RunbookProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RunbookProblem> problems() {
        return problems;
    }
}
