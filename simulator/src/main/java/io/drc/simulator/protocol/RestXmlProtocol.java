package io.drc.simulator.protocol;

import io.drc.simulator.core.AwsError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.utils.DateUtils;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * The {@code restXml} protocol (Route 53): the operation is named by HTTP method and path template, scalar
 * fields travel in the URI path, query string and headers (each SDK field says where: {@code location()} and
 * {@code locationName()}), the rest in an XML body whose root is {@code <OperationRequest>}. Responses are
 * {@code <OperationResponse xmlns=…>}; errors use the query protocol's {@code <ErrorResponse>}.
 * Operations with an explicit payload member (S3-style) are not supported.
 */
public final class RestXmlProtocol implements Protocol {
    /** One operation's binding, e.g. {@code POST /2013-04-01/hostedzone/{Id}/rrset/}. */
    public record Route(String method, String template, String operation, int successStatus, Pattern pattern,
                        List<String> labels) {
        /** The literal part of the template: longer literals are tried first, so {@code /{Id}/rrset} beats {@code /{Id}}. */
        int literalLength() {
            return template.replaceAll("\\{[^}]+}", "").length();
        }
    }

    private static final Pattern LABEL = Pattern.compile("\\{([^}+]+)\\+?}");

    private final String namespace;
    private final List<Route> routes;
    private final QueryProtocol errors;

    /** @param namespace the service's XML namespace, e.g. {@code https://route53.amazonaws.com/doc/2013-04-01/} */
    public RestXmlProtocol(String namespace, List<Route> routes) {
        this.namespace = namespace;
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::literalLength).reversed()).toList();
        this.errors = QueryProtocol.query(namespace);
    }

    /** A route answering 200; a trailing slash on the template or the request is optional. */
    public static Route route(String method, String template, String operation) {
        return route(method, template, operation, 200);
    }

    public static Route route(String method, String template, String operation, int successStatus) {
        String trimmed = template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
        Matcher labels = LABEL.matcher(trimmed);
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        int last = 0;
        while (labels.find()) {
            regex.append(Pattern.quote(trimmed.substring(last, labels.start()))).append("(.+?)");
            names.add(labels.group(1));
            last = labels.end();
        }
        regex.append(Pattern.quote(trimmed.substring(last))).append("/?$");
        return new Route(method, template, operation, successStatus, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    @Override
    public String operation(WireRequest request) {
        for (Route route : routes) {
            if (route.method().equals(request.method()) && route.pattern().matcher(request.path()).matches()) {
                return route.operation();
            }
        }
        return null;
    }

    @Override
    public SdkPojo readRequest(WireRequest request, String operation, SdkPojo builder) {
        Map<String, String> labels = labels(request, operation);
        for (SdkField<?> field : builder.sdkFields()) {
            String raw = switch (field.location()) {
                case PATH, GREEDY_PATH -> labels.get(field.locationName());
                case QUERY_PARAM -> request.params().get(field.locationName());
                case HEADER -> request.header(field.locationName());
                default -> null;
            };
            if (raw != null) {
                field.set(builder, scalarOrList(field, raw));
            }
        }
        XmlPojoReader.read(request.body(), builder);
        return (SdkPojo) ((Buildable) builder).build();
    }

    /** A header or query value; a list in a header is its items joined by commas, as AWS's REST services send them. */
    private static Object scalarOrList(SdkField<?> field, String raw) {
        if (field.marshallingType() != MarshallingType.LIST) {
            return QueryParams.convert(field.marshallingType(), raw, field.locationName());
        }
        SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
        List<Object> items = new ArrayList<>();
        for (String item : raw.split(",")) {
            if (!item.isBlank()) {
                items.add(QueryParams.convert(member.marshallingType(), item.trim(), field.locationName()));
            }
        }
        return items;
    }

    private Map<String, String> labels(WireRequest request, String operation) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(request.path());
            if (route.operation().equals(operation) && m.matches()) {
                for (int i = 0; i < route.labels().size(); i++) {
                    out.put(route.labels().get(i), m.group(i + 1));
                }
                return out;
            }
        }
        return out;
    }

    @Override
    public WireResponse writeResponse(String operation, SdkPojo response, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        int status = successStatus(operation);
        boolean hasBody = false;
        for (SdkField<?> field : response.sdkFields()) {
            Object value = field.getValueOrDefault(response);
            if (field.location() == MarshallLocation.HEADER && value != null) {
                headers.put(field.locationName(), headerText(field, value));
            } else if (field.location() == MarshallLocation.STATUS_CODE && value instanceof Integer code) {
                status = code;
            }
            hasBody |= field.location() == MarshallLocation.PAYLOAD;
        }
        if (!hasBody) {
            // an output without body members (Route 53's DeleteHealthCheck) is answered with headers only
            headers.put("Content-Type", "text/xml;charset=UTF-8");
            return new WireResponse(status, headers, new byte[0]);
        }
        String xml = XmlPojoWriter.document(operation + "Response", namespace, w -> w.fields(response));
        WireResponse body = WireResponse.xml(status, xml);
        headers.putAll(body.headers());
        return new WireResponse(body.status(), headers, body.body());
    }

    /** A header's value: timestamps as HTTP dates unless the field names another format, as AWS's REST services send them. */
    private static String headerText(SdkField<?> field, Object value) {
        if (value instanceof java.time.Instant instant) {
            TimestampFormatTrait.Format format = field
                    .getOptionalTrait(TimestampFormatTrait.class, TraitType.TIMESTAMP_FORMAT_TRAIT)
                    .map(TimestampFormatTrait::format).orElse(TimestampFormatTrait.Format.RFC_822);
            return switch (format) {
                case ISO_8601 -> DateUtils.formatIso8601Date(instant);
                case UNIX_TIMESTAMP -> XmlPojoWriter.epochSeconds(instant);
                default -> DateUtils.formatRfc822Date(instant);
            };
        }
        if (value instanceof List<?> items) {
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            return items.stream().map(item -> headerText(member, item)).collect(java.util.stream.Collectors.joining(", "));
        }
        return QueryParams.text(value);
    }

    private int successStatus(String operation) {
        return routes.stream().filter(r -> r.operation().equals(operation)).findFirst()
                .map(Route::successStatus).orElse(200);
    }

    @Override
    public WireResponse writeError(AwsError error, String requestId) {
        WireResponse body = errors.writeError(error, requestId);
        Map<String, String> headers = new LinkedHashMap<>(body.headers());
        headers.put("x-amzn-RequestId", requestId);
        return new WireResponse(body.status(), headers, body.body());
    }

    /** No route matches the method and path: REST services answer 404 {@code UnknownOperationException}. */
    @Override
    public AwsError unknownOperation(String operation, String service) {
        return Protocol.unknownOperationException(404, operation, service);
    }
}
