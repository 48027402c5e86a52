package io.drc.simulator.protocol;

import static io.drc.simulator.protocol.RestXmlProtocol.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.AwsError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;

class RestXmlProtocolTest {
    private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private final RestXmlProtocol protocol = new RestXmlProtocol(NS, List.of(
            route("GET", "/2013-04-01/hostedzone/{Id}", "GetHostedZone"),
            route("GET", "/2013-04-01/hostedzone", "ListHostedZones"),
            route("POST", "/2013-04-01/hostedzone/{Id}/rrset/", "ChangeResourceRecordSets"),
            route("GET", "/2013-04-01/hostedzone/{Id}/rrset", "ListResourceRecordSets")));

    @Test
    void routesByMethodAndTemplateWithOptionalTrailingSlash() {
        assertThat(protocol.operation(get("/2013-04-01/hostedzone/Z1/rrset", Map.of()))).isEqualTo("ListResourceRecordSets");
        assertThat(protocol.operation(get("/2013-04-01/hostedzone/Z1", Map.of()))).isEqualTo("GetHostedZone");
        assertThat(protocol.operation(get("/2013-04-01/hostedzone", Map.of()))).isEqualTo("ListHostedZones");
        assertThat(protocol.operation(post("/2013-04-01/hostedzone/Z1/rrset", ""))).isEqualTo("ChangeResourceRecordSets");
        assertThat(protocol.operation(post("/2013-04-01/hostedzone/Z1/rrset/", ""))).isEqualTo("ChangeResourceRecordSets");
        assertThat(protocol.operation(post("/2013-04-01/hostedzone", ""))).isNull();
    }

    @Test
    void readsPathLabelsQueryParametersAndXmlBody() {
        var list = (ListResourceRecordSetsRequest) protocol.readRequest(get("/2013-04-01/hostedzone//hostedzone/Z1/rrset",
                Map.of("name", "www.example.com", "type", "A", "maxitems", "2")), "ListResourceRecordSets",
                ListResourceRecordSetsRequest.builder());
        assertThat(list.hostedZoneId()).isEqualTo("/hostedzone/Z1");
        assertThat(list.startRecordName()).isEqualTo("www.example.com");
        assertThat(list.startRecordTypeAsString()).isEqualTo("A");
        assertThat(list.maxItems()).isEqualTo("2");

        var change = (ChangeResourceRecordSetsRequest) protocol.readRequest(post("/2013-04-01/hostedzone/Z1/rrset/", """
                <?xml version="1.0" encoding="UTF-8"?>
                <ChangeResourceRecordSetsRequest xmlns="%s"><ChangeBatch><Comment>flip</Comment><Changes>
                  <Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.com</Name><Type>A</Type>
                    <SetIdentifier>dr</SetIdentifier><Weight>100</Weight><TTL>60</TTL>
                    <ResourceRecords><ResourceRecord><Value>10.1.0.1</Value></ResourceRecord>
                      <ResourceRecord><Value>10.1.0.2</Value></ResourceRecord></ResourceRecords>
                  </ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>""".formatted(NS)),
                "ChangeResourceRecordSets", ChangeResourceRecordSetsRequest.builder());
        assertThat(change.hostedZoneId()).isEqualTo("Z1");
        assertThat(change.changeBatch().comment()).isEqualTo("flip");
        assertThat(change.changeBatch().changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.UPSERT);
            assertThat(c.resourceRecordSet().weight()).isEqualTo(100L);
            assertThat(c.resourceRecordSet().resourceRecords()).hasSize(2);
        });
    }

    @Test
    void writesResponsesInTheServiceNamespaceAndErrorsAsErrorResponse() {
        WireResponse ok = protocol.writeResponse("GetHostedZone", GetHostedZoneResponse.builder()
                .hostedZone(HostedZone.builder().id("/hostedzone/Z1").name("example.com.").build()).build(), "req-1");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(new String(ok.body(), StandardCharsets.UTF_8))
                .contains("<GetHostedZoneResponse xmlns=\"" + NS + "\"><HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name>");

        WireResponse error = protocol.writeError(new AwsError(404, "NoSuchHostedZone", "No hosted zone found with ID: Z9"), "req-2");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.headers()).containsEntry("x-amzn-RequestId", "req-2");
        assertThat(new String(error.body(), StandardCharsets.UTF_8)).contains("<ErrorResponse").contains(
                "<Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z9</Message></Error>"
                + "<RequestId>req-2</RequestId>");
    }

    private static WireRequest get(String path, Map<String, String> params) {
        return new WireRequest("GET", path, params, Map.of(), new byte[0], "us-east-1", "route53");
    }

    private static WireRequest post(String path, String body) {
        return new WireRequest("POST", path, Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8), "us-east-1", "route53");
    }
}
