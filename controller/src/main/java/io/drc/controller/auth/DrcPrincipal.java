package io.drc.controller.auth;

import java.security.Principal;

/** Who made an API call: the configured token's name and its role. */
public record DrcPrincipal(String name, Role role) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
