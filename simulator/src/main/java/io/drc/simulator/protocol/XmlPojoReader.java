package io.drc.simulator.protocol;

import io.drc.simulator.core.AwsError;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * Reads an AWS XML request body into an SDK model builder, the mirror of the SDK's {@code XmlPayloadMarshaller}:
 * elements named by the fields' location names, list items by the list's member name ({@code member} when
 * the model names none), maps as {@code entry/key/value}.
 */
public final class XmlPojoReader {
    private XmlPojoReader() {
    }

    /** Parses {@code body} and fills {@code builder}'s payload fields from the children of its root element. */
    public static void read(byte[] body, SdkPojo builder) {
        if (body.length == 0) {
            return;
        }
        readFields(parse(body), builder);
    }

    private static Element parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder parser = factory.newDocumentBuilder();
            return parser.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (Exception e) {
            throw AwsError.badRequest("MalformedXML", "The XML you provided was not well-formed: " + e.getMessage());
        }
    }

    private static void readFields(Element parent, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD || field.locationName() == null) {
                continue;
            }
            Element child = first(parent, field.locationName());
            List<Element> flattened = children(parent, field.locationName());
            Object value = isFlattenedList(field) ? flattened.isEmpty() ? null : readList(field, flattened)
                    : isFlattenedMap(field) ? flattened.isEmpty() ? null : readMap(field, flattened)
                    : child == null ? null : readValue(field, child);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    private static Object readValue(SdkField<?> field, Element element) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            readFields(element, builder);
            return ((Buildable) builder).build();
        }
        if (type == MarshallingType.LIST) {
            ListTrait list = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT);
            String member = list.memberLocationName() != null ? list.memberLocationName() : "member";
            return readList(field, children(element, member));
        }
        if (type == MarshallingType.MAP) {
            return readMap(field, children(element, "entry"));
        }
        // strings keep their spaces, as AWS's XML services do; other scalars may be padded
        String text = type == MarshallingType.STRING ? element.getTextContent() : element.getTextContent().trim();
        return QueryParams.convert(type, text, field.locationName());
    }

    private static List<Object> readList(SdkField<?> field, List<Element> items) {
        SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
        List<Object> out = new ArrayList<>();
        for (Element item : items) {
            out.add(readValue(member, item));
        }
        return out;
    }

    /** A map's entries: the {@code entry} children of its element, or the map's own elements when flattened. */
    private static Map<String, Object> readMap(SdkField<?> field, List<Element> entries) {
        MapTrait map = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Element entry : entries) {
            Element key = first(entry, map.keyLocationName());
            Element value = first(entry, map.valueLocationName());
            if (key != null) {
                out.put(key.getTextContent().trim(), value == null ? null : readValue(map.valueFieldInfo(), value));
            }
        }
        return out;
    }

    private static boolean isFlattenedList(SdkField<?> field) {
        return field.marshallingType() == MarshallingType.LIST
                && field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).isFlattened();
    }

    private static boolean isFlattenedMap(SdkField<?> field) {
        return field.marshallingType() == MarshallingType.MAP
                && field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).isFlattened();
    }

    private static Element first(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                out.add(e);
            }
        }
        return out;
    }
}
