package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's hooks that fail-back runbooks call ({@code drc:hook:run}): {@code freeze} stops writes before
 * the data is moved home and traffic flips, {@code unfreeze} lets them go on afterwards. A hook left out is logged
 * and skipped. Named fields rather than a map, so that a misspelt hook name is refused instead of never called.
 */
public record HooksConfig(
        @JsonProperty("freeze") @Valid HookConfig freeze,
        @JsonProperty("unfreeze") @Valid HookConfig unfreeze) {

    public static HooksConfig none() {
        return new HooksConfig(null, null);
    }

    /** The configured hooks by the name runbooks use. */
    public Map<String, HookConfig> byName() {
        Map<String, HookConfig> hooks = new LinkedHashMap<>();
        if (freeze != null) {
            hooks.put("freeze", freeze);
        }
        if (unfreeze != null) {
            hooks.put("unfreeze", unfreeze);
        }
        return hooks;
    }

    /**
     * One hook: drc POSTs JSON to {@code url} and takes any 2xx answer within {@code timeout} (default 10s) as done.
     */
    public record HookConfig(
            @JsonProperty("url") @NotNull URI url,
            @JsonProperty("timeout") Duration timeout) {
        public HookConfig {
            timeout = timeout == null ? Duration.seconds(10) : timeout;
        }
    }
}
