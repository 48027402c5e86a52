package io.drc.controller.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** API roles, ordered: each role implies every role before it. */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    @JsonValue
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean implies(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role fromRoleName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
