package io.drc.simulator.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.Trait;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;
import software.amazon.awssdk.utils.builder.Buildable;
import software.amazon.smithy.aws.traits.protocols.Ec2QueryNameTrait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.HttpHeaderTrait;
import software.amazon.smithy.model.traits.HttpLabelTrait;
import software.amazon.smithy.model.traits.HttpPayloadTrait;
import software.amazon.smithy.model.traits.HttpQueryTrait;
import software.amazon.smithy.model.traits.HttpResponseCodeTrait;
import software.amazon.smithy.model.traits.HttpTrait;
import software.amazon.smithy.model.traits.XmlFlattenedTrait;
import software.amazon.smithy.model.traits.XmlNameTrait;

/**
 * SDK v2 model objects for the shapes of a Smithy model: for each structure the {@link SdkField}s the SDK's code
 * generator would give its class (marshalling type, {@link LocationTrait} with the wire name the protocol binds,
 * {@link ListTrait} / {@link MapTrait} with member names and flattening, timestamp formats, payload and XML
 * attribute traits), held by one generic class instead of generated ones. The simulator's codecs read and write
 * only through those fields, so they run on Smithy's protocol test services exactly as on the SDK classes of the
 * services they serve. Test-only: the simulator itself uses the SDK's generated classes.
 */
final class SmithyPojos {
    /** How a protocol names members on the wire. */
    enum Binding {
        /** awsQuery: {@code @xmlName} or the member name, in the form and in the XML. */
        QUERY,
        /** ec2Query: {@code @ec2QueryName}, else the capitalized {@code @xmlName} or member name, in the form. */
        EC2,
        /** restXml: HTTP bindings on top-level members, {@code @xmlName} or the member name in the body. */
        REST_XML,
        /** awsJson and rpcv2Cbor: the member name. */
        DOCUMENT
    }

    /** A shape the codecs cannot carry, with the reason. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    private final Model model;
    private final Binding binding;
    private final Map<ShapeId, List<SdkField<?>>> fields = new HashMap<>();
    private final java.util.Set<ShapeId> inputs = new java.util.HashSet<>();
    private final java.util.Set<ShapeId> outputs = new java.util.HashSet<>();

    SmithyPojos(Model model, Binding binding) {
        this.model = model;
        this.binding = binding;
        model.getOperationShapes().forEach(op -> {
            inputs.add(op.getInputShape());
            outputs.add(op.getOutputShape());
        });
    }

    /** An empty builder for a structure (or union) shape. */
    Pojo builder(ShapeId structure) {
        return new Pojo(structure, fieldsOf(structure));
    }

