package io.drc.simulator.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.drc.simulator.core.AwsError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.DateUtils;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * SDK model objects as documents keyed by member names, the shape shared by AWS JSON 1.0/1.1 and Smithy RPC v2
 * CBOR (the mirror of the SDK's {@code JsonProtocolMarshaller} and {@code SdkRpcV2CborGenerator}): structures and
 * maps are objects, lists arrays. The encodings differ only in scalars: CBOR writes blobs as byte strings and
 * timestamps as tag 1 around epoch seconds; JSON writes blobs as base64, timestamps as epoch seconds (unless the
 * field's {@code TimestampFormatTrait} says otherwise) and non-finite doubles as the strings AWS uses.
 */
final class DocumentPojos {
    /** How scalars that the two encodings write differently are written. */
    enum Encoding { JSON, CBOR }

    /** Writes a whole document. */
    interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private static final int EPOCH_SECONDS_TAG = 1;

    private DocumentPojos() {
    }

    static byte[] encode(JsonFactory factory, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = factory.createGenerator(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An error document of the JSON and CBOR protocols: {@code __type} and {@code message}. */
    static Body error(String type, String message) {
        return out -> {
            out.writeStartObject();
            out.writeStringField("__type", type);
            if (message != null) {
                out.writeStringField("message", message);
            }
            out.writeEndObject();
        };
    }

    static SdkPojo read(JsonNode object, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = field.location() == MarshallLocation.PAYLOAD ? object.get(field.locationName()) : null;
            if (value != null && !value.isNull()) {
                field.set(builder, readValue(field, value));
            }
        }
        return (SdkPojo) ((Buildable) builder).build();
    }

    private static Object readValue(SdkField<?> field, JsonNode node) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            requireKind(node.isObject(), field, "an object");
            return read(node, field.constructor().get());
        } else if (type == MarshallingType.LIST) {
            requireKind(node.isArray(), field, "a list");
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(item.isNull() ? null : readValue(member, item)));
            return out;
        } else if (type == MarshallingType.MAP) {
            requireKind(node.isObject(), field, "a map");
            SdkField<?> value = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : readValue(value, e.getValue())));
            return out;
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(binary(node, field));
        } else if (type == MarshallingType.INSTANT && node.isNumber()) {
            return Instant.ofEpochMilli(Math.round(node.doubleValue() * 1000));
        }
        requireKind(node.isValueNode(), field, "a scalar");
        return QueryParams.convert(type, node.asText(), field.locationName());
    }

    private static void requireKind(boolean ok, SdkField<?> field, String kind) {
        if (!ok) {
            throw AwsError.badRequest("SerializationException", "Member " + field.locationName() + " must be " + kind);
        }
    }

    /** A CBOR byte string, or the base64 text JSON carries (Jackson decodes either). */
    private static byte[] binary(JsonNode node, SdkField<?> field) {
        try {
            return node.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw AwsError.badRequest("SerializationException", "Member " + field.locationName() + " is not a blob");
        }
    }

    static void write(JsonGenerator out, SdkPojo pojo, Encoding encoding) throws IOException {
        out.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (field.location() == MarshallLocation.PAYLOAD && present(value)) {
                out.writeFieldName(field.unmarshallLocationName());
                writeValue(out, field, value, encoding);
            }
        }
        out.writeEndObject();
    }

    private static boolean present(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static void writeValue(JsonGenerator out, SdkField<?> field, Object value, Encoding encoding) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof SdkPojo pojo) {
            write(out, pojo, encoding);
        } else if (value instanceof List<?> list) {
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            out.writeStartArray();
            for (Object item : list) {
                writeValue(out, member, item, encoding);
            }
            out.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            SdkField<?> member = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                writeValue(out, member, e.getValue(), encoding);
            }
            out.writeEndObject();
        } else {
            writeScalar(out, field, value, encoding);
        }
    }

    private static void writeScalar(JsonGenerator out, SdkField<?> field, Object value, Encoding encoding) throws IOException {
        if (value instanceof Instant instant) {
            writeInstant(out, field, instant, encoding);
        } else if (value instanceof SdkBytes bytes) {
            out.writeBinary(bytes.asByteArray());
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double d) {
            writeFloating(out, d, encoding);
        } else if (value instanceof Float f && (encoding == Encoding.CBOR || Float.isFinite(f))) {
            out.writeNumber(f);
        } else if (value instanceof Float f) {
            writeFloating(out, f, encoding);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeString(String.valueOf(value));
        }
    }

    private static void writeInstant(JsonGenerator out, SdkField<?> field, Instant instant, Encoding encoding) throws IOException {
        if (encoding == Encoding.CBOR) {
            ((CBORGenerator) out).writeTag(EPOCH_SECONDS_TAG);
            out.writeNumber(instant.toEpochMilli() / 1000d);
            return;
        }
        TimestampFormatTrait.Format format = field
                .getOptionalTrait(TimestampFormatTrait.class, TraitType.TIMESTAMP_FORMAT_TRAIT)
                .map(TimestampFormatTrait::format).orElse(TimestampFormatTrait.Format.UNIX_TIMESTAMP);
        switch (format) {
            case ISO_8601 -> out.writeString(DateUtils.formatIso8601Date(instant));
            case RFC_822 -> out.writeString(DateUtils.formatRfc822Date(instant));
            default -> out.writeNumber(BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros().toPlainString());
        }
    }

    /** JSON has no NaN or infinities: AWS JSON protocols send them as strings. CBOR has them natively. */
    private static void writeFloating(JsonGenerator out, double d, Encoding encoding) throws IOException {
        if (encoding == Encoding.JSON && !Double.isFinite(d)) {
            out.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        } else {
            out.writeNumber(d);
        }
    }
}
