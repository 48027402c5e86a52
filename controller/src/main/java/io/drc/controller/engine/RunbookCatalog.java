package io.drc.controller.engine;

import io.drc.strategies.runbook.Runbook;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The runbooks loaded at start-up, by file name ({@code <strategy>-<failover|failback>.asl.json}). */
public final class RunbookCatalog {
    private final Map<String, Runbook> byName;

    public RunbookCatalog(Map<String, Runbook> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static String fileName(String strategy, ExecutionKind kind) {
        return strategy + "-" + kind.wireName() + ".asl.json";
    }

    public Optional<Runbook> find(String strategy, ExecutionKind kind) {
        return Optional.ofNullable(byName.get(fileName(strategy, kind)));
    }

    /** The runbook an execution was started with. */
    public Runbook byName(String name) {
        Runbook runbook = byName.get(name);
        if (runbook == null) {
            throw new IllegalStateException("runbook " + name + " is not loaded; loaded are " + byName.keySet());
        }
        return runbook;
    }

    /** Strategies with both a failover and a fail-back runbook, the ones the API accepts. */
    public Set<String> strategies() {
        Set<String> out = new TreeSet<>();
        for (String name : byName.keySet()) {
            String strategy = name.replaceFirst("-(failover|failback)\\.asl\\.json$", "");
            if (byName.containsKey(fileName(strategy, ExecutionKind.FAILOVER))
                    && byName.containsKey(fileName(strategy, ExecutionKind.FAILBACK))) {
                out.add(strategy);
            }
        }
        return out;
    }
}
