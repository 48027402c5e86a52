package io.drc.simulator.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import io.drc.simulator.core.AwsError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a request for a service the simulator does not serve (STS, S3, SQS…): an error in the protocol
 * the client spoke, with the code AWS uses for an operation it does not know, so every SDK and the AWS CLI report
 * it as an ordinary AWS error whose message names the service: {@code InvalidAction} in the query protocol,
 * {@code UnknownOperationException} in AWS JSON and RPC v2 CBOR (400) and in the REST protocols (404).
 */
public final class UnservedRequests {
    private static final JsonFactory JSON = new JsonFactory();
    private static final QueryCompatibleErrors NO_SHAPES = new QueryCompatibleErrors("", Map.of());

    private UnservedRequests() {
    }

    /** The operation the request names, or its method and path when it names none the simulator can read. */
    public static String operation(WireRequest request) {
        String named = dialect(request).operation(request);
        return named != null ? named : request.method() + " " + request.path();
    }

    /** The error AWS would answer, in the dialect of the request, with a message naming what is served. */
    public static AwsError error(WireRequest request, List<String> served) {
        String service = request.signingService() == null ? "(unsigned request)" : request.signingService();
        String message = "The drc simulator does not serve " + service + " (operation " + operation(request)
                + "); it serves " + String.join(", ", served) + ".";
        AwsError unknown = isRest(request) ? Protocol.unknownOperationException(404, null, service)
                : dialect(request).unknownOperation(operation(request), service);
        return new AwsError(unknown.status(), unknown.code(), message);
    }

    /** {@code error} written in the protocol the request speaks. */
    public static WireResponse write(WireRequest request, AwsError error, String requestId) {
        return isRest(request) ? restError(request, error, requestId) : dialect(request).writeError(error, requestId);
    }

    /** The RPC protocol the request speaks; the query protocol when it shows none. */
    private static Protocol dialect(WireRequest request) {
        if (RpcV2CborProtocol.speaks(request)) {
            return new RpcV2CborProtocol(NO_SHAPES);
        }
        if (AwsJsonProtocol.speaks(request)) {
            String type = request.header("content-type");
            String version = type != null && type.endsWith("1.1") ? "1.1" : "1.0";
            String target = request.header("x-amz-target");
            return new AwsJsonProtocol(target == null ? "" : target.substring(0, Math.max(0, target.lastIndexOf('.'))),
                    version, NO_SHAPES);
        }
        return QueryProtocol.query(null);
    }

    private static boolean isRest(WireRequest request) {
        return !RpcV2CborProtocol.speaks(request) && !AwsJsonProtocol.speaks(request)
                && !request.params().containsKey("Action");
    }

    /** restXml services (S3, CloudFront) answer XML, restJson ones JSON with the code in {@code x-amzn-ErrorType}. */
    private static WireResponse restError(WireRequest request, AwsError error, String requestId) {
        String type = request.header("content-type");
        boolean xml = "s3".equals(request.signingService()) || "cloudfront".equals(request.signingService())
                || type != null && type.contains("xml");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        if (xml) {
            String body = XmlPojoWriter.document("Error", null, w -> {
                w.element("Code", error.code());
                w.element("Message", error.getMessage());
                w.element("RequestId", requestId);
            });
            headers.put("Content-Type", "application/xml");
            return new WireResponse(error.status(), headers, body.getBytes(StandardCharsets.UTF_8));
        }
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", error.code());
        return new WireResponse(error.status(), headers,
                DocumentPojos.encode(JSON, out -> {
                    out.writeStartObject();
                    out.writeStringField("message", error.getMessage());
                    out.writeEndObject();
                }));
    }
}
