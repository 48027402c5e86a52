package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Game-day drills.
 *
 * @param schedule   a Quartz cron expression (seconds first, UTC) on which a drill starts by itself; null (the
 *                   default): drills start only on {@code POST /api/v1/drills}. Clustered: fires once across daemons
 * @param maxAge     how old the last passing drill may be before RTO compliance is lost (status {@code rto}, alarm
 *                   {@code drc-<application>-drill-age}); default 7 days
 * @param dns        a record in {@code recovery.dns}'s hosted zone a drill points at its copy of the DR web tier
 *                   (and removes at cleanup); null (the default): drills touch no DNS
 * @param smokeCheck an HTTP check a drill makes once its copies are healthy (and its DNS record, if any, is
 *                   INSYNC); null (the default): none
 * @param alarms     whether drc publishes {@code DRC/DrillAgeSeconds} and {@code DRC/PredictedRTO} every
 *                   {@code replication.measureInterval} and keeps the three RTO alarms (default true, also on a
 *                   daemon with replication disabled); false: the status still computes {@code rto}, CloudWatch
 *                   gets nothing but {@code DRC/DrillRTO}
 */
public record DrillsConfig(
        @JsonProperty("schedule") String schedule,
        @JsonProperty("maxAge") @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration maxAge,
        @JsonProperty("dns") @Valid DrillDnsConfig dns,
        @JsonProperty("smokeCheck") @Valid SmokeCheckConfig smokeCheck,
        @JsonProperty("alarms") Boolean alarms) {

    public DrillsConfig {
        maxAge = maxAge == null ? Duration.days(7) : maxAge;
        alarms = alarms == null || alarms;
    }

    public static DrillsConfig defaults() {
        return new DrillsConfig(null, null, null, null, null);
    }

    /**
     * The drill's DNS record: an alias A record {@code recordName} → the drill's load balancer, in the hosted zone
     * of {@code recovery.dns} (never production's name; see {@code DrillsCheck}).
     */
    public record DrillDnsConfig(@JsonProperty("recordName") @NotEmpty String recordName) { }

    /**
     * A GET of {@code url} that must answer {@code expectStatus} (default 200) within {@code timeout} (default 10s),
     * else the drill FAILS (after its cleanup). {@code {drillHost}} in the URL stands for where the drill serves:
     * {@code drills.dns.recordName} (without the final dot) when set, else the drill load balancer's DNS name.
     */
    public record SmokeCheckConfig(
            @JsonProperty("url") @NotNull String url,
            @JsonProperty("expectStatus") @Min(100) @Max(599) Integer expectStatus,
            @JsonProperty("timeout") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration timeout) {
        public SmokeCheckConfig {
            expectStatus = expectStatus == null ? 200 : expectStatus;
            timeout = timeout == null ? Duration.seconds(10) : timeout;
        }
    }
}
