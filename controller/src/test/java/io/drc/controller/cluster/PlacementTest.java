package io.drc.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.replication.ReplicationFixture;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementTest {

    static DrcConfiguration config(String databaseUrl, String clusterYaml) throws Exception {
        DrcConfiguration config = ReplicationFixture.parse(ReplicationFixture.configYaml("http://127.0.0.1:9",
                "  - {id: data, kind: ebs-volume, resourceId: vol-1, rpoTargetSeconds: 900}", "") + clusterYaml);
        config.getDatabase().setUrl(databaseUrl);
        return config;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "drc.c1a2b3.us-east-1.rds.amazonaws.com, us-east-1",
            "drc.cluster-c1a2b3.us-west-2.rds.amazonaws.com, us-west-2",
            "drc.c1a2b3.cn-north-1.rds.amazonaws.com.cn, cn-north-1",
            "drc.c1a2b3.us-gov-west-1.rds.amazonaws.com, us-gov-west-1",
            "postgres.internal.example.com, ",
            "localhost, "})
    void rdsEndpointsNameTheirRegion(String host, String region) {
        assertThat(Placement.rdsRegion(host)).isEqualTo(Optional.ofNullable(region));
    }

    @Test
    void aStoreInThePrimaryRegionIsWarnedAbout() throws Exception {
        DrcConfiguration config = config("jdbc:postgresql://drc.c1a2b3.us-east-1.rds.amazonaws.com:5432/drc", "");
        assertThat(Placement.advice(config, Optional.empty())).singleElement().asString()
                .startsWith("database.url: the store is an RDS endpoint in us-east-1, the primary region")
                .contains("reachable from us-west-2", "Aurora Global Database");
    }

    @Test
    void aDaemonInThePrimaryRegionIsWarnedAbout() throws Exception {
        DrcConfiguration config = config("jdbc:postgresql://drc.c1a2b3.us-west-2.rds.amazonaws.com:5432/drc",
                "cluster: {region: us-east-1}\n");
        Optional<Placement.HostRegion> host = Placement.hostRegion(config, Duration.ofMillis(1));
        assertThat(host).contains(new Placement.HostRegion("us-east-1", "cluster.region"));
        assertThat(Placement.advice(config, host)).singleElement().asString()
                .startsWith("this daemon runs in us-east-1 (cluster.region), the primary region")
                .contains("Run drc in the DR region us-west-2");
    }

    @Test
    void aDaemonAndStoreInTheDrRegionOrAnH2StoreNeedNoAdvice() throws Exception {
        assertThat(Placement.advice(config("jdbc:postgresql://drc.c1a2b3.us-west-2.rds.amazonaws.com:5432/drc",
                "cluster: {region: us-west-2}\n"), Optional.of(new Placement.HostRegion("us-west-2", "test")))).isEmpty();
        assertThat(Placement.advice(config("jdbc:h2:./data/drc", ""), Optional.empty())).isEmpty();
    }

    @Test
    void againstAnEmulatorTheHostRegionIsNotLookedUp() throws Exception {
        // aws.endpoint is set: no instance metadata is asked (it would answer for the machine, not for AWS)
        assertThat(Placement.hostRegion(config("jdbc:h2:./data/drc", ""), Duration.ofSeconds(30))).isEmpty();
    }
}
