package org.detectionatlas.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One event to evaluate rules against: a JSON object whose keys are the rule's own field names.
 *
 * <p>A field is looked up first as a literal key (so {@code "process.name"} may be a dotted key),
 * then as a path through nested objects ({@code {"process": {"name": ...}}}). An event dumped from
 * EVTX, as in Sigma's regression data ({@code {"Event": {"System": ..., "EventData": ...}}}), is
 * flattened on creation: see {@link #of(JsonNode)}.
 */
public final class Event {

    /** Nested objects deeper than this are not searched by keyword matches. */
    static final int MAX_DEPTH = 64;

    private final ObjectNode fields;

    private Event(ObjectNode fields) {
        this.fields = fields;
    }

    /** Returns the event's fields after EVTX flattening. */
    public ObjectNode fields() {
        return fields;
    }

    /**
     * Builds an event from a JSON object. An EVTX dump becomes a flat object holding the
     * {@code EventData} (or the single element of {@code UserData}) entries and the {@code System}
     * values that Sigma rules name: EventID, Channel, Computer, Provider_Name, Provider_Guid,
     * Level, Task, Opcode, Keywords, EventRecordID, Version, TimeCreated_SystemTime,
     * Execution_ProcessID, Execution_ThreadID and Security_UserID.
     *
     * @throws IllegalArgumentException when the JSON value is not an object
     */
    public static Event of(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Event is " + (json == null ? "missing" : "a JSON "
                    + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + "; expected a JSON object.");
        }
        JsonNode evtx = json.get("Event");
        if (json.size() == 1 && evtx != null && evtx.isObject() && evtx.get("System") != null) {
            return new Event(flattenEvtx(evtx));
        }
        return new Event((ObjectNode) json);
    }

    private static ObjectNode flattenEvtx(JsonNode evtx) {
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        JsonNode system = evtx.get("System");
        for (String name : List.of("EventID", "Channel", "Computer", "Level", "Task", "Opcode", "Keywords",
                "EventRecordID", "Version")) {
            copyValue(system.get(name), name, flat);
        }
        copyAttributes(system.get("Provider"), "Provider_", flat);
        copyAttributes(system.get("TimeCreated"), "TimeCreated_", flat);
        copyAttributes(system.get("Execution"), "Execution_", flat);
        copyAttributes(system.get("Security"), "Security_", flat);

        JsonNode data = evtx.get("EventData");
        if (data == null || !data.isObject()) {
            // UserData wraps its fields in one element named after the event, such as Operation_ClientFailure.
            JsonNode userData = evtx.get("UserData");
            data = userData != null && userData.isObject() && userData.size() == 1 ? userData.elements().next() : null;
        }
        if (data != null && data.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> entries = data.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String name = entry.getKey();
                if (!name.equals("#attributes")) {
                    flat.set(name, entry.getValue());
                }
                // Some providers, such as Windows Defender, name data with spaces ("Source Name"),
                // while Sigma rules and their field mappings spell them without (SourceName).
                if (name.indexOf(' ') >= 0 && !data.has(name.replace(" ", ""))) {
                    flat.set(name.replace(" ", ""), entry.getValue());
                }
            }
        }
        return flat;
    }

    /** Copies a System value, unwrapping {@code {"#text": v}} elements that carry attributes. */
    private static void copyValue(JsonNode value, String name, ObjectNode flat) {
        if (value == null) {
            return;
        }
        if (value.isObject() && value.has("#text")) {
            value = value.get("#text");
        }
        flat.set(name, value);
    }

    private static void copyAttributes(JsonNode element, String prefix, ObjectNode flat) {
        JsonNode attributes = element == null ? null : element.get("#attributes");
        if (attributes == null || !attributes.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = attributes.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            flat.set(prefix + entry.getKey(), entry.getValue());
        }
    }

    /**
     * Returns the field's value: the literal key first, then any split of the dotted name into
     * keys of nested objects, so {@code host.os.type} is found in {@code {"host": {"os.type": ..}}}
     * and in {@code {"host.os": {"type": ..}}} alike. Returns null when the event has no such field
     * (a JSON null is returned as a NullNode).
     */
    public JsonNode get(String field) {
        return find(fields, field, 0);
    }

    private static JsonNode find(JsonNode node, String field, int depth) {
        if (node == null || !node.isObject() || depth > MAX_DEPTH) {
            return null;
        }
        JsonNode direct = node.get(field);
        if (direct != null) {
            return direct;
        }
        for (int dot = field.indexOf('.'); dot > 0; dot = field.indexOf('.', dot + 1)) {
            JsonNode found = find(node.get(field.substring(0, dot)), field.substring(dot + 1), depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Returns every scalar value of the event, nested ones included, as text. */
    List<String> allValues() {
        List<String> values = new ArrayList<>();
        collect(fields, values, 0);
        return values;
    }

    private static void collect(JsonNode node, List<String> values, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collect(child, values, depth + 1);
            }
        } else if (!node.isNull()) {
            values.add(node.asText());
        }
    }
}
