package io.drc.controller.engine;

import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookException;
import io.drc.strategies.runbook.RunbookParser;
import io.drc.strategies.runbook.RunbookProblem;
import io.drc.strategies.runbook.RunbookValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Loads {@code <strategy>-<failover|failback>.asl.json} from the configured directory, else from the copies
 * packaged in the jar under {@code runbooks/} (so the jar runs anywhere), and validates each against the
 * registered step handlers. Every problem names the file, the state and the reason.
 */
public final class RunbookLoader {
    static final String CLASSPATH_DIR = "runbooks/";

    private RunbookLoader() {
    }

    /** @throws RunbookException listing every problem of every runbook */
    public static RunbookCatalog load(Path directory, List<String> strategies, Predicate<String> knownResource) {
        Map<String, Runbook> loaded = new LinkedHashMap<>();
        List<RunbookProblem> problems = new ArrayList<>();
        for (String strategy : strategies) {
            for (ExecutionKind kind : List.of(ExecutionKind.FAILOVER, ExecutionKind.FAILBACK)) {
                String name = RunbookCatalog.fileName(strategy, kind);
                try {
                    Runbook runbook = parse(directory, name);
                    problems.addAll(RunbookValidator.validate(runbook, knownResource));
                    loaded.put(name, runbook);
                } catch (RunbookException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RunbookException(problems);
        }
        return new RunbookCatalog(loaded);
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
                        + "packaged copy in the jar): write it, or set runbooks.directory to where the runbooks are")));
            }
            return RunbookParser.parse("classpath:" + CLASSPATH_DIR + name,
                    new String(packaged.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
