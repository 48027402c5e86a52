package io.drc.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Compares an answer's body with a protocol test's as Smithy's protocol tests say to: XML, JSON and CBOR by their
 * structure (member order, whitespace and number widths do not matter; list order does), other media as bytes.
 * Returns null when they agree, else where they differ.
 */
final class WireBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    /**
     * The request id elements AWS adds to every query and EC2 answer, which Smithy's test bodies leave out (they
     * test the members); they are dropped from both sides.
     */
    private static final Set<String> REQUEST_ID_ELEMENTS = Set.of("ResponseMetadata", "requestId", "RequestId", "RequestID");

    private WireBodies() {
    }

    static String difference(String mediaType, String expected, byte[] actual) {
        try {
            if (mediaType == null || expected.isEmpty()) {
                String text = new String(actual, StandardCharsets.UTF_8);
                return expected.equals(text) ? null : "body " + show(text) + ", expected " + show(expected);
            }
            return switch (mediaType) {
                case "application/xml" -> xml(expected, actual);
                case "application/json" -> json(JSON.readTree(expected), JSON.readTree(actual), "$");
                case "application/cbor" -> json(CBOR.readTree(Base64.getDecoder().decode(expected)),
                        CBOR.readTree(actual), "$");
                default -> new String(actual, StandardCharsets.UTF_8).equals(expected) ? null
                        : "body " + show(new String(actual, StandardCharsets.UTF_8)) + ", expected " + show(expected);
            };
        } catch (Exception e) {
            return "cannot compare bodies (" + e + "): " + show(new String(actual, StandardCharsets.UTF_8));
        }
    }

    private static String show(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return "'" + (flat.length() > 300 ? flat.substring(0, 300) + "…" : flat) + "'";
    }

    private static String json(JsonNode expected, JsonNode actual, String at) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
                    : at + " is " + actual + ", expected " + expected;
        }
        if (expected.isObject() && actual.isObject()) {
            if (!fieldNames(expected).equals(fieldNames(actual))) {
                return at + " has members " + fieldNames(actual) + ", expected " + fieldNames(expected);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String d = json(e.getValue(), actual.get(e.getKey()), at + "." + e.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return at + " has " + actual.size() + " items, expected " + expected.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = json(expected.get(i), actual.get(i), at + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : at + " is " + actual + ", expected " + expected;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    private static String xml(String expected, byte[] actual) throws Exception {
        return xml(parse(expected.getBytes(StandardCharsets.UTF_8)), parse(actual), "/");
    }

    private static Element parse(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
    }

    /** Elements by namespace and local name, attributes (not namespace declarations), text; children by name in order. */
    private static String xml(Element expected, Element actual, String at) {
        String here = at + actual.getLocalName();
        if (!name(expected).equals(name(actual))) {
            return at + " has element " + name(actual) + ", expected " + name(expected);
        }
        if (!attributes(expected).equals(attributes(actual))) {
            return here + " has attributes " + attributes(actual) + ", expected " + attributes(expected);
        }
        Map<String, List<Element>> want = children(expected);
        Map<String, List<Element>> got = children(actual);
        if (want.isEmpty() && got.isEmpty()) {
            String a = text(actual);
            String e = text(expected);
            return a.equals(e) ? null : here + " is '" + a + "', expected '" + e + "'";
        }
        if (!want.keySet().equals(got.keySet())) {
            return here + " has children " + got.keySet() + ", expected " + want.keySet();
        }
        for (Map.Entry<String, List<Element>> e : want.entrySet()) {
            List<Element> mine = got.get(e.getKey());
            if (mine.size() != e.getValue().size()) {
                return here + " has " + mine.size() + " " + e.getKey() + ", expected " + e.getValue().size();
            }
            for (int i = 0; i < mine.size(); i++) {
                String d = xml(e.getValue().get(i), mine.get(i), here + "/");
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    /** The element's own text (not that of children dropped as request ids), spaces kept (XML strings keep
     * theirs) unless it is only the indentation around children. */
    private static String text(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return text.toString().isBlank() ? "" : text.toString();
    }

    private static String name(Element e) {
        return (e.getNamespaceURI() == null ? "" : "{" + e.getNamespaceURI() + "}") + e.getLocalName();
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> out = new TreeMap<>();
        NamedNodeMap all = e.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Node a = all.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                out.put((a.getNamespaceURI() == null ? "" : "{" + a.getNamespaceURI() + "}") + a.getLocalName(), a.getNodeValue());
            }
        }
        return out;
    }

    private static Map<String, List<Element>> children(Element parent) {
        Map<String, List<Element>> out = new TreeMap<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !REQUEST_ID_ELEMENTS.contains(e.getLocalName())) {
                out.computeIfAbsent(name(e), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }
}
