package io.drc.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.drc.simulator.core.AwsError;
import java.io.IOException;
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
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * SDK model objects as Smithy RPC v2 CBOR maps keyed by member names, the mirror of the SDK's
 * {@code SdkRpcV2CborGenerator}: structures and maps are CBOR maps, lists arrays, blobs byte strings and
 * timestamps tag 1 around epoch seconds as a double.
 */
final class CborPojos {
    private static final int EPOCH_SECONDS_TAG = 1;

    private CborPojos() {
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
            return read(node, field.constructor().get());
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(item.isNull() ? null : readValue(member, item)));
            return out;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> value = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : readValue(value, e.getValue())));
            return out;
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(binary(node, field));
        } else if (type == MarshallingType.INSTANT && node.isNumber()) {
            return Instant.ofEpochMilli(Math.round(node.doubleValue() * 1000));
        }
        return QueryParams.convert(type, node.asText(), field.locationName());
    }

    private static byte[] binary(JsonNode node, SdkField<?> field) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw AwsError.badRequest("SerializationException", "Member " + field.locationName() + " is not a blob");
        }
    }

    static void write(CBORGenerator out, SdkPojo pojo) throws IOException {
        out.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (field.location() == MarshallLocation.PAYLOAD && present(value)) {
                out.writeFieldName(field.unmarshallLocationName());
                writeValue(out, field, value);
            }
        }
        out.writeEndObject();
    }

    private static boolean present(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static void writeValue(CBORGenerator out, SdkField<?> field, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof SdkPojo pojo) {
            write(out, pojo);
        } else if (value instanceof List<?> list) {
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            out.writeStartArray();
            for (Object item : list) {
                writeValue(out, member, item);
            }
            out.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            SdkField<?> member = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                writeValue(out, member, e.getValue());
            }
            out.writeEndObject();
        } else {
            writeScalar(out, value);
        }
    }

    private static void writeScalar(CBORGenerator out, Object value) throws IOException {
        if (value instanceof Instant instant) {
            out.writeTag(EPOCH_SECONDS_TAG);
            out.writeNumber(instant.toEpochMilli() / 1000d);
        } else if (value instanceof SdkBytes bytes) {
            out.writeBinary(bytes.asByteArray());
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Float f) {
            out.writeNumber(f);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeString(String.valueOf(value));
        }
    }
}
