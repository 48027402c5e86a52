package io.drc.simulator.protocol;

import io.drc.simulator.core.AwsError;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One AWS wire protocol (ec2, query, restXml, rpcv2Cbor) seen from the server side: it names the operation a
 * request calls, reads the request into the SDK's own model builder, and writes responses and errors the way
 * the SDK's unmarshallers and the AWS CLI expect them.
 */
public interface Protocol {
    /** The operation's name as in the service model, e.g. {@code DescribeInstances}; null when it cannot tell. */
    String operation(WireRequest request);

    /**
     * Fills {@code builder} (an SDK request builder such as {@code DescribeInstancesRequest.builder()}) from the
     * request and returns the built request.
     */
    SdkPojo readRequest(WireRequest request, String operation, SdkPojo builder);

    WireResponse writeResponse(String operation, SdkPojo response, String requestId);

    WireResponse writeError(AwsError error, String requestId);
}
