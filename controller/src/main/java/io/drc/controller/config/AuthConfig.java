package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.drc.controller.auth.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** API bearer tokens. Production configurations store only SHA-256 hashes of the tokens. */
public record AuthConfig(@JsonProperty("tokens") @NotEmpty List<@NotNull @Valid TokenConfig> tokens) {

    /** One token: exactly one of {@code token} (plain) and {@code tokenSha256} (hex hash). */
    public record TokenConfig(
            @JsonProperty("name") @NotEmpty String name,
            @JsonProperty("token") String token,
            @JsonProperty("tokenSha256") @Pattern(regexp = "[0-9a-fA-F]{64}",
                    message = "must be 64 hexadecimal characters (a SHA-256 hash)") String tokenSha256,
            @JsonProperty("role") @NotNull Role role) {

        /** Keeps plain tokens out of logs and error messages. */
        @Override
        public String toString() {
            return "TokenConfig[name=" + name + ", role=" + role + "]";
        }
    }
}
