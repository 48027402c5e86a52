package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.ClusterConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster}: a daemon is declared dead only after it missed at least two heartbeats, so one slow write of
 * the heartbeat row never hands a live daemon's work to another.
 */
final class ClusterCheck implements ConfigCheck {

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        ClusterConfig cluster = config.getCluster();
        if (cluster == null || cluster.heartbeatInterval() == null || cluster.deadAfter() == null) {
            return problems;
        }
        long beat = cluster.heartbeatInterval().toMilliseconds();
        long dead = cluster.deadAfter().toMilliseconds();
        if (beat > 0 && dead < 2 * beat) {
            problems.add(new Problem("cluster.deadAfter", cluster.deadAfter() + " is shorter than two heartbeats ("
                    + "cluster.heartbeatInterval " + cluster.heartbeatInterval() + ")",
                    "make deadAfter at least twice heartbeatInterval, e.g. heartbeatInterval 5s and deadAfter 15s"));
        }
        return problems;
    }
}
