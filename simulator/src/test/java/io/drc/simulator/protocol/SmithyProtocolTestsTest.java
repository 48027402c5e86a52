package io.drc.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.AwsError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.smithy.aws.traits.protocols.AwsQueryErrorTrait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.loader.ModelAssembler;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.traits.ErrorTrait;
import software.amazon.smithy.model.traits.HttpErrorTrait;
import software.amazon.smithy.model.traits.HttpTrait;
import software.amazon.smithy.model.traits.XmlNamespaceTrait;
import software.amazon.smithy.protocoltests.traits.AppliesTo;
import software.amazon.smithy.protocoltests.traits.HttpMessageTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestsTrait;

/**
 * Smithy's published AWS protocol tests ({@code software.amazon.smithy:smithy-aws-protocol-tests}), the
 * server-side direction, run against the simulator's own codecs for each protocol it speaks: a request test's wire
 * request is decoded by the protocol's {@link Protocol#operation} and {@link Protocol#readRequest} and must equal
 * the test's {@code params}; a response test's {@code params} are encoded by {@link Protocol#writeResponse} (an
 * error shape's by {@link Protocol#writeError}) and must match the test's status, headers and body (XML, JSON and
 * CBOR compared by structure). The test services' shapes reach the codecs as SDK fields ({@link SmithyPojos}), the
 * form in which the codecs see the six services they serve.
 *
 * <p>A case the simulator fails for a feature it does not have is listed in {@link #KNOWN_GAPS} with the reason; a
 * listed case must still fail (a gap that closes must leave the list), every other case must pass. Prints the pass
 * table (protocol × passed / failed / known gaps).
 */
class SmithyProtocolTestsTest {
    private static final String REQUEST_ID = "5f9b3f8e-smithy-protocol-test";
    /** The pass table and every case not passed, beside the console output (which the build sends to a file). */
    private static final Path REPORT = Path.of("target", "smithy-protocol-tests.txt");

    /** The protocols the simulator speaks and Smithy's test services for them. */
    private record Suite(String protocol, ShapeId service, SmithyPojos.Binding binding) {
    }

    private static final List<Suite> SUITES = List.of(
            new Suite("awsQuery", ShapeId.from("aws.protocoltests.query#AwsQuery"), SmithyPojos.Binding.QUERY),
            new Suite("ec2Query", ShapeId.from("aws.protocoltests.ec2#AwsEc2"), SmithyPojos.Binding.EC2),
            new Suite("restXml", ShapeId.from("aws.protocoltests.restxml#RestXml"), SmithyPojos.Binding.REST_XML),
            new Suite("restXml", ShapeId.from("aws.protocoltests.restxml.xmlns#RestXmlWithNamespace"), SmithyPojos.Binding.REST_XML),
            new Suite("awsJson1_0", ShapeId.from("aws.protocoltests.json10#JsonRpc10"), SmithyPojos.Binding.DOCUMENT),
            new Suite("awsJson1_0", ShapeId.from("aws.protocoltests.json10#QueryCompatibleJsonRpc10"), SmithyPojos.Binding.DOCUMENT),
            new Suite("rpcv2Cbor", ShapeId.from("aws.protocoltests.rpcv2cbor#QueryCompatibleRpcV2Protocol"), SmithyPojos.Binding.DOCUMENT),
            new Suite("rpcv2Cbor", ShapeId.from("aws.protocoltests.rpcv2cbor#NonQueryCompatibleRpcV2Protocol"), SmithyPojos.Binding.DOCUMENT));

