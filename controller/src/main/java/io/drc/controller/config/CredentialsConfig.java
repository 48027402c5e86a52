package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import jakarta.validation.constraints.NotEmpty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AWS credentials: fixed keys (simulators, emulators) or the SDK's default provider chain. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(CredentialsConfig.StaticKeys.class),
    @JsonSubTypes.Type(CredentialsConfig.DefaultChain.class)
})
public sealed interface CredentialsConfig {

    AwsCredentialsProvider provider();

    /** Fixed access keys. */
    @JsonTypeName("static")
    record StaticKeys(
            @JsonProperty("accessKeyId") @NotEmpty String accessKeyId,
            @JsonProperty("secretAccessKey") @NotEmpty String secretAccessKey) implements CredentialsConfig {
        @Override
        public AwsCredentialsProvider provider() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        }

        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + accessKeyId + "]";
        }
    }

    /** Environment, profile, container or instance credentials, as the SDK finds them. */
    @JsonTypeName("default")
    record DefaultChain() implements CredentialsConfig {
        @Override
        public AwsCredentialsProvider provider() {
            return DefaultCredentialsProvider.builder().build();
        }
    }
}