    /** The value of {@code node} (a protocol test's {@code params}) as the SDK's classes hold it. */
    Object value(Shape shape, Node node) {
        if (node.isNullNode()) {
            return null;
        }
        switch (shape.getType()) {
            case STRUCTURE, UNION -> {
                Pojo pojo = builder(shape.getId());
                node.expectObjectNode().getStringMap().forEach((name, v) -> {
                    MemberShape member = shape.getMember(name)
                            .orElseThrow(() -> new IllegalArgumentException(shape.getId() + " has no member " + name));
                    Object value = value(model.expectShape(member.getTarget()), v);
                    if (value != null) {
                        pojo.values.put(name, value);
                    }
                });
                return pojo;
            }
            case LIST, SET -> {
                Shape member = model.expectShape(((CollectionShape) shape).getMember().getTarget());
                List<Object> out = new ArrayList<>();
                node.expectArrayNode().forEach(item -> out.add(value(member, item)));
                return out;
            }
            case MAP -> {
                Shape member = model.expectShape(((MapShape) shape).getValue().getTarget());
                Map<String, Object> out = new LinkedHashMap<>();
                node.expectObjectNode().getStringMap().forEach((k, v) -> out.put(k, value(member, v)));
                return out;
            }
            case STRING, ENUM -> {
                return node.expectStringNode().getValue();
            }
            case INTEGER, INT_ENUM -> {
                return node.expectNumberNode().getValue().intValue();
            }
            case SHORT -> {
                return node.expectNumberNode().getValue().shortValue();
            }
            case BYTE -> {
                return node.expectNumberNode().getValue().byteValue();
            }
            case LONG -> {
                return node.expectNumberNode().getValue().longValue();
            }
            case FLOAT -> {
                return node.isStringNode() ? Float.valueOf(node.expectStringNode().getValue())
                        : node.expectNumberNode().getValue().floatValue();
            }
            case DOUBLE -> {
                return node.isStringNode() ? Double.valueOf(node.expectStringNode().getValue())
                        : node.expectNumberNode().getValue().doubleValue();
            }
            case BIG_DECIMAL -> {
                return new BigDecimal(node.expectNumberNode().getValue().toString());
            }
            case BOOLEAN -> {
                return node.expectBooleanNode().getValue();
            }
            case TIMESTAMP -> {
                BigDecimal seconds = new BigDecimal(node.expectNumberNode().getValue().toString());
                return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
            case BLOB -> {
                return SdkBytes.fromUtf8String(node.expectStringNode().getValue());
            }
            default -> throw new Unsupported(shape.getType() + " shapes (" + shape.getId() + ")");
        }
    }

    private List<SdkField<?>> fieldsOf(ShapeId id) {
        List<SdkField<?>> known = fields.get(id);
        if (known != null) {
            return known;
        }
        List<SdkField<?>> out = new ArrayList<>();
        for (MemberShape member : model.expectShape(id).members()) {
            SdkField<?> field = field(member, isInput(id), isInput(id) || isOutput(id));
            if (field != null) {
                out.add(field);
            }
        }
        fields.put(id, out);
        return out;
    }

    /** Whether a structure is an operation's input, where labels and query parameters bind members. */
    private boolean isInput(ShapeId id) {
        return inputs.contains(id);
    }

    /** Whether a structure is an operation's output, where headers and the status code bind members. */
    private boolean isOutput(ShapeId id) {
        return outputs.contains(id);
    }

    /** The field of a structure member; null for bindings the SDK carries elsewhere (prefix headers, query maps). */
    private SdkField<?> field(MemberShape member, boolean input, boolean topLevel) {
        Shape target = model.expectShape(member.getTarget());
        List<Trait> traits = new ArrayList<>();
        String name = member.getMemberName();
        String xmlName = member.getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse(name);
        MarshallLocation location = MarshallLocation.PAYLOAD;
        String wireName = xmlName;
        String readName = xmlName;
        if (binding == Binding.DOCUMENT) {
            wireName = name;
            readName = name;
        } else if (binding == Binding.EC2) {
            wireName = member.getTrait(Ec2QueryNameTrait.class).map(Ec2QueryNameTrait::getValue)
                    .orElse(Character.toUpperCase(xmlName.charAt(0)) + xmlName.substring(1));
        } else if (binding == Binding.REST_XML && topLevel) {
            if (input && member.hasTrait(HttpLabelTrait.class)) {
                location = isGreedy(member) ? MarshallLocation.GREEDY_PATH : MarshallLocation.PATH;
                wireName = name;
            } else if (input && member.hasTrait(HttpQueryTrait.class)) {
                location = MarshallLocation.QUERY_PARAM;
                wireName = member.expectTrait(HttpQueryTrait.class).getValue();
            } else if (member.hasTrait(HttpHeaderTrait.class)) {
                location = MarshallLocation.HEADER;
                wireName = member.expectTrait(HttpHeaderTrait.class).getValue();
            } else if (member.hasTrait(HttpResponseCodeTrait.class)) {
                location = MarshallLocation.STATUS_CODE;
            } else if (member.hasTrait("smithy.api#httpPrefixHeaders") || member.hasTrait("smithy.api#httpQueryParams")) {
                return null;
            }
            if (member.hasTrait(HttpPayloadTrait.class)) {
                traits.add(PayloadTrait.create());
            }
            readName = location == MarshallLocation.PAYLOAD ? readName : wireName;
        }
        traits.add(LocationTrait.builder().location(location).locationName(wireName).unmarshallLocationName(readName).build());
        member.getMemberTrait(model, software.amazon.smithy.model.traits.TimestampFormatTrait.class)
                .ifPresent(format -> traits.add(TimestampFormatTrait.create(format(format.getValue()))));
        if (member.hasTrait(software.amazon.smithy.model.traits.XmlAttributeTrait.class)) {
            traits.add(XmlAttributeTrait.create());
        }
        collectionTraits(target, member.hasTrait(XmlFlattenedTrait.class), traits);
        return sdkField(target, name, traits);
    }

    /** The field describing a list's items or a map's values. */
    private SdkField<?> memberField(MemberShape member, String locationName) {
        Shape target = model.expectShape(member.getTarget());
        List<Trait> traits = new ArrayList<>();
        traits.add(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName(locationName)
                .unmarshallLocationName(locationName).build());
        member.getMemberTrait(model, software.amazon.smithy.model.traits.TimestampFormatTrait.class)
                .ifPresent(format -> traits.add(TimestampFormatTrait.create(format(format.getValue()))));
        collectionTraits(target, member.hasTrait(XmlFlattenedTrait.class), traits);
        return sdkField(target, null, traits);
    }

    /** A list's or map's trait: item and entry names ({@code member}, {@code key}, {@code value} by default). */
    private void collectionTraits(Shape target, boolean flattened, List<Trait> traits) {
        if (target instanceof CollectionShape list) {
            MemberShape item = list.getMember();
            String itemName = item.getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse(null);
            traits.add(ListTrait.builder().memberLocationName(itemName)
                    .memberFieldInfo(memberField(item, itemName == null ? "member" : itemName))
                    .isFlattened(flattened).build());
        } else if (target instanceof MapShape map) {
            String key = map.getKey().getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse("key");
            String value = map.getValue().getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse("value");
            traits.add(MapTrait.builder().keyLocationName(key).valueLocationName(value)
                    .valueFieldInfo(memberField(map.getValue(), value)).isFlattened(flattened).build());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SdkField<?> sdkField(Shape target, String name, List<Trait> traits) {
        MarshallingType<?> type = type(target);
        SdkField.Builder builder = SdkField.builder(type).traits(traits.toArray(Trait[]::new));
        if (name != null) {
            builder.memberName(name)
                    .getter(pojo -> ((Pojo) pojo).values.get(name))
                    .setter((pojo, value) -> ((Pojo) pojo).put(name, value));
        }
        if (type == MarshallingType.SDK_POJO) {
            ShapeId id = target.getId();
            builder.constructor(() -> builder(id));
        }
        return builder.build();
    }

    private static MarshallingType<?> type(Shape target) {
        return switch (target.getType()) {
            case STRUCTURE, UNION -> MarshallingType.SDK_POJO;
            case LIST, SET -> MarshallingType.LIST;
            case MAP -> MarshallingType.MAP;
            case STRING, ENUM -> MarshallingType.STRING;
            case INTEGER, INT_ENUM -> MarshallingType.INTEGER;
            case SHORT -> MarshallingType.SHORT;
            case BYTE -> MarshallingType.BYTE;
            case LONG -> MarshallingType.LONG;
            case FLOAT -> MarshallingType.FLOAT;
            case DOUBLE -> MarshallingType.DOUBLE;
            case BIG_DECIMAL -> MarshallingType.BIG_DECIMAL;
            case BOOLEAN -> MarshallingType.BOOLEAN;
            case TIMESTAMP -> MarshallingType.INSTANT;
            case BLOB -> MarshallingType.SDK_BYTES;
            case DOCUMENT -> MarshallingType.DOCUMENT;
            default -> MarshallingType.NULL;
        };
    }

    private boolean isGreedy(MemberShape member) {
        return model.getOperationShapes().stream()
                .filter(op -> op.getInputShape().equals(member.getContainer()))
                .flatMap(op -> op.getTrait(HttpTrait.class).stream())
                .anyMatch(http -> http.getUri().getGreedyLabel()
                        .map(label -> label.getContent().equals(member.getMemberName())).orElse(false));
    }

    private static TimestampFormatTrait.Format format(String smithy) {
        return switch (smithy) {
            case "http-date" -> TimestampFormatTrait.Format.RFC_822;
            case "epoch-seconds" -> TimestampFormatTrait.Format.UNIX_TIMESTAMP;
            default -> TimestampFormatTrait.Format.ISO_8601;
        };
    }

    /** One structure's values, keyed by member name; its own builder, as the codecs only build what they fill. */
    static final class Pojo implements SdkPojo, Buildable {
        private final ShapeId shape;
        private final List<SdkField<?>> fields;
        private final Map<String, Object> values = new LinkedHashMap<>();

        Pojo(ShapeId shape, List<SdkField<?>> fields) {
            this.shape = shape;
            this.fields = fields;
        }

        void put(String name, Object value) {
            if (value == null) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return fields;
        }

        @Override
        public Object build() {
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pojo other && shape.equals(other.shape) && values.equals(other.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(shape, values);
        }

        @Override
        public String toString() {
            return shape.getName() + values;
        }
    }
}
