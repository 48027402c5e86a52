package io.drc.simulator.protocol;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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

/**
 * Writes an SDK model object as AWS XML, element names taken from the model's unmarshall location names and
 * list member names, which is what the SDK's XML unmarshallers and botocore read back.
 */
public final class XmlPojoWriter {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();

    /** A document {@code <root xmlns=namespace>…</root>} whose body is written by {@code body}. */
    public static String document(String root, String namespace, XmlBody body) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            if (namespace != null) {
                xml.writeDefaultNamespace(namespace);
            }
            body.write(new XmlPojoWriter(xml));
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML response: " + e.getMessage(), e);
        }
    }

    /** Writes part of a document. */
    @FunctionalInterface
    public interface XmlBody {
        void write(XmlPojoWriter writer) throws XMLStreamException;
    }

    private final XMLStreamWriter xml;
    private final String listMemberDefault;

    private XmlPojoWriter(XMLStreamWriter xml) {
        this.xml = xml;
        this.listMemberDefault = "member";
    }

    public void element(String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        if (text != null) {
            xml.writeCharacters(text);
        }
        xml.writeEndElement();
    }

    public void start(String name) throws XMLStreamException {
        xml.writeStartElement(name);
    }

    public void end() throws XMLStreamException {
        xml.writeEndElement();
    }

    /** The fields of {@code pojo} as child elements of the current element. */
    public void fields(SdkPojo pojo) throws XMLStreamException {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (value != null) {
                value(field, field.unmarshallLocationName(), value);
            }
        }
    }

    private void value(SdkField<?> field, String name, Object value) throws XMLStreamException {
        if (value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            start(name);
            fields((SdkPojo) value);
            end();
        } else if (type == MarshallingType.LIST) {
            list(field, name, (List<?>) value);
        } else if (type == MarshallingType.MAP) {
            map(field, name, (Map<?, ?>) value);
        } else {
            element(name, scalar(field, value));
        }
    }

    private void list(SdkField<?> field, String name, List<?> items) throws XMLStreamException {
        ListTrait list = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT);
        SdkField<?> member = list.memberFieldInfo();
        if (list.isFlattened()) {
            for (Object item : items) {
                value(member, name, item);
            }
            return;
        }
        String memberName = list.memberLocationName() != null ? list.memberLocationName()
                : member.unmarshallLocationName() != null ? member.unmarshallLocationName() : listMemberDefault;
        start(name);
        for (Object item : items) {
            value(member, memberName, item);
        }
        end();
    }

    private void map(SdkField<?> field, String name, Map<?, ?> entries) throws XMLStreamException {
        MapTrait map = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT);
        if (!map.isFlattened()) {
            start(name);
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            start(map.isFlattened() ? name : "entry");
            element(map.keyLocationName(), String.valueOf(e.getKey()));
            value(map.valueFieldInfo(), map.valueLocationName(), e.getValue());
            end();
        }
        if (!map.isFlattened()) {
            end();
        }
    }

    private static String scalar(SdkField<?> field, Object value) {
        if (value instanceof Instant instant) {
            TimestampFormatTrait.Format format = field
                    .getOptionalTrait(TimestampFormatTrait.class, TraitType.TIMESTAMP_FORMAT_TRAIT)
                    .map(TimestampFormatTrait::format).orElse(TimestampFormatTrait.Format.ISO_8601);
            return switch (format) {
                case RFC_822 -> DateUtils.formatRfc822Date(instant);
                case UNIX_TIMESTAMP -> epochSeconds(instant);
                default -> DateUtils.formatIso8601Date(instant);
            };
        }
        return QueryParams.text(value);
    }

    /** Epoch seconds with the fraction only when there is one ({@code 1398796238}, {@code 1398796238.5}). */
    static String epochSeconds(Instant instant) {
        return java.math.BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }
}
