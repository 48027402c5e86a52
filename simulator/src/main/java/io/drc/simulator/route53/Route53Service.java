package io.drc.simulator.route53;

import io.drc.simulator.core.ServiceIdentity;
import static io.drc.simulator.protocol.RestXmlProtocol.route;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.RestXmlProtocol;
import io.drc.simulator.protocol.WireRequest;
import java.util.List;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;

/**
 * Route 53 (API 2013-04-01, restXml): hosted zones, record sets, changes, health checks and TestDNSAnswer (the
 * answer of its data plane, see {@link DnsAnswers}). Global: every request, whatever
 * region it is signed for (the SDK and CLI sign for us-east-1), sees the same {@link Route53State}.
 */
public final class Route53Service extends AwsService {
    static final String API = "/2013-04-01";
    private static final Protocol PROTOCOL = new RestXmlProtocol("https://route53.amazonaws.com/doc/2013-04-01/", List.of(
            route("POST", API + "/hostedzone", "CreateHostedZone", 201),
            route("GET", API + "/hostedzone/{Id}", "GetHostedZone"),
            route("GET", API + "/hostedzone", "ListHostedZones"),
            route("GET", API + "/hostedzonesbyname", "ListHostedZonesByName"),
            route("POST", API + "/hostedzone/{Id}/rrset/", "ChangeResourceRecordSets"),
            route("GET", API + "/hostedzone/{Id}/rrset", "ListResourceRecordSets"),
            route("GET", API + "/change/{Id}", "GetChange"),
            route("DELETE", API + "/hostedzone/{Id}", "DeleteHostedZone"),
            route("POST", API + "/healthcheck", "CreateHealthCheck", 201),
            route("GET", API + "/healthcheck", "ListHealthChecks"),
            route("GET", API + "/healthcheck/{HealthCheckId}", "GetHealthCheck"),
            route("DELETE", API + "/healthcheck/{HealthCheckId}", "DeleteHealthCheck"),
            route("GET", API + "/healthcheck/{HealthCheckId}/status", "GetHealthCheckStatus"),
            route("GET", API + "/healthcheckcount", "GetHealthCheckCount"),
            route("GET", API + "/testdnsanswer", "TestDNSAnswer")));

    private static final ServiceIdentity IDENTITY = new ServiceIdentity("route53", PROTOCOL, null,
            ServiceIdentity.RATE_EXCEEDED,
            new AwsError(500, "ServiceUnavailable", "The service is unavailable. Please try again later."));

    public Route53Service() {
        super(IDENTITY, new HostedZoneOperations(), new RecordSetOperations(), new HealthCheckOperations(),
                new DnsAnswers());
    }

    @Override
    public boolean claims(WireRequest request) {
        return request.path().startsWith(API + "/");
    }

    public GetChangeResponse getChange(GetChangeRequest request, RegionState region) {
        return GetChangeResponse.builder().changeInfo(changeInfo(Route53State.of(region.world()).change(request.id()))).build();
    }

    static ChangeInfo changeInfo(Route53State.Change change) {
        return ChangeInfo.builder().id("/change/" + change.id).status(change.status).submittedAt(change.submittedAt)
                .comment(change.comment).build();
    }

    /** Route 53's MaxItems is a string on the wire; absent means the API's default. */
    static int maxItems(String raw, int defaultMax) {
        if (raw == null) {
            return defaultMax;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value > 0) {
                return Math.min(value, defaultMax);
            }
        } catch (NumberFormatException e) {
            // reported below like any other invalid value
        }
        throw AwsError.badRequest("InvalidInput", "1 validation error detected: Value '" + raw
                + "' at 'maxItems' failed to satisfy constraint: Member must be a positive integer");
    }

    static <T> T required(T value, String member) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw AwsError.badRequest("InvalidInput", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }
}
