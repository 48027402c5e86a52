package io.drc.strategies.handlers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A launch template version's data as EC2 describes it ({@link ResponseLaunchTemplateData}) turned into what
 * CreateLaunchTemplate takes ({@link RequestLaunchTemplateData}): the two model types mirror each other member by
 * member (nested types differ in name only, e.g. {@code LaunchTemplateEbsBlockDevice} and
 * {@code LaunchTemplateEbsBlockDeviceRequest}), so members are copied by name through the SDK's own field
 * metadata, recursively; a member only one side has, or of another wire type, is left out. Pure.
 */
final class LaunchTemplateCopies {
    private LaunchTemplateCopies() {
    }

    /** {@code data} as a request, with nothing changed. */
    static RequestLaunchTemplateData request(ResponseLaunchTemplateData data) {
        return (RequestLaunchTemplateData) copy(data, (SdkPojo) RequestLaunchTemplateData.builder());
    }

    private static Object copy(SdkPojo from, SdkPojo builder) {
        Map<String, SdkField<?>> source = new LinkedHashMap<>();
        from.sdkFields().forEach(f -> source.put(f.memberName(), f));
        for (SdkField<?> target : builder.sdkFields()) {
            SdkField<?> field = source.get(target.memberName());
            if (field == null || field.marshallingType() != target.marshallingType()) {
                continue;
            }
            Object value = field.getValueOrDefault(from);
            if (value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m
                    && m.isEmpty()) {
                continue;
            }
            target.set(builder, convert(value, field, target));
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object convert(Object value, SdkField<?> from, SdkField<?> to) {
        MarshallingType<?> type = to.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return copy((SdkPojo) value, to.constructor().get());
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> fromMember = from.getTrait(ListTrait.class).memberFieldInfo();
            SdkField<?> toMember = to.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(v == null ? null : convert(v, fromMember, toMember)));
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> fromValue = from.getTrait(MapTrait.class).valueFieldInfo();
            SdkField<?> toValue = to.getTrait(MapTrait.class).valueFieldInfo();
            Map<Object, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(k, v == null ? null : convert(v, fromValue, toValue)));
            return out;
        }
        return value;
    }
}
