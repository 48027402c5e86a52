package io.drc.simulator.protocol;

import io.drc.simulator.core.AwsError;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The {@code query} protocol (RDS, Auto Scaling, ELBv2, CloudWatch for older clients) and its {@code ec2}
 * variant: form-encoded {@code Action=…} requests, XML responses. EC2 answers without a result wrapper and
 * reports errors as {@code <Response><Errors><Error>}; the others wrap in {@code <XResult>} and
 * {@code <ErrorResponse>}.
 */
public final class QueryProtocol implements Protocol {
    private final boolean ec2;
    private final String namespace;
    private final QueryParams params;

    private QueryProtocol(boolean ec2, String namespace) {
        this.ec2 = ec2;
        this.namespace = namespace;
        this.params = new QueryParams(ec2);
    }

    public static QueryProtocol ec2() {
        return ec2("http://ec2.amazonaws.com/doc/2016-11-15/");
    }

    /** The ec2 protocol under another API version's namespace (Smithy's protocol test service has its own). */
    public static QueryProtocol ec2(String namespace) {
        return new QueryProtocol(true, namespace);
    }

    /** @param namespace the service's XML namespace, e.g. {@code http://rds.amazonaws.com/doc/2014-10-31/} */
    public static QueryProtocol query(String namespace) {
        return new QueryProtocol(false, namespace);
    }

    @Override
    public String operation(WireRequest request) {
        return request.params().get("Action");
    }

    @Override
    public SdkPojo readRequest(WireRequest request, String operation, SdkPojo builder) {
        return params.read(request.params(), builder);
    }

    @Override
    public WireResponse writeResponse(String operation, SdkPojo response, String requestId) {
        String xml = XmlPojoWriter.document(operation + "Response", namespace, w -> {
            if (ec2) {
                w.element("requestId", requestId);
                w.fields(response);
            } else {
                w.start(operation + "Result");
                w.fields(response);
                w.end();
                w.start("ResponseMetadata");
                w.element("RequestId", requestId);
                w.end();
            }
        });
        return WireResponse.xml(200, xml);
    }

    @Override
    public WireResponse writeError(AwsError error, String requestId) {
        String xml = ec2
                ? XmlPojoWriter.document("Response", null, w -> {
                    w.start("Errors");
                    w.start("Error");
                    w.element("Code", error.code());
                    w.element("Message", error.getMessage());
                    w.end();
                    w.end();
                    w.element("RequestID", requestId);
                })
                : XmlPojoWriter.document("ErrorResponse", namespace, w -> {
                    w.start("Error");
                    w.element("Type", error.senderFault() ? "Sender" : "Receiver");
                    w.element("Code", error.code());
                    w.element("Message", error.getMessage());
                    w.end();
                    w.element("RequestId", requestId);
                });
        return WireResponse.xml(error.status(), xml);
    }

    public QueryParams params() {
        return params;
    }
}
