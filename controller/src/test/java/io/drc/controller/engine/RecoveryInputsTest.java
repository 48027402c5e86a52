package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.engine.ExecutionKind;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.drc.controller.DrcConfiguration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runbook input, per direction, from test-config.yml (primary web 4/4/8, DR web 0/4/8, replica in DR). */
class RecoveryInputsTest {
    static DrcConfiguration config;

    @BeforeAll
    static void load() throws Exception {
        config = new YamlConfigurationFactory<>(DrcConfiguration.class, null, Jackson.newObjectMapper(), "dw")
                .build(new ResourceConfigurationSourceProvider(), "test-config.yml");
    }

    @ParameterizedTest
    @CsvSource({
            // kind,   from,      to,        target groups, standby of source, fence, target db,      restoreFrom, weights
            "FAILOVER, us-east-1, us-west-2, web 4/4/8, web 4/4/8, web 0/0/8, shop-db-replica, , primary=0 dr=100",
            "FAILBACK, us-west-2, us-east-1, web 4/4/8, web 0/0/8, web 0/0/8, shop-db, , dr=0 primary=100"})
    void buildsTheInputFromConfiguration(ExecutionKind kind, String from, String to, String targetGroups,
                                         String sourceStandby, String sourceFence, String targetDb, String restoreFrom,
                                         String weights) {
        RecoveryInput input = RecoveryInputs.build(config, kind);

        assertThat(input.application()).isEqualTo("shop");
        assertThat(input.from()).isEqualTo(from);
        assertThat(input.to()).isEqualTo(to).isEqualTo(RecoveryInputs.targetRegion(config, kind));
        assertThat(input.source().region()).isEqualTo(from);
        assertThat(input.target().region()).isEqualTo(to);
        assertThat(sizes(input.target().groups())).isEqualTo(targetGroups);
        assertThat(sizes(input.source().standbyGroups())).isEqualTo(sourceStandby);
        assertThat(sizes(input.source().fenceGroups())).isEqualTo(sourceFence);
        assertThat(input.target().targetGroups()).containsExactly("web-tg");
        assertThat(input.target().launchTemplates()).containsExactly("web-lt");
        assertThat(input.target().db().instanceId()).isEqualTo(targetDb);
        assertThat(input.target().db().restoreFrom()).isEqualTo(restoreFrom);
        assertThat(input.target().imageFrom()).isEqualTo("web");
        assertThat(input.dns().hostedZoneId()).isEqualTo("Z0000000000001");
        assertThat(input.dns().recordName()).isEqualTo("shop.example.com.");
        assertThat(input.dns().weights().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + " " + b).orElseThrow()).isEqualTo(weights);
        assertThat(input.rtoTargetSeconds()).isEqualTo(1800);
    }

    @org.junit.jupiter.api.Test
    void serialisesToThePathsRunbooksRead() {
        var json = Jackson.newObjectMapper().valueToTree(RecoveryInputs.build(config, ExecutionKind.FAILOVER));
        assertThat(json.at("/target/region").asText()).isEqualTo("us-west-2");
        assertThat(json.at("/target/db/instanceId").asText()).isEqualTo("shop-db-replica");
        assertThat(json.at("/target/groups/0/desired").asInt()).isEqualTo(4);
        assertThat(json.at("/source/fenceGroups/0/desired").asInt()).isZero();
        assertThat(json.at("/dns/weights/dr").asInt()).isEqualTo(100);
        assertThat(json.at("/target/db/instanceClass").isNull()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theDemoConfigNamesTheDatabaseToRestoreAndTheInstanceWhoseImagesToUse() throws Exception {
        DrcConfiguration demo = new YamlConfigurationFactory<>(DrcConfiguration.class, null, Jackson.newObjectMapper(),
                "dw").build(java.nio.file.Path.of("..", "config", "demo.yml").toFile());
        RecoveryInput failover = RecoveryInputs.build(demo, ExecutionKind.FAILOVER);
        assertThat(failover.target().db()).isEqualTo(new RecoveryInput.Database("shop-db-replica", "db.r6g.large", true,
                null, "shop-db"));
        assertThat(failover.target().imageFrom()).isEqualTo("web");
        assertThat(RecoveryInputs.build(demo, ExecutionKind.FAILBACK).target().db().instanceId()).isEqualTo("shop-db");
    }

    @ParameterizedTest
    @CsvSource({
            // strategy,    primary weight, DR weight, failover weights,   fail-back weights
            "multi-site,    60,             40,        primary=0 dr=40,    dr=40 primary=60",
            "pilot-light,   200,            0,         primary=0 dr=100,   dr=0 primary=200"})
    void failoverDrainsTheFailedRegionAndFailBackRestoresTheNormalWeights(String strategy, int primary, int dr,
                                                                          String failover, String failback) throws Exception {
        DrcConfiguration configured = fromYaml(testConfig()
                .replace("strategy: {type: pilot-light", "strategy: {type: " + strategy)
                .replace("dnsSetIdentifier: primary", "dnsSetIdentifier: primary\n      normalWeight: " + primary)
                .replace("dnsSetIdentifier: dr", "dnsSetIdentifier: dr\n      normalWeight: " + dr));
        assertThat(weights(RecoveryInputs.build(configured, ExecutionKind.FAILOVER))).isEqualTo(failover);
        assertThat(weights(RecoveryInputs.build(configured, ExecutionKind.FAILBACK))).isEqualTo(failback);
    }

    @org.junit.jupiter.api.Test
    void eachSideCarriesTheDatabaseSizeItServesWith() throws Exception {
        DrcConfiguration configured = fromYaml(testConfig().replace("{instanceId: shop-db-replica}",
                "{instanceId: shop-db-replica, instanceClass: db.r6g.xlarge, multiAz: true}"));
        RecoveryInput failover = RecoveryInputs.build(configured, ExecutionKind.FAILOVER);
        assertThat(failover.target().db().instanceClass()).isEqualTo("db.r6g.xlarge");
        assertThat(failover.target().db().multiAz()).isTrue();
        assertThat(failover.source().db().instanceClass()).as("home: not configured, left as it is").isNull();
        assertThat(failover.source().db().multiAz()).isNull();
        assertThat(RecoveryInputs.build(configured, ExecutionKind.FAILBACK).source().db().instanceClass())
                .isEqualTo("db.r6g.xlarge");
    }

    private static String weights(RecoveryInput input) {
        return input.dns().weights().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + " " + b).orElseThrow();
    }

    private static String testConfig() throws Exception {
        try (var in = RecoveryInputsTest.class.getResourceAsStream("/test-config.yml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static DrcConfiguration fromYaml(String yaml) throws Exception {
        return new YamlConfigurationFactory<>(DrcConfiguration.class, null, Jackson.newObjectMapper(), "dw")
                .build(path -> new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "test-config.yml");
    }

    private static String sizes(List<RecoveryInput.Group> groups) {
        return String.join(",", groups.stream().map(g -> g.name() + " " + g.min() + "/" + g.desired() + "/" + g.max())
                .toList());
    }

}
