package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;

/**
 * {@code drc:drill:smokeCheck}: once the drill's copies are healthy (and its DNS record INSYNC), {@code GET url} must
 * answer {@code expectStatus} within {@code timeoutMillis}; anything else — another status, no answer in time, no
 * connection — is {@code Drc.SmokeCheckFailed} with what came back, and the drill fails (after its cleanup).
 * {@value #DRILL_HOST} in the URL is replaced by where the drill serves: {@code dns.recordName} (without the final
 * dot) when the drill has a DNS record, else the DNS name of the drill's load balancer {@code loadBalancer} in
 * {@code region}. Without {@code check} (none configured) it does nothing. Read-only towards AWS; one GET a call.
 */
public final class DrillSmokeCheckHandler implements StepHandler {
    public static final String DRILL_HOST = "{drillHost}";

    /** The configured check. */
    public record Check(String url, int expectStatus, long timeoutMillis) {
        public Check {
            if (timeoutMillis <= 0) {
                throw StepParameters.invalid("check.timeoutMillis", "must be positive");
            }
        }
    }

    /** {@code check}: null when drills have no smoke check configured. */
    public record Parameters(String region, @OptionalParameter Check check, @OptionalParameter DrillDns dns,
                             @OptionalParameter String loadBalancer) { }

    private final AwsClients aws;
    private final HttpClient http;

    public DrillSmokeCheckHandler(AwsClients aws, HttpClient http) {
        this.aws = aws;
        this.http = http;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:drill:smokeCheck";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        Check check = parameters.check();
        if (check == null) {
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("skipped", true));
        }
        String url = check.url();
        if (url.contains(DRILL_HOST)) {
            String host = host(parameters);
            if (host == null) {
                return new StepResult.Failed("Drc.SmokeCheckFailed", "drills.smokeCheck.url names " + DRILL_HOST
                        + " but the drill has neither a DNS record nor a load balancer: give the URL without it");
            }
            url = url.replace(DRILL_HOST, host);
        }
        String what = "drills.smokeCheck GET " + url;
        Duration timeout = Duration.ofMillis(check.timeoutMillis());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("User-Agent", "drc-drill/" + context.executionId()).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != check.expectStatus()) {
                return new StepResult.Failed("Drc.SmokeCheckFailed", what + " answered " + status + ", not the expected "
                        + check.expectStatus());
            }
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("url", url).put("status", status));
        } catch (IllegalArgumentException e) {
            return new StepResult.Failed("Drc.SmokeCheckFailed", what + ": not a URL drc can call (" + e.getMessage()
                    + "); fix drills.smokeCheck.url");
        } catch (HttpTimeoutException e) {
            return new StepResult.Failed("Drc.SmokeCheckFailed", what + " did not answer within "
                    + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new StepResult.Failed("Drc.SmokeCheckFailed", what + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult.Failed("Drc.SmokeCheckFailed", what + " was interrupted (the daemon is stopping)");
        }
    }

    /** Where the drill serves: its DNS record's name, else its load balancer's DNS name; null when neither. */
    private String host(Parameters parameters) {
        if (parameters.dns() != null) {
            String name = parameters.dns().name();
            return name.substring(0, name.length() - 1);
        }
        if (parameters.loadBalancer() == null) {
            return null;
        }
        try {
            return aws.elbv2(parameters.region()).describeLoadBalancers(r -> r.names(parameters.loadBalancer()))
                    .loadBalancers().stream().findFirst().map(lb -> lb.dnsName()).orElse(null);
        } catch (LoadBalancerNotFoundException e) {
            return null;
        }
    }
}
