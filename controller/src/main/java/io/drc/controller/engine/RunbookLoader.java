package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookException;
import io.drc.strategies.runbook.RunbookParser;
import io.drc.strategies.runbook.RunbookProblem;
import io.drc.strategies.runbook.RunbookValidator;
import io.drc.strategies.strategy.DrStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Loads the runbooks the strategies name ({@link DrStrategy#runbooks()}) and validates each against the registered
 * step handlers; every problem names the file, the state and the reason. For a strategy and a kind it takes, first
 * found: the strategy's own {@code <strategy>-<kind>.asl.json} in the configured directory (how a directory written
 * before strategies shared files keeps working, and how one strategy's runbook is changed alone); the file the
 * strategy names in that directory; the copy of that file packaged in the jar under {@code runbooks/} (so the jar
 * runs anywhere). A file that several strategies name is loaded once.
 */
public final class RunbookLoader {
    static final String CLASSPATH_DIR = "runbooks/";

    private RunbookLoader() {
    }

    /** @throws RunbookException listing every problem of every runbook */
    public static RunbookCatalog load(Path directory, List<DrStrategy> strategies, Predicate<String> knownResource) {
        Map<String, Runbook> loaded = new LinkedHashMap<>();
        Map<String, Map<ExecutionKind, String>> namesByStrategy = new LinkedHashMap<>();
        List<RunbookProblem> problems = new ArrayList<>();
        for (DrStrategy strategy : strategies) {
            Map<ExecutionKind, String> names = new EnumMap<>(ExecutionKind.class);
            for (Map.Entry<ExecutionKind, String> runbook : new TreeMap<>(strategy.runbooks()).entrySet()) {
                String own = RunbookCatalog.ownFileName(strategy.typeName(), runbook.getKey());
                String name = Files.isRegularFile(directory.resolve(own)) ? own : runbook.getValue();
                names.put(runbook.getKey(), name);
                if (!loaded.containsKey(name)) {
                    loadInto(loaded, problems, directory, name, knownResource);
                }
            }
            namesByStrategy.put(strategy.typeName(), names);
        }
        if (!problems.isEmpty()) {
            throw new RunbookException(problems);
        }
        return new RunbookCatalog(loaded, namesByStrategy);
    }

    private static void loadInto(Map<String, Runbook> loaded, List<RunbookProblem> problems, Path directory,
                                 String name, Predicate<String> knownResource) {
        try {
            Runbook runbook = parse(directory, name);
            problems.addAll(RunbookValidator.validate(runbook, knownResource));
            loaded.put(name, runbook);
        } catch (RunbookException e) {
            problems.addAll(e.problems());
        }
    }

    private static Runbook parse(Path directory, String name) {
        Path file = directory.resolve(name);
        if (Files.isRegularFile(file)) {
            try {
                return RunbookParser.parse(file.toString(), Files.readString(file));
            } catch (IOException e) {
                throw new RunbookException(List.of(new RunbookProblem(file.toString(), null, "cannot read: " + e)));
            }
        }
        try (InputStream packaged = RunbookLoader.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + name)) {
            if (packaged == null) {
                throw new RunbookException(List.of(new RunbookProblem(file.toString(), null, "no such file (nor a "
                        + "packaged copy in the jar): write it, or set engine.runbooks to where the runbooks are")));
            }
            return RunbookParser.parse("classpath:" + CLASSPATH_DIR + name,
                    new String(packaged.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
