package io.drc.simulator.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;
import software.amazon.awssdk.utils.DateUtils;

/**
 * The query and ec2 protocols' flat parameter names ({@code Filter.1.Value.1}, {@code Tags.member.2.Key}),
 * read into SDK model objects and written from them. The naming rules mirror the SDK's own
 * {@code QueryProtocolMarshaller} and {@code ListQueryMarshaller}: EC2 always flattens lists.
 */
public final class QueryParams {
    private final boolean ec2;

    public QueryParams(boolean ec2) {
        this.ec2 = ec2;
    }

    public SdkPojo read(Map<String, String> params, SdkPojo builder) {
        readInto(builder, null, params);
        return (SdkPojo) ((Buildable) builder).build();
    }

    /** The request's fields as flat query parameters (used for the call journal of every protocol). */
    public Map<String, String> flatten(SdkPojo pojo) {
        Map<String, String> out = new LinkedHashMap<>();
        writePojo(pojo, null, out);
        return out;
    }

    private void readInto(SdkPojo pojo, String prefix, Map<String, String> params) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.locationName() == null) {
                continue;
            }
            Object value = readValue(field, path(prefix, field.locationName()), params);
            if (value != null) {
                field.set(pojo, value);
            }
        }
    }

    private Object readValue(SdkField<?> field, String path, Map<String, String> params) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            if (!hasPrefix(params, path + ".")) {
                return null;
            }
            SdkPojo builder = field.constructor().get();
            readInto(builder, path, params);
            return ((Buildable) builder).build();
        }
        if (type == MarshallingType.LIST) {
            return readList(field, path, params);
        }
        if (type == MarshallingType.MAP) {
            return readMap(field, path, params);
        }
        String raw = params.get(path);
        return raw == null ? null : convert(type, raw, path);
    }

    private List<Object> readList(SdkField<?> field, String path, Map<String, String> params) {
        ListTrait list = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT);
        List<Object> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            Object item = readValue(list.memberFieldInfo(), listItemPath(path, i, list), params);
            if (item == null) {
                break;
            }
            out.add(item);
        }
        if (out.isEmpty() && !params.containsKey(path)) {
            return null;
        }
        return out;
    }

    private Map<String, Object> readMap(SdkField<?> field, String path, Map<String, String> params) {
        MapTrait map = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 1; ; i++) {
            String entry = map.isFlattened() ? path + "." + i : path + ".entry." + i;
            String key = params.get(entry + "." + map.keyLocationName());
            if (key == null) {
                break;
            }
            out.put(key, readValue(map.valueFieldInfo(), entry + "." + map.valueLocationName(), params));
        }
        return out.isEmpty() && !params.containsKey(path) ? null : out;
    }

    private String listItemPath(String path, int i, ListTrait list) {
        if (ec2 || list.isFlattened()) {
            return path + "." + i;
        }
        return path + "." + list.memberFieldInfo().locationName() + "." + i;
    }

    private void writePojo(SdkPojo pojo, String prefix, Map<String, String> out) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null && field.locationName() != null) {
                writeValue(field, path(prefix, field.locationName()), value, out);
            }
        }
    }

    private void writeValue(SdkField<?> field, String path, Object value, Map<String, String> out) {
        MarshallingType<?> type = field.marshallingType();
        if (value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return;
        }
        if (type == MarshallingType.SDK_POJO) {
            writePojo((SdkPojo) value, path, out);
        } else if (type == MarshallingType.LIST) {
            ListTrait list = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT);
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                writeValue(list.memberFieldInfo(), listItemPath(path, i + 1, list), items.get(i), out);
            }
        } else if (type == MarshallingType.MAP) {
            MapTrait map = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT);
            int i = 1;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                String entry = path + ".entry." + i++;
                out.put(entry + "." + map.keyLocationName(), String.valueOf(e.getKey()));
                writeValue(map.valueFieldInfo(), entry + "." + map.valueLocationName(), e.getValue(), out);
            }
        } else {
            out.put(path, text(value));
        }
    }

    static String text(Object value) {
        if (value instanceof Instant instant) {
            return DateUtils.formatIso8601Date(instant);
        }
        if (value instanceof SdkBytes bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes.asByteArray());
        }
        return String.valueOf(value);
    }

    static Object convert(MarshallingType<?> type, String raw, String path) {
        try {
            if (type == MarshallingType.STRING) {
                return raw;
            } else if (type == MarshallingType.INTEGER) {
                return Integer.valueOf(raw);
            } else if (type == MarshallingType.LONG) {
                return Long.valueOf(raw);
            } else if (type == MarshallingType.SHORT) {
                return Short.valueOf(raw);
            } else if (type == MarshallingType.BYTE) {
                return Byte.valueOf(raw);
            } else if (type == MarshallingType.BIG_DECIMAL) {
                return new java.math.BigDecimal(raw);
            } else if (type == MarshallingType.DOUBLE) {
                return Double.valueOf(raw);
            } else if (type == MarshallingType.FLOAT) {
                return Float.valueOf(raw);
            } else if (type == MarshallingType.BOOLEAN) {
                return Boolean.valueOf(raw);
            } else if (type == MarshallingType.INSTANT) {
                return parseInstant(raw);
            } else if (type == MarshallingType.SDK_BYTES) {
                return SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(raw));
            }
        } catch (RuntimeException e) {
            throw io.drc.simulator.core.AwsError.badRequest("InvalidParameterValue",
                    "Value '" + raw + "' for parameter " + path + " is invalid: " + e.getMessage());
        }
        throw io.drc.simulator.core.AwsError.badRequest("InvalidParameterValue", "Unsupported parameter type at " + path);
    }

    /** Epoch seconds, an HTTP date ({@code Mon, 16 Dec 2019 23:48:18 GMT}: headers' default) or ISO 8601. */
    private static Instant parseInstant(String raw) {
        if (raw.matches("-?\\d+(\\.\\d+)?")) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(raw) * 1000));
        }
        if (raw.contains(",")) {
            return DateUtils.parseRfc822Date(raw);
        }
        return DateUtils.parseIso8601Date(raw);
    }

    private static boolean hasPrefix(Map<String, String> params, String prefix) {
        for (String key : params.keySet()) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String path(String prefix, String name) {
        return prefix == null ? name : prefix + "." + name;
    }
}
