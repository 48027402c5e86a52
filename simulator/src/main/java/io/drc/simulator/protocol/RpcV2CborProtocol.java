package io.drc.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.drc.simulator.core.AwsError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Smithy RPC v2 CBOR (CloudWatch since SDK 2.40.6): {@code POST /service/<Service>/operation/<Operation>} with
 * header {@code smithy-protocol: rpc-v2-cbor} and a CBOR map of the input members; the answer likewise. An
 * {@code awsQueryCompatible} service reports errors as {@link QueryCompatibleErrors} says.
 */
public final class RpcV2CborProtocol implements Protocol {
    private static final CBORMapper CBOR = new CBORMapper();
    private static final CBORFactory FACTORY = CBOR.getFactory();
    private static final String OPERATION_SEGMENT = "/operation/";

    private final QueryCompatibleErrors errors;

    public RpcV2CborProtocol(QueryCompatibleErrors errors) {
        this.errors = errors;
    }

    /** Whether a request speaks this protocol (as opposed to the same service's query or JSON protocol). */
    public static boolean speaks(WireRequest request) {
        return "rpc-v2-cbor".equals(request.header("smithy-protocol"))
                || request.path().startsWith("/service/") && request.path().contains(OPERATION_SEGMENT);
    }

    @Override
    public String operation(WireRequest request) {
        int at = request.path().lastIndexOf(OPERATION_SEGMENT);
        return at < 0 ? null : request.path().substring(at + OPERATION_SEGMENT.length());
    }

    @Override
    public SdkPojo readRequest(WireRequest request, String operation, SdkPojo builder) {
        byte[] body = decompressed(request);
        try {
            JsonNode input = body.length == 0 ? CBOR.createObjectNode() : CBOR.readTree(body);
            if (!(input instanceof ObjectNode)) {
                throw AwsError.badRequest("SerializationException", "The request body must be a CBOR map");
            }
            return DocumentPojos.read(input, builder);
        } catch (IOException e) {
            throw AwsError.badRequest("SerializationException", "Cannot read the CBOR request body: " + e.getMessage());
        }
    }

    /** Request compression (PutMetricData carries {@code requestCompression}) arrives as gzip. */
    static byte[] decompressed(WireRequest request) {
        String encoding = request.header("content-encoding");
        if (encoding == null || !encoding.contains("gzip")) {
            return request.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw AwsError.badRequest("SerializationException", "Cannot gunzip the request body: " + e.getMessage());
        }
    }

    @Override
    public WireResponse writeResponse(String operation, SdkPojo response, String requestId) {
        return cbor(200, requestId, out -> DocumentPojos.write(out, response, DocumentPojos.Encoding.CBOR), Map.of());
    }

    @Override
    public WireResponse writeError(AwsError error, String requestId) {
        return cbor(error.status(), requestId, DocumentPojos.error(errors.type(error), error.getMessage()),
                Map.of(QueryCompatibleErrors.HEADER, QueryCompatibleErrors.header(error)));
    }

    @Override
    public AwsError unknownOperation(String operation, String service) {
        return Protocol.unknownOperationException(400, operation, service);
    }

    private static WireResponse cbor(int status, String requestId, DocumentPojos.Body body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/cbor");
        headers.put("smithy-protocol", "rpc-v2-cbor");
        headers.put("x-amzn-RequestId", requestId);
        return new WireResponse(status, headers, DocumentPojos.encode(FACTORY, body));
    }
}
