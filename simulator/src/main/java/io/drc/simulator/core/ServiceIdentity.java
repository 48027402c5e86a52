package io.drc.simulator.core;

import io.drc.simulator.protocol.Protocol;

/**
 * How clients reach a simulated service and how it fails, as AWS's own does.
 *
 * @param signingName   the SigV4 signing name clients use, e.g. {@code ec2}, {@code monitoring}
 * @param protocol      the wire protocol (the default one, for services that speak two)
 * @param queryVersion  the {@code Version} form parameter of its query requests (routes unsigned requests); may be null
 * @param throttling    the error AWS answers with when it throttles a caller
 * @param serverError   the error AWS answers with on an internal failure
 */
public record ServiceIdentity(String signingName, Protocol protocol, String queryVersion, AwsError throttling,
                              AwsError serverError) {
    /** The throttling error of the query-protocol services (Auto Scaling, ELBv2, Route 53, CloudWatch). */
    public static final AwsError RATE_EXCEEDED = new AwsError(400, "Throttling", "Rate exceeded");
    public static final AwsError INTERNAL_FAILURE =
            new AwsError(500, "InternalFailure", "We encountered an internal error. Please try again.");
}
