package io.drc.controller.config.checks;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration has problems; the message names each one on its own line. */
public class ConfigProblemsException extends Exception {
    private final List<Problem> problems;

    public ConfigProblemsException(String source, List<Problem> problems) {
        super(source + " has " + problems.size() + " problem(s):\n" + problems.stream()
                .map(problem -> "  * " + problem.describe())
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
