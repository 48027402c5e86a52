package io.drc.strategies.strategy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.drc.strategies.engine.ExecutionKind;
import java.util.List;
import java.util.Map;

/**
 * A disaster-recovery strategy: what runs in the DR region before a disaster, which runbook each kind of execution
 * runs, what the recovery configuration must look like, and the RTO target. Chosen in configuration by {@code type}
 * ({@code strategy: {type: pilot-light, rtoTargetSeconds: 1800}}), the way Dropwizard chooses appenders.
 *
 * <p>An implementation is a record annotated with {@link JsonTypeName} (its components are the configuration's
 * other fields) and listed in {@code META-INF/services/io.drc.strategies.strategy.DrStrategy}. Adding a strategy is
 * that record and its runbook files; where its executions have the shape of another strategy's, it names the same
 * file ({@code SharedRunbooks}) and what differs lives in the runbook's input, never in a copied file.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DrStrategy {

    /** Recovery-time objective in seconds: how long a failover may take. */
    Integer rtoTargetSeconds();

    /** The type name used in configuration and the API, e.g. {@code pilot-light}. */
    default String typeName() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    /**
     * The runbook file ({@code *.asl.json}) each kind of execution of this strategy runs; a kind that is absent is
     * one this strategy does not run. Several strategies may name the same file.
     */
    Map<ExecutionKind, String> runbooks();

    /**
     * What is wrong with the recovery configuration for this strategy, e.g. a DR region that serves traffic before
     * a failover; empty when nothing is. Pure; any field of {@code recovery} may be null (see {@link RecoveryLayout}).
     */
    List<StrategyProblem> check(RecoveryLayout recovery);
}
