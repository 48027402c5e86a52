package io.drc.simulator.protocol;

import io.drc.simulator.core.AwsError;
import java.util.Map;
import java.util.Set;

/**
 * How a service that moved from the query protocol to a JSON or CBOR one ({@code awsQueryCompatible}, e.g.
 * CloudWatch) reports errors: the body's {@code __type} names the modelled error shape (which picks the SDK's
 * exception class) and the header {@code x-amzn-query-error: Code;Sender} carries the query protocol's error code,
 * which the SDKs and botocore report as the error code.
 *
 * @param shapeNamespace        the service's Smithy namespace, e.g. {@code com.amazonaws.cloudwatch}
 * @param errorShapeByQueryCode the modelled error shape of each query error code, e.g.
 *                              {@code InvalidParameterValue → InvalidParameterValueException}; a shape given with
 *                              its own namespace ({@code com.amazon.coral.availability#ThrottlingException}) is
 *                              kept as it is; codes not listed are sent as their own shape name
 */
public record QueryCompatibleErrors(String shapeNamespace, Map<String, String> errorShapeByQueryCode) {
    public static final String HEADER = "x-amzn-query-error";
    /** AWS's framework errors, raised before a request reaches the service, and their namespace. */
    static final String FRAMEWORK_NAMESPACE = "com.amazon.coral.service";
    static final Set<String> FRAMEWORK_ERRORS = Set.of(Protocol.UNKNOWN_OPERATION, "SerializationException");

    public QueryCompatibleErrors {
        errorShapeByQueryCode = Map.copyOf(errorShapeByQueryCode);
    }

    /** The {@code __type} of an error: a shape id, {@code namespace#Shape}. */
    String type(AwsError error) {
        if (FRAMEWORK_ERRORS.contains(error.code())) {
            return FRAMEWORK_NAMESPACE + "#" + error.code();
        }
        String shape = errorShapeByQueryCode.getOrDefault(error.code(), error.code());
        return shape.contains("#") ? shape : shapeNamespace + "#" + shape;
    }

    /** The {@code x-amzn-query-error} header value, {@code Code;Sender} or {@code Code;Receiver}. */
    static String header(AwsError error) {
        return error.code() + ";" + (error.senderFault() ? "Sender" : "Receiver");
    }
}