    // Why a listed case fails. Features AWS's S3-style REST services use that Route 53 does not:
    private static final String PAYLOAD = "@httpPayload (a blob, string or structure as the whole body, S3-style): "
            + "Route 53 binds none and the restXml codec does not support it";
    private static final String PREFIX_HEADERS = "@httpPrefixHeaders (S3's x-amz-meta-*): not in Route 53";
    private static final String QUERY_PARAMS_MAP = "@httpQueryParams (all query parameters into a map): not in Route 53";
    private static final String REPEATED_QUERY = "a list in repeated query parameters (?l=a&l=b): the simulator keeps one"
            + " value per name; Route 53 takes no list in its query string";
    private static final String LABEL_ESCAPING = "a label holding an encoded '/': the simulator matches routes on the"
            + " decoded path; Route 53's ids hold no slash";
    private static final String DATE_LIST_HEADER = "a list of HTTP dates in one header (each date has its own comma):"
            + " not in Route 53";
    private static final String XML_ATTRIBUTES = "@xmlAttribute (S3 only): the XML codec writes and reads elements only";
    private static final String MEMBER_NAMESPACE = "@xmlNamespace below the root (members, nested shapes): the SDK's"
            + " fields carry no namespace and none of the six services uses one there";
    private static final String ROOT_NAME = "restXml's root element: the simulator writes <OperationResponse>, which is"
            + " the output shape's name in Route 53's model; this test's output shape is named otherwise";
    // Cases a server cannot act on:
    private static final String NO_BODY_COMPRESSION = "the case has no wire body: it checks a client's request"
            + " compression headers (the simulator gunzips compressed bodies, RpcV2CborProtocolTest covers it)";
    private static final String EMPTY_NOT_ON_WIRE = "an empty collection leaves nothing on the wire; a server reads it"
            + " as absent";
    private static final String HOST_PREFIX = "checks a client's @endpoint host prefix; the request names no operation"
            + " (no X-Amz-Target)";
    private static final String OFFSETS = "a time with a UTC offset that a client must read; a server writes UTC ('Z'),"
            + " as AWS does";
    // Where the simulator answers as AWS's services do rather than as Smithy's test services:
    private static final String ERROR_NAMESPACE = "AWS's query services answer <ErrorResponse xmlns=\"their API"
            + " namespace\"> (RDS, ELBv2 do), as the simulator does; the test's body has no namespace";
    private static final String NO_NAMESPACE_NO_RESULT = "the test's body has no namespace (see ErrorResponse) and no"
            + " <Result> element; the simulator writes an empty <NoInputAndNoOutputResult/>, which clients skip";
    private static final String ERROR_MEMBERS = "error members beyond code and message: the simulator's errors"
            + " (AwsError) carry a code and a message, all the errors of the six services need";
    private static final String MESSAGE_CASE = "the simulator names an error's message member 'message', as"
            + " CloudWatch's error shapes do; this test's shape names it 'Message' (the SDKs and botocore read both)";
    private static final String UNIT_OUTPUT = "an operation without output: the SDK's classes do not tell it from an"
            + " empty output, so the simulator answers {} (the SDKs and botocore read both)";
    private static final String DEFAULTS = "Smithy 2.0 @default values filled in by a server: the SDK's classes carry"
            + " no defaults and CloudWatch's JSON operations declare none";

