package io.drc.strategies.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an execution does: moves the application to DR, brings it home, or rehearses. */
public enum ExecutionKind {
    FAILOVER, FAILBACK, DRILL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ExecutionKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
