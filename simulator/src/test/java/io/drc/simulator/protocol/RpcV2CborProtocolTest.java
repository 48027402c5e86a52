package io.drc.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.drc.simulator.core.AwsError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

class RpcV2CborProtocolTest {
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String PATH = "/service/GraniteServiceVersion20100801/operation/PutMetricData";
    private final RpcV2CborProtocol protocol = new RpcV2CborProtocol(new QueryCompatibleErrors(
            "com.amazonaws.cloudwatch", Map.of("InvalidParameterValue", "InvalidParameterValueException")));

    @Test
    void readsMembersTaggedTimestampsAndGzippedBodies() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.getFactory().createGenerator(raw)) {
            out.writeStartObject();
            out.writeStringField("Namespace", "Drc");
            out.writeFieldName("MetricData");
            out.writeStartArray();
            out.writeStartObject();
            out.writeStringField("MetricName", "Rpo");
            out.writeFieldName("Timestamp");
            out.writeTag(1);
            out.writeNumber(1767225600.5);
            out.writeFieldName("Values");
            out.writeStartArray();
            out.writeNumber(1.5);
            out.writeNumber(2);
            out.writeEndArray();
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(raw.toByteArray());
        }
        WireRequest request = new WireRequest("POST", PATH, Map.of(),
                Map.of("smithy-protocol", "rpc-v2-cbor", "content-encoding", "gzip"), zipped.toByteArray(), "us-east-1", "monitoring");

        assertThat(RpcV2CborProtocol.speaks(request)).isTrue();
        assertThat(protocol.operation(request)).isEqualTo("PutMetricData");
        var put = (PutMetricDataRequest) protocol.readRequest(request, "PutMetricData", PutMetricDataRequest.builder());
        assertThat(put.namespace()).isEqualTo("Drc");
        assertThat(put.metricData()).singleElement().satisfies(d -> {
            assertThat(d.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00.500Z"));
            assertThat(d.values()).containsExactly(1.5, 2.0);
        });
    }

    @Test
    void writesTimestampsAsEpochSecondsAndErrorsWithTheQueryCode() throws IOException {
        WireResponse ok = protocol.writeResponse("GetMetricData", GetMetricDataResponse.builder().metricDataResults(
                MetricDataResult.builder().id("q").timestamps(Instant.parse("2026-01-01T00:00:00Z")).values(3.0).build()).build(),
                "req-1");
        assertThat(ok.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor").containsEntry("Content-Type", "application/cbor");
        JsonNode body = CBOR.readTree(ok.body());
        assertThat(body.at("/MetricDataResults/0/Timestamps/0").doubleValue()).isEqualTo(1767225600.0);
        assertThat(body.at("/MetricDataResults/0/Values/0").doubleValue()).isEqualTo(3.0);

        WireResponse error = protocol.writeError(AwsError.badRequest("InvalidParameterValue", "bad"), "req-2");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.headers()).containsEntry("x-amzn-query-error", "InvalidParameterValue;Sender");
        JsonNode errorBody = CBOR.readTree(error.body());
        assertThat(errorBody.get("__type").asText()).isEqualTo("com.amazonaws.cloudwatch#InvalidParameterValueException");
        assertThat(errorBody.get("message").asText()).isEqualTo("bad");
    }
}