    /**
     * Cases the simulator fails, keyed {@code "request <id>"} / {@code "response <id>"}, with why: features the six
     * services it serves do not use, cases only a client can act on, and places where it follows AWS's services.
     */
    static final Map<String, String> KNOWN_GAPS = Map.ofEntries(
            Map.entry("request AllQueryStringTypes", REPEATED_QUERY),
            Map.entry("request AwsJson10EndpointTrait", HOST_PREFIX),
            Map.entry("request AwsJson10EndpointTraitWithHostLabel", HOST_PREFIX),
            Map.entry("request AwsJson10ServerPopulatesDefaultsWhenMissingInRequestBody", DEFAULTS),
            Map.entry("request AwsJson10ServerPopulatesNestedDefaultsWhenMissingInRequestBody", DEFAULTS),
            Map.entry("request Ec2EmptyQueryLists", EMPTY_NOT_ON_WIRE),
            Map.entry("request HttpEmptyPrefixHeadersRequestServer", PREFIX_HEADERS),
            Map.entry("request HttpPayloadTraitsWithBlob", PAYLOAD),
            Map.entry("request HttpPayloadTraitsWithMediaTypeWithBlob", PAYLOAD),
            Map.entry("request HttpPayloadWithMemberXmlName", PAYLOAD),
            Map.entry("request HttpPayloadWithStructure", PAYLOAD),
            Map.entry("request HttpPayloadWithXmlName", PAYLOAD),
            Map.entry("request HttpPayloadWithXmlNamespace", MEMBER_NAMESPACE),
            Map.entry("request HttpPayloadWithXmlNamespaceAndPrefix", MEMBER_NAMESPACE),
            Map.entry("request HttpPrefixHeadersArePresent", PREFIX_HEADERS),
            Map.entry("request HttpRequestLabelEscaping", LABEL_ESCAPING),
            Map.entry("request InputAndOutputWithTimestampHeaders", DATE_LIST_HEADER),
            Map.entry("request QueryEmptyQueryMaps", EMPTY_NOT_ON_WIRE),
            Map.entry("request RestXmlEnumPayloadRequest", PAYLOAD),
            Map.entry("request RestXmlHttpPayloadWithUnion", PAYLOAD),
            Map.entry("request RestXmlQueryStringMap", QUERY_PARAMS_MAP),
            Map.entry("request RestXmlServersPutAllQueryParamsInMap", QUERY_PARAMS_MAP),
            Map.entry("request RestXmlServersQueryParamsStringListMap", QUERY_PARAMS_MAP),
            Map.entry("request RestXmlStringPayloadRequest", PAYLOAD),
            Map.entry("request SDKAppendedGzipAfterProvidedEncoding_restXml", NO_BODY_COMPRESSION),
            Map.entry("request SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_0", NO_BODY_COMPRESSION),
            Map.entry("request SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery", NO_BODY_COMPRESSION),
            Map.entry("request SDKAppendsGzipAndIgnoresHttpProvidedEncoding_ec2Query", NO_BODY_COMPRESSION),
            Map.entry("request SDKAppliedContentEncoding_awsJson1_0", NO_BODY_COMPRESSION),
            Map.entry("request SDKAppliedContentEncoding_awsQuery", NO_BODY_COMPRESSION),
            Map.entry("request SDKAppliedContentEncoding_ec2Query", NO_BODY_COMPRESSION),
            Map.entry("request SDKAppliedContentEncoding_restXml", NO_BODY_COMPRESSION),
            Map.entry("request XmlAttributes", XML_ATTRIBUTES),
            Map.entry("request XmlAttributesInMiddle", PAYLOAD),
            Map.entry("request XmlAttributesOnPayload", PAYLOAD),
            Map.entry("request XmlAttributesWithEscaping", XML_ATTRIBUTES),
            Map.entry("request XmlNamespaceSimpleScalarProperties", XML_ATTRIBUTES),
            Map.entry("response AwsJson10ComplexError", ERROR_MEMBERS),
            Map.entry("response AwsJson10InvalidGreetingError", MESSAGE_CASE),
            Map.entry("response AwsJson10ServerPopulatesDefaultsInResponseWhenMissingInParams", DEFAULTS),
            Map.entry("response AwsJson10ServerPopulatesNestedDefaultValuesWhenMissingInInResponseParams", DEFAULTS),
            Map.entry("response AwsJson10ServiceRespondsWithNoPayload", UNIT_OUTPUT),
            Map.entry("response BodyWithXmlName", ROOT_NAME),
            Map.entry("response ComplexError", ERROR_MEMBERS),
            Map.entry("response Ec2ComplexError", ERROR_MEMBERS),
            Map.entry("response Ec2QueryDateTimeWithNegativeOffset", OFFSETS),
            Map.entry("response Ec2QueryDateTimeWithPositiveOffset", OFFSETS),
            Map.entry("response Ec2XmlLists", MEMBER_NAMESPACE),
            Map.entry("response Ec2XmlNamespaces", MEMBER_NAMESPACE),
            Map.entry("response HttpEmptyPrefixHeadersResponseServer", PREFIX_HEADERS),
            Map.entry("response HttpPayloadTraitsWithBlob", PAYLOAD),
            Map.entry("response HttpPayloadTraitsWithMediaTypeWithBlob", PAYLOAD),
            Map.entry("response HttpPayloadTraitsWithNoBlobBody", PAYLOAD),
            Map.entry("response HttpPayloadWithMemberXmlName", PAYLOAD),
            Map.entry("response HttpPayloadWithStructure", PAYLOAD),
            Map.entry("response HttpPayloadWithXmlName", PAYLOAD),
            Map.entry("response HttpPayloadWithXmlNamespace", MEMBER_NAMESPACE),
            Map.entry("response HttpPayloadWithXmlNamespaceAndPrefix", MEMBER_NAMESPACE),
            Map.entry("response HttpPrefixHeadersArePresent", PREFIX_HEADERS),
            Map.entry("response IgnoreQueryParamsInResponse", ROOT_NAME),
            Map.entry("response InvalidGreetingError", ERROR_MEMBERS),
            Map.entry("response QueryComplexError", ERROR_MEMBERS),
            Map.entry("response QueryCustomizedError", ERROR_NAMESPACE),
            Map.entry("response QueryInvalidGreetingError", ERROR_NAMESPACE),
            Map.entry("response QueryNoInputAndNoOutputWithResponseMetadata", NO_NAMESPACE_NO_RESULT),
            Map.entry("response QueryQueryFlattenedXmlMapWithXmlNamespace", MEMBER_NAMESPACE),
            Map.entry("response QueryXmlLists", MEMBER_NAMESPACE),
            Map.entry("response QueryXmlNamespaces", MEMBER_NAMESPACE),
            Map.entry("response RestXmlDateTimeWithFractionalSeconds", ROOT_NAME),
            Map.entry("response RestXmlDateTimeWithNegativeOffset", ROOT_NAME),
            Map.entry("response RestXmlDateTimeWithPositiveOffset", ROOT_NAME),
            Map.entry("response RestXmlEnumPayloadResponse", PAYLOAD),
            Map.entry("response RestXmlFlattenedXmlMapWithXmlNamespace", MEMBER_NAMESPACE),
            Map.entry("response RestXmlHttpPayloadWithUnion", PAYLOAD),
            Map.entry("response RestXmlHttpPayloadWithUnsetUnion", PAYLOAD),
            Map.entry("response RestXmlStringPayloadResponse", PAYLOAD),
            Map.entry("response RestXmlXmlMapWithXmlNamespace", MEMBER_NAMESPACE),
            Map.entry("response XmlAttributes", XML_ATTRIBUTES),
            Map.entry("response XmlAttributesInMiddle", PAYLOAD),
            Map.entry("response XmlAttributesOnPayload", PAYLOAD),
            Map.entry("response XmlLists", MEMBER_NAMESPACE),
            Map.entry("response XmlNamespaceSimpleScalarProperties", XML_ATTRIBUTES),
            Map.entry("response XmlNamespaces", MEMBER_NAMESPACE));

