package dev.lakeport.emulator.maxcompute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Writing MaxCompute's XML replies and reading the SQL task out of an instance request. */
final class Xml {
    /**
     * The SQL task of an instance request: its name (echoed in the task status), its query text, and its settings
     * (the SDK's hints, such as {@code odps.namespace.schema} and {@code odps.default.schema}).
     */
    record SqlTask(String name, String query, Map<String, String> settings) {}

    private Xml() {}

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A CDATA section holding {@code s}, split where {@code s} itself contains the section's end. */
    static String cdata(String s) {
        return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    /** Parses {@code <Instance><Job><Tasks><SQL><Name/>..<Query/>}; the query is XML-escaped text, not CDATA. */
    static SqlTask sqlTask(byte[] body) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new MaxComputeException(
                    400, "InvalidXmlRequest", "The instance request is not valid XML: " + e.getMessage());
        }
        NodeList sql = doc.getElementsByTagName("SQL");
        if (sql.getLength() != 1) {
            throw new MaxComputeException(
                    400, "InvalidParameter", "The instance must hold exactly one SQL task, found " + sql.getLength());
        }
        Element task = (Element) sql.item(0);
        String name = child(task, "Name");
        String query = child(task, "Query");
        if (query == null || query.isBlank()) {
            throw new MaxComputeException(400, "InvalidParameter", "The SQL task " + name + " has no Query");
        }
        return new SqlTask(name == null ? "AnonymousSQLTask" : name, query, settings(task));
    }

    /** The {@code settings} property of the task's {@code <Config>}: a JSON object of strings. */
    private static Map<String, String> settings(Element task) {
        NodeList properties = task.getElementsByTagName("Property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (!"settings".equals(child(property, "Name"))) {
                continue;
            }
            String value = child(property, "Value");
            Map<String, String> settings = new LinkedHashMap<>();
            try {
                JsonNode json = new ObjectMapper().readTree(value == null ? "{}" : value);
                json.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        settings.put(e.getKey(), e.getValue().asText());
                    }
                });
            } catch (Exception e) {
                throw new MaxComputeException(
                        400, "InvalidParameter", "The settings of the SQL task are not a JSON object: " + value);
            }
            return settings;
        }
        return Map.of();
    }

    private static String child(Element parent, String tag) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
