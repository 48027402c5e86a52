package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.jackson.Discoverable;

/**
 * The disaster-recovery strategy, chosen in configuration by {@code type} the way Dropwizard
 * chooses appenders. Implementations are records annotated with {@link JsonTypeName} and listed in
 * {@code META-INF/services/io.drc.controller.config.StrategyConfig}; a new strategy needs both.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface StrategyConfig extends Discoverable {

    /** Recovery-time objective in seconds: how long a failover may take. */
    Integer rtoTargetSeconds();

    /** The type name used in configuration and the API, e.g. {@code pilot-light}. */
    default String typeName() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }
}
