package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.runbook.Runbook;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runbooks loaded at start-up by file name, and which one each strategy runs for each kind of execution
 * ({@link RunbookLoader}). Executions record the file name and are resumed by it.
 */
public final class RunbookCatalog {
    /** A runbook and the name of the file it was loaded from, which its executions record. */
    public record Entry(String name, Runbook runbook) { }

    private final Map<String, Runbook> byName;
    private final Map<String, Map<ExecutionKind, String>> namesByStrategy;

    public RunbookCatalog(Map<String, Runbook> byName) {
        this(byName, Map.of());
    }

    /**
     * Each strategy's runbooks are also found by the strategy's own name for them ({@link #ownFileName}): the
     * name that executions started before strategies shared runbook files recorded, so that they still resume.
     */
    RunbookCatalog(Map<String, Runbook> byName, Map<String, Map<ExecutionKind, String>> namesByStrategy) {
        Map<String, Runbook> withOwnNames = new LinkedHashMap<>(byName);
        namesByStrategy.forEach((strategy, files) -> files.forEach((kind, file) ->
                withOwnNames.putIfAbsent(ownFileName(strategy, kind), byName.get(file))));
        this.byName = Map.copyOf(withOwnNames);
        this.namesByStrategy = Map.copyOf(namesByStrategy);
    }

    /** {@code <strategy>-<kind>.asl.json}: a file of this name in the runbooks directory overrides the strategy's. */
    public static String ownFileName(String strategy, ExecutionKind kind) {
        return strategy + "-" + kind.wireName() + ".asl.json";
    }

    /** The runbook {@code strategy} runs for {@code kind}; empty when the strategy is not loaded or has none. */
    public Optional<Entry> find(String strategy, ExecutionKind kind) {
        return Optional.ofNullable(namesByStrategy.getOrDefault(strategy, Map.of()).get(kind))
                .map(name -> new Entry(name, byName.get(name)));
    }

    /** The runbook an execution was started with. */
    public Runbook byName(String name) {
        Runbook runbook = byName.get(name);
        if (runbook == null) {
            throw new IllegalStateException("runbook " + name + " is not loaded; loaded are " + byName.keySet());
        }
        return runbook;
    }

    /** The strategies whose runbooks are loaded, the ones the API accepts. */
    public Set<String> strategies() {
        return new TreeSet<>(namesByStrategy.keySet());
    }
}
