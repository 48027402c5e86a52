package io.drc.simulator.protocol;

import io.drc.simulator.core.AwsError;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One AWS wire protocol (ec2, query, restXml, AWS JSON, rpcv2Cbor) seen from the server side: it names the
 * operation a request calls, reads the request into the SDK's own model builder, and writes responses and errors
 * the way the SDK's unmarshallers, botocore and the AWS CLI expect them.
 */
public interface Protocol {
    /** The error code of the JSON, CBOR and REST protocols for an operation the service does not have. */
    String UNKNOWN_OPERATION = "UnknownOperationException";

    /** The operation's name as in the service model, e.g. {@code DescribeInstances}; null when it cannot tell. */
    String operation(WireRequest request);

    /**
     * Fills {@code builder} (an SDK request builder such as {@code DescribeInstancesRequest.builder()}) from the
     * request and returns the built request.
     */
    SdkPojo readRequest(WireRequest request, String operation, SdkPojo builder);

    WireResponse writeResponse(String operation, SdkPojo response, String requestId);

    WireResponse writeError(AwsError error, String requestId);

    /**
     * The error AWS answers when a request names no operation the service has ({@code operation} may be null):
     * {@code InvalidAction} in the query protocols, which is this default; the others override it.
     */
    default AwsError unknownOperation(String operation, String service) {
        return new AwsError(400, "InvalidAction", "The action " + operation + " is not valid for this web service"
                + " (drc simulator, " + service + ").");
    }

    /** {@link #UNKNOWN_OPERATION} with the status the protocol answers it with. */
    static AwsError unknownOperationException(int status, String operation, String service) {
        return new AwsError(status, UNKNOWN_OPERATION, "The operation " + operation + " is not served by the drc "
                + "simulator's " + service + ".");
    }
}
