package io.drc.simulator;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Real SDK v2 clients pointed at a simulator endpoint over HTTP with static test credentials: how the demo
 * environment is built and how the tests of every simulated service talk to it.
 */
public class SimulatorClients {
    private final URI endpoint;

    public SimulatorClients(URI endpoint) {
        this.endpoint = endpoint;
    }

    public Ec2Client ec2(String region) {
        return configure(Ec2Client.builder(), region).build();
    }

    public AutoScalingClient autoScaling(String region) {
        return configure(AutoScalingClient.builder(), region).build();
    }

    public ElasticLoadBalancingV2Client elbv2(String region) {
        return configure(ElasticLoadBalancingV2Client.builder(), region).build();
    }

    public RdsClient rds(String region) {
        return configure(RdsClient.builder(), region).build();
    }

    public Route53Client route53() {
        return configure(Route53Client.builder(), "us-east-1").region(Region.AWS_GLOBAL).build();
    }

    public CloudWatchClient cloudWatch(String region) {
        return configure(CloudWatchClient.builder(), region).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
        builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(20))
                        .build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)));
        }
        return builder;
    }
}
