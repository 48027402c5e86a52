package io.drc.strategies.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The only place drc builds AWS SDK clients. One client per service and region, built on first use,
 * all sharing one Apache HTTP client; {@link #close()} releases them all.
 */
public final class AwsClients implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final Map<ClientKey, SdkAutoCloseable> clients = new ConcurrentHashMap<>();
    private final List<ExecutionInterceptor> interceptors;

    private record ClientKey(AwsService service, String region) {}

    public AwsClients(AwsSettings settings) {
        this(settings, List.of());
    }

    /** {@code interceptors} see every call of every client (the daemon counts them: drc_aws_calls_total). */
    public AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
        this.settings = settings;
        this.interceptors = List.copyOf(interceptors);
        this.http = ApacheHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .maxConnections(100)
                .build();
    }

    public AwsSettings settings() {
        return settings;
    }

    public Ec2Client ec2(String region) {
        return cached(AwsService.EC2, region, () -> build(Ec2Client.builder(), AwsService.EC2, region));
    }

    public AutoScalingClient autoScaling(String region) {
        return cached(AwsService.AUTO_SCALING, region,
                () -> build(AutoScalingClient.builder(), AwsService.AUTO_SCALING, region));
    }

    public ElasticLoadBalancingV2Client elbv2(String region) {
        return cached(AwsService.ELBV2, region,
                () -> build(ElasticLoadBalancingV2Client.builder(), AwsService.ELBV2, region));
    }

    public RdsClient rds(String region) {
        return cached(AwsService.RDS, region, () -> build(RdsClient.builder(), AwsService.RDS, region));
    }

    public CloudWatchClient cloudWatch(String region) {
        return cached(AwsService.CLOUDWATCH, region,
                () -> build(CloudWatchClient.builder(), AwsService.CLOUDWATCH, region));
    }

    /**
     * Route 53 is global and signed for us-east-1; its overrides come from the us-east-1 settings.
     * The client is built for us-east-1 rather than {@code aws-global}: with an endpoint override,
     * {@code aws-global} puts "aws-global" into the SigV4 scope, which endpoints that read the
     * region from the scope (the simulator, emulators) cannot route.
     */
    public Route53Client route53() {
        String region = AwsSettings.GLOBAL_SERVICE_REGION;
        return cached(AwsService.ROUTE53, region, () -> build(Route53Client.builder(), AwsService.ROUTE53, region));
    }

    /**
     * Builds the EC2, RDS and CloudWatch clients of {@code regions} on a background thread and returns it: on a cold
     * JVM, loading the SDK for a client takes seconds, which the daemon's first calls (catalog, first copy) would
     * otherwise wait for. Building calls no AWS API; a client that fails to build here is built again, and its
     * error reported, on first use.
     */
    public Thread prebuild(List<String> regions) {
        Thread thread = new Thread(() -> {
            try {
                regions.forEach(region -> {
                    ec2(region);
                    rds(region);
                    cloudWatch(region);
                });
            } catch (RuntimeException reportedOnFirstUse) {
                // computeIfAbsent kept nothing for the failed client
            }
        }, "aws-client-prebuild");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Whether the client of {@code service} in {@code region} exists (for tests of {@link #prebuild}). */
    boolean isBuilt(AwsService service, String region) {
        return clients.containsKey(new ClientKey(service, region));
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkAutoCloseable> C cached(AwsService service, String region, Supplier<C> factory) {
        return (C) clients.computeIfAbsent(new ClientKey(service, region), key -> factory.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsService service, String region) {
        return configure(builder, service, region).build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsService service, String region) {
        builder.region(Region.of(region))
                .credentialsProvider(settings.credentialsFor(region))
                .httpClient(http)
                .overrideConfiguration(overrides());
        settings.endpointFor(service, region).ifPresent(builder::endpointOverride);
        return builder;
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.forRetryMode(settings.retryMode())
                        .toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build())
                .apiCallTimeout(settings.apiCallTimeout())
                .executionInterceptors(interceptors)
                .build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkAutoCloseable::close);
        clients.clear();
        // Clients built with a caller-supplied HTTP client leave closing it to the caller.
        http.close();
    }
}
