package io.drc.simulator.route53;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.route53.model.CloudWatchAlarmConfiguration;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.DeleteHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.DeleteHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.Dimension;
import software.amazon.awssdk.services.route53.model.GetHealthCheckCountRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckCountResponse;
import software.amazon.awssdk.services.route53.model.GetHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusResponse;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.ListHealthChecksRequest;
import software.amazon.awssdk.services.route53.model.ListHealthChecksResponse;
import software.amazon.awssdk.services.route53.model.StatusReport;

/**
 * Route 53 health checks: create (idempotent on CallerReference), get, list, count, delete, and
 * GetHealthCheckStatus, each of Route 53's health checkers reporting what the last observation
 * ({@link HealthCheckObserver}) found and when.
 * RECOVERY_CONTROL checks (Application Recovery Controller) are not simulated.
 */
public final class HealthCheckOperations {
    private static final int MAX_CHECKS = 1000;
    private static final int DEFAULT_CHECKS = 100;
    private static final Set<String> ENDPOINT_TYPES = Set.of("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP");
    /** Route 53's health checker regions (HealthCheckRegion), one checker address each. */
    private static final List<String> CHECKER_REGIONS = List.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1");

    public CreateHealthCheckResponse createHealthCheck(CreateHealthCheckRequest request, RegionState region) {
        World world = region.world();
        Route53State state = Route53State.of(world);
        String reference = Route53Service.required(request.callerReference(), "callerReference");
        HealthCheckConfig config = withDefaults(Route53Service.required(request.healthCheckConfig(),
                "healthCheckConfig"), state);
        String existingId = state.healthCheckIdByCallerReference.get(reference);
        if (existingId != null) {
            HealthCheckRecord existing = state.healthChecks.get(existingId);
            if (existing == null || !existing.config.equals(config)) {
                throw new AwsError(409, "HealthCheckAlreadyExists", "A health check with caller reference "
                        + reference + " already exists" + (existing == null ? " (it was deleted)" : " with other settings"));
            }
            return created(world, existing);
        }
        String id = UUID.nameUUIDFromBytes(world.ids().next("hc").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        HealthCheckRecord check = new HealthCheckRecord(id, reference, config);
        state.healthChecks.put(id, check);
        state.healthCheckIdByCallerReference.put(reference, id);
        HealthCheckObserver.start(world, check);
        return created(world, check);
    }

    private static CreateHealthCheckResponse created(World world, HealthCheckRecord check) {
        return CreateHealthCheckResponse.builder().healthCheck(view(world, check))
                .location("https://route53.amazonaws.com/2013-04-01/healthcheck/" + check.id).build();
    }

    /** Checks the configuration as Route 53 does and fills in its defaults, so that a repeat compares equal. */
    private static HealthCheckConfig withDefaults(HealthCheckConfig config, Route53State state) {
        String type = Route53Service.required(config.typeAsString(), "healthCheckConfig.type");
        HealthCheckConfig.Builder b = config.toBuilder();
        if (ENDPOINT_TYPES.contains(type)) {
            if (config.ipAddress() == null && config.fullyQualifiedDomainName() == null) {
                throw invalid("An IPAddress or a FullyQualifiedDomainName is required for a " + type + " health check");
            }
            if (type.endsWith("STR_MATCH") && config.searchString() == null) {
                throw invalid("A SearchString is required for a " + type + " health check");
            }
            b.port(config.port() != null ? config.port() : type.startsWith("HTTPS") ? 443 : type.equals("TCP") ? null : 80)
                    .requestInterval(range(config.requestInterval(), 30, 10, 30, "RequestInterval"))
                    .failureThreshold(range(config.failureThreshold(), 3, 1, 10, "FailureThreshold"))
                    .measureLatency(Boolean.TRUE.equals(config.measureLatency()))
                    .enableSNI(config.enableSNI() != null ? config.enableSNI() : type.startsWith("HTTPS"));
            if (config.port() == null && type.equals("TCP")) {
                throw invalid("A Port is required for a TCP health check");
            }
        } else if (type.equals("CLOUDWATCH_METRIC")) {
            if (config.alarmIdentifier() == null || config.alarmIdentifier().name() == null
                    || config.alarmIdentifier().regionAsString() == null) {
                throw invalid("An AlarmIdentifier (Region and Name) is required for a CLOUDWATCH_METRIC health check");
            }
            b.insufficientDataHealthStatus(config.insufficientDataHealthStatusAsString() != null
                    ? config.insufficientDataHealthStatusAsString() : "LastKnownStatus");
        } else if (type.equals("CALCULATED")) {
            config.childHealthChecks().stream().filter(child -> !state.healthChecks.containsKey(child)).findFirst()
                    .ifPresent(child -> {
                        throw invalid("The child health check " + child + " does not exist");
                    });
            b.healthThreshold(config.healthThreshold() != null ? config.healthThreshold()
                    : config.childHealthChecks().size());
        } else {
            throw invalid("The drc simulator does not simulate " + type + " health checks");
        }
        return b.inverted(Boolean.TRUE.equals(config.inverted())).disabled(Boolean.TRUE.equals(config.disabled()))
                .build();
    }

    private static int range(Integer value, int otherwise, int min, int max, String member) {
        if (value == null) {
            return otherwise;
        }
        if (value < min || value > max) {
            throw invalid("1 validation error detected: Value '" + value + "' at 'healthCheckConfig." + member
                    + "' failed to satisfy constraint: Member must have value between " + min + " and " + max);
        }
        return value;
    }

    private static AwsError invalid(String message) {
        return AwsError.badRequest("InvalidInput", message);
    }

    public GetHealthCheckResponse getHealthCheck(GetHealthCheckRequest request, RegionState region) {
        HealthCheckRecord check = Route53State.of(region.world()).healthCheck(request.healthCheckId());
        return GetHealthCheckResponse.builder().healthCheck(view(region.world(), check)).build();
    }

    public ListHealthChecksResponse listHealthChecks(ListHealthChecksRequest request, RegionState region) {
        List<HealthCheckRecord> all = List.copyOf(Route53State.of(region.world()).healthChecks.values());
        int max = Math.min(Route53Service.maxItems(request.maxItems(), MAX_CHECKS),
                request.maxItems() == null ? DEFAULT_CHECKS : MAX_CHECKS);
        int from = 0;
        if (request.marker() != null) {
            from = all.stream().map(c -> c.id).toList().indexOf(request.marker());
            if (from < 0) {
                throw invalid("Invalid marker: " + request.marker());
            }
        }
        int to = Math.min(all.size(), from + max);
        return ListHealthChecksResponse.builder()
                .healthChecks(all.subList(from, to).stream().map(c -> view(region.world(), c)).toList())
                .marker(request.marker() != null ? request.marker() : "").isTruncated(to < all.size())
                .nextMarker(to < all.size() ? all.get(to).id : null).maxItems(String.valueOf(max)).build();
    }

    public GetHealthCheckCountResponse getHealthCheckCount(GetHealthCheckCountRequest request, RegionState region) {
        return GetHealthCheckCountResponse.builder()
                .healthCheckCount((long) Route53State.of(region.world()).healthChecks.size()).build();
    }

    /** Deleting a check a record still names is allowed, as AWS allows it; the record is then treated as healthy. */
    public DeleteHealthCheckResponse deleteHealthCheck(DeleteHealthCheckRequest request, RegionState region) {
        Route53State state = Route53State.of(region.world());
        state.healthChecks.remove(state.healthCheck(request.healthCheckId()).id);
        return DeleteHealthCheckResponse.builder().build();
    }

    public GetHealthCheckStatusResponse getHealthCheckStatus(GetHealthCheckStatusRequest request, RegionState region) {
        World world = region.world();
        HealthCheckRecord check = Route53State.of(world).healthCheck(request.healthCheckId());
        if (check.type.equals("CALCULATED")) {
            throw invalid("You can't use GetHealthCheckStatus to get the status of a calculated health check");
        }
        List<String> regions = check.config.hasRegions() && !check.config.regions().isEmpty()
                ? check.config.regionsAsStrings() : CHECKER_REGIONS;
        return GetHealthCheckStatusResponse.builder().healthCheckObservations(regions.stream()
                .map(r -> HealthCheckObservation.builder().region(r).ipAddress(checkerAddress(r))
                        .statusReport(StatusReport.builder().status(check.lastReport).checkedTime(check.lastCheckedAt).build())
                        .build())
                .toList()).build();
    }

    private static String checkerAddress(String region) {
        return "15.177." + (CHECKER_REGIONS.indexOf(region) * 8 + 2) + ".20";
    }

    private static HealthCheck view(World world, HealthCheckRecord check) {
        HealthCheck.Builder b = HealthCheck.builder().id(check.id).callerReference(check.callerReference)
                .healthCheckConfig(check.config).healthCheckVersion(check.version);
        if (check.type.equals("CLOUDWATCH_METRIC")) {
            HealthCheckStatuses.alarmOf(world, check.config.alarmIdentifier().regionAsString(),
                    check.config.alarmIdentifier().name()).map(HealthCheckOperations::alarmConfiguration)
                    .ifPresent(b::cloudWatchAlarmConfiguration);
        }
        return b.build();
    }

    private static CloudWatchAlarmConfiguration alarmConfiguration(MetricAlarm alarm) {
        return CloudWatchAlarmConfiguration.builder().evaluationPeriods(alarm.evaluationPeriods())
                .threshold(alarm.threshold()).comparisonOperator(alarm.comparisonOperatorAsString())
                .period(alarm.period()).metricName(alarm.metricName()).namespace(alarm.namespace())
                .statistic(alarm.statisticAsString())
                .dimensions(alarm.dimensions().stream().map(d -> Dimension.builder().name(d.name()).value(d.value())
                        .build()).toList())
                .build();
    }
}