    private static Model model;

    @BeforeAll
    static void loadSmithyModels() {
        model = Model.assembler(SmithyProtocolTestsTest.class.getClassLoader())
                .discoverModels(SmithyProtocolTestsTest.class.getClassLoader())
                .putProperty(ModelAssembler.ALLOW_UNKNOWN_TRAITS, true)
                .assemble().getResult().orElseThrow();
    }

    private enum Outcome { PASSED, FAILED, KNOWN_GAP, GAP_CLOSED }

    private record Result(String protocol, String id, Outcome outcome, String detail) {
    }

    @Test
    void simulatorCodecsPassSmithysServerSideProtocolTests() {
        List<Result> results = new ArrayList<>();
        for (Suite suite : SUITES) {
            results.addAll(run(suite));
        }
        print(results);
        Set<String> seen = new TreeSet<>();
        results.forEach(r -> seen.add(r.id()));
        assertThat(KNOWN_GAPS.keySet()).as("known gaps that are no Smithy test case any more").isSubsetOf(seen);
        for (String protocol : List.of("awsQuery", "ec2Query", "restXml", "awsJson1_0", "rpcv2Cbor")) {
            assertThat(results).as("cases passed in " + protocol)
                    .anyMatch(r -> r.protocol().equals(protocol) && r.outcome() == Outcome.PASSED);
        }
        assertThat(results.stream().filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.GAP_CLOSED)
                .map(r -> r.outcome() + " " + r.protocol() + " " + r.id() + ": " + r.detail()).toList())
                .as("failed cases, and listed gaps that now pass").isEmpty();
    }

    private List<Result> run(Suite suite) {
        ServiceShape service = model.expectShape(suite.service(), ServiceShape.class);
        ShapeId protocolTrait = protocolTrait(suite.protocol());
        SmithyPojos pojos = new SmithyPojos(model, suite.binding());
        Protocol protocol = protocol(suite, service);
        List<Result> results = new ArrayList<>();
        Set<ShapeId> errors = new TreeSet<>(service.getErrors());
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(service)) {
            errors.addAll(operation.getErrors());
            operation.getTrait(HttpRequestTestsTrait.class).ifPresent(t -> {
                for (HttpRequestTestCase c : t.getTestCasesFor(AppliesTo.SERVER)) {
                    if (c.getProtocol().equals(protocolTrait)) {
                        results.add(result(suite, "request", c, () -> request(protocol, pojos, operation, c)));
                    }
                }
            });
            operation.getTrait(HttpResponseTestsTrait.class).ifPresent(t -> {
                for (HttpResponseTestCase c : t.getTestCasesFor(AppliesTo.SERVER)) {
                    if (c.getProtocol().equals(protocolTrait)) {
                        results.add(result(suite, "response", c, () -> response(protocol, pojos, operation, c)));
                    }
                }
            });
        }
        for (ShapeId id : errors) {
            StructureShape error = model.expectShape(id, StructureShape.class);
            error.getTrait(HttpResponseTestsTrait.class).ifPresent(t -> {
                for (HttpResponseTestCase c : t.getTestCasesFor(AppliesTo.SERVER)) {
                    if (c.getProtocol().equals(protocolTrait)) {
                        results.add(result(suite, "response", c, () -> error(protocol, suite, error, c)));
                    }
                }
            });
        }
        return results;
    }

    private static Result result(Suite suite, String direction, HttpMessageTestCase c,
                                 java.util.function.Supplier<String> check) {
        String id = direction + " " + c.getId();
        String difference;
        try {
            difference = check.get();
        } catch (AwsError e) {
            difference = "answered " + e.status() + " " + e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            difference = e.toString();
        }
        String gap = KNOWN_GAPS.get(id);
        Outcome outcome = difference == null ? (gap == null ? Outcome.PASSED : Outcome.GAP_CLOSED)
                : gap == null ? Outcome.FAILED : Outcome.KNOWN_GAP;
        return new Result(suite.protocol(), id, outcome, difference == null ? gap : gap == null ? difference
                : gap + " [" + difference + "]");
    }

    /** Decodes the test's wire request as the simulator's server would and compares it with the test's params. */
    private static String request(Protocol protocol, SmithyPojos pojos, OperationShape operation, HttpRequestTestCase c) {
        URI uri = URI.create(c.getUri());
        String rawQuery = String.join("&", c.getQueryParams());
        if (uri.getRawQuery() != null) {
            rawQuery = rawQuery.isEmpty() ? uri.getRawQuery() : uri.getRawQuery() + "&" + rawQuery;
        }
        byte[] body = c.getBody().map(b -> "application/cbor".equals(c.getBodyMediaType().orElse(null))
                ? java.util.Base64.getDecoder().decode(b) : b.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        WireRequest request = WireRequest.received(c.getMethod(), uri.getPath(), rawQuery.isEmpty() ? null : rawQuery,
                c.getHeaders(), body);
        String name = protocol.operation(request);
        if (!operation.getId().getName().equals(name)) {
            return "operation read as " + name + ", expected " + operation.getId().getName();
        }
        SdkPojo decoded = protocol.readRequest(request, name, pojos.builder(operation.getInputShape()));
        Object expected = pojos.value(model.expectShape(operation.getInputShape()), c.getParams());
        return expected.equals(decoded) ? null : "decoded " + decoded + ", expected " + expected;
    }

    private static String response(Protocol protocol, SmithyPojos pojos, OperationShape operation, HttpResponseTestCase c) {
        SdkPojo output = (SdkPojo) pojos.value(model.expectShape(operation.getOutputShape()), c.getParams());
        return compare(protocol.writeResponse(operation.getId().getName(), output, REQUEST_ID), c);
    }

    /**
     * An error shape's test: the simulator's errors are an {@link AwsError} (code, status, message), the code being
     * the {@code awsQueryError} code where the shape has one, as the services' own errors are.
     */
    private static String error(Protocol protocol, Suite suite, StructureShape shape, HttpResponseTestCase c) {
        Set<String> carried = Set.of("message", "Message");
        for (String member : c.getParams().getStringMap().keySet()) {
            if (!carried.contains(member)) {
                return "error member " + member + " cannot be carried: the simulator's errors have a code and a message";
            }
        }
        Optional<AwsQueryErrorTrait> queryError = shape.getTrait(AwsQueryErrorTrait.class);
        boolean query = suite.binding() == SmithyPojos.Binding.QUERY || suite.binding() == SmithyPojos.Binding.EC2;
        int status = query && queryError.isPresent() ? queryError.get().getHttpResponseCode()
                : shape.getTrait(HttpErrorTrait.class).map(HttpErrorTrait::getCode)
                .orElse(shape.expectTrait(ErrorTrait.class).isClientError() ? 400 : 500);
        String code = queryError.map(AwsQueryErrorTrait::getCode).orElse(shape.getId().getName());
        String message = c.getParams().getStringMap().values().stream().findFirst()
                .map(n -> n.expectStringNode().getValue()).orElse(null);
        return compare(protocol.writeError(new AwsError(status, code, message), REQUEST_ID), c);
    }

    private static String compare(WireResponse response, HttpResponseTestCase c) {
        if (response.status() != c.getCode()) {
            return "status " + response.status() + ", expected " + c.getCode();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        for (Map.Entry<String, String> want : c.getHeaders().entrySet()) {
            String name = want.getKey().toLowerCase(Locale.ROOT);
            String got = headers.get(name);
            Function<String, String> norm = name.equals("content-type") ? SmithyProtocolTestsTest::mediaType
                    : Function.identity();
            if (got == null || !norm.apply(got).equals(norm.apply(want.getValue()))) {
                return "header " + want.getKey() + ": " + got + ", expected " + want.getValue();
            }
        }
        for (String forbidden : c.getForbidHeaders()) {
            if (headers.containsKey(forbidden.toLowerCase(Locale.ROOT))) {
                return "forbidden header " + forbidden + " sent";
            }
        }
        for (String required : c.getRequireHeaders()) {
            if (!headers.containsKey(required.toLowerCase(Locale.ROOT))) {
                return "required header " + required + " missing";
            }
        }
        return c.getBody().map(b -> WireBodies.difference(c.getBodyMediaType().orElse(null), b, response.body()))
                .orElse(null);
    }

    /**
     * A content type's media type without parameters; {@code text/xml} and {@code application/xml} are one (AWS's
     * query services and Route 53 answer {@code text/xml}, Smithy's tests say {@code application/xml}, and every
     * client reads both).
     */
    private static String mediaType(String contentType) {
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("text/xml") ? "application/xml" : type;
    }

    private static ShapeId protocolTrait(String protocol) {
        return switch (protocol) {
            case "rpcv2Cbor" -> ShapeId.from("smithy.protocols#rpcv2Cbor");
            default -> ShapeId.from("aws.protocols#" + protocol);
        };
    }

    /** The simulator's codec for a test service, configured as the simulator configures its own services. */
    private static Protocol protocol(Suite suite, ServiceShape service) {
        String namespace = service.getTrait(XmlNamespaceTrait.class).map(XmlNamespaceTrait::getUri).orElse(null);
        return switch (suite.protocol()) {
            case "awsQuery" -> QueryProtocol.query(namespace);
            case "ec2Query" -> QueryProtocol.ec2(namespace);
            case "restXml" -> new RestXmlProtocol(namespace, routes(service));
            case "awsJson1_0" -> new AwsJsonProtocol(service.getId().getName(), "1.0", queryCompatibleErrors(service));
            case "rpcv2Cbor" -> new RpcV2CborProtocol(queryCompatibleErrors(service));
            default -> throw new IllegalArgumentException(suite.protocol());
        };
    }

    private static List<RestXmlProtocol.Route> routes(ServiceShape service) {
        List<RestXmlProtocol.Route> routes = new ArrayList<>();
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(service)) {
            operation.getTrait(HttpTrait.class).ifPresent(http -> {
                String uri = http.getUri().toString();
                int query = uri.indexOf('?');
                routes.add(RestXmlProtocol.route(http.getMethod(), query < 0 ? uri : uri.substring(0, query),
                        operation.getId().getName(), http.getCode()));
            });
        }
        return routes;
    }

    /** The service's error shapes by their query code, as CloudWatch's are configured. */
    private static QueryCompatibleErrors queryCompatibleErrors(ServiceShape service) {
        Map<String, String> shapes = new LinkedHashMap<>();
        for (Shape shape : model.getShapesWithTrait(AwsQueryErrorTrait.class)) {
            if (shape.getId().getNamespace().equals(service.getId().getNamespace())) {
                shapes.put(shape.expectTrait(AwsQueryErrorTrait.class).getCode(), shape.getId().getName());
            }
        }
        return new QueryCompatibleErrors(service.getId().getNamespace(), shapes);
    }

    private static void print(List<Result> results) {
        StringBuilder out = new StringBuilder("\nSmithy AWS protocol tests, server side, against the simulator's codecs\n");
        out.append(String.format("%-12s %7s %7s %10s%n", "protocol", "passed", "failed", "known gap"));
        Map<String, int[]> table = new LinkedHashMap<>();
        for (Result r : results) {
            int[] row = table.computeIfAbsent(r.protocol(), k -> new int[3]);
            row[switch (r.outcome()) { case PASSED -> 0; case KNOWN_GAP -> 2; default -> 1; }]++;
        }
        table.forEach((p, row) -> out.append(String.format("%-12s %7d %7d %10d%n", p, row[0], row[1], row[2])));
        for (Result r : results) {
            if (r.outcome() != Outcome.PASSED) {
                out.append(r.outcome()).append(' ').append(r.protocol()).append(' ').append(r.id()).append(": ")
                        .append(r.detail()).append('\n');
            }
        }
        System.out.println(out);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
