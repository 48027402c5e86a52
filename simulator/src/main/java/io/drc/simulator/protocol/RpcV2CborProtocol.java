package io.drc.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.drc.simulator.core.AwsError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Smithy RPC v2 CBOR (CloudWatch since SDK 2.40.6): {@code POST /service/<Service>/operation/<Operation>} with
 * header {@code smithy-protocol: rpc-v2-cbor} and a CBOR map of the input members; the answer likewise. For an
 * {@code awsQueryCompatible} service, an error carries its shape in {@code __type} (which picks the SDK's
 * exception class) and the query protocol's code in {@code x-amzn-query-error: Code;Sender}, which the SDK
 * reports as the error code.
 */
public final class RpcV2CborProtocol implements Protocol {
    private static final CBORMapper CBOR = new CBORMapper();
    private static final CBORFactory FACTORY = CBOR.getFactory();
    private static final String OPERATION_SEGMENT = "/operation/";

    private final String shapeNamespace;
    private final Map<String, String> errorShapeByQueryCode;

    /**
     * @param shapeNamespace        the service's Smithy namespace, e.g. {@code com.amazonaws.cloudwatch}
     * @param errorShapeByQueryCode the modelled error shape of each query error code, e.g.
     *                              {@code InvalidParameterValue → InvalidParameterValueException}; codes not
     *                              listed are sent as their own shape name
     */
    public RpcV2CborProtocol(String shapeNamespace, Map<String, String> errorShapeByQueryCode) {
        this.shapeNamespace = shapeNamespace;
        this.errorShapeByQueryCode = Map.copyOf(errorShapeByQueryCode);
    }

    /** Whether a request speaks this protocol (as opposed to the same service's query protocol). */
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
            return CborPojos.read(input, builder);
        } catch (IOException e) {
            throw AwsError.badRequest("SerializationException", "Cannot read the CBOR request body: " + e.getMessage());
        }
    }

    /** Request compression (PutMetricData carries {@code requestCompression}) arrives as gzip. */
    private static byte[] decompressed(WireRequest request) {
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
        return cbor(200, requestId, out -> CborPojos.write(out, response), Map.of());
    }

    @Override
    public WireResponse writeError(AwsError error, String requestId) {
        String shape = errorShapeByQueryCode.getOrDefault(error.code(), error.code());
        return cbor(error.status(), requestId, out -> {
            out.writeStartObject();
            out.writeStringField("__type", shapeNamespace + "#" + shape);
            out.writeStringField("message", error.getMessage());
            out.writeEndObject();
        }, Map.of("x-amzn-query-error", error.code() + ";" + (error.senderFault() ? "Sender" : "Receiver")));
    }

    private interface CborBody {
        void write(CBORGenerator out) throws IOException;
    }

    private static WireResponse cbor(int status, String requestId, CborBody body, Map<String, String> extraHeaders) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator out = FACTORY.createGenerator(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/cbor");
        headers.put("smithy-protocol", "rpc-v2-cbor");
        headers.put("x-amzn-RequestId", requestId);
        return new WireResponse(status, headers, bytes.toByteArray());
    }
}
