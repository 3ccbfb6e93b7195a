package org.detectionatlas.sources.sigma;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A small YAML tree that keeps the 1-based line and column of every node, built from
 * snakeyaml-engine's composed nodes so that Sigma documents can be merged and walked simply.
 */
final class YamlTree {

    /** Deeper YAML is rejected, which bounds the recursion of the conversion. Sigma rules nest a few levels. */
    static final int MAX_DEPTH = 64;

    private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    /**
     * Larger documents are rejected. Aliases make a composed node appear many times, so a small
     * file of nested aliases could otherwise expand exponentially here.
     */
    static final int MAX_NODES = 200_000;

    private YamlTree() {}

    /** A YAML node with the 1-based position where it starts and the line where it ends. */
    sealed interface YNode permits YMap, YList, YScalar {
        int line();

        int column();

        int endLine();
    }

    /** A mapping whose keys are the scalar texts, in file order, with each key's own position. */
    record YMap(Map<String, YNode> entries, Map<String, Integer> keyLines, int line, int column, int endLine)
            implements YNode {

        YNode get(String key) {
            return entries.get(key);
        }
    }

    record YList(List<YNode> items, int line, int column, int endLine) implements YNode {}

    /**
     * A scalar as written, with its resolved kind.
     *
     * @param kind str, int, float, bool or null, as the YAML core schema resolves the plain text
     * @param quoted whether the text was written in single or double quotes
     */
    record YScalar(String text, String kind, boolean quoted, char quote, int line, int column, int endLine)
            implements YNode {

        boolean isNull() {
            return kind.equals("null");
        }
    }

    /** Settings shared by every load; they are immutable, so one instance serves all threads. */
    private static final LoadSettings SETTINGS = settings();

    /** YAML 1.2 core schema, so that {@code ~}, {@code Null} and {@code True} resolve as in YAML. */
    static LoadSettings settings() {
        return LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setAllowDuplicateKeys(true)
                .build();
    }

    /**
     * Composes every document of a YAML stream. It reads bytes because snakeyaml-engine 2.10
     * fails on a character outside the BMP that straddles its buffer when given a StringReader.
     *
     * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException for broken YAML
     * @throws IllegalArgumentException when a document nests deeper than {@link #MAX_DEPTH} or
     *     has more than {@link #MAX_NODES} nodes
     */
    static List<YNode> loadAll(InputStream input) {
        List<YNode> documents = new ArrayList<>();
        for (Node node : new Compose(SETTINGS).composeAllFromInputStream(input)) {
            documents.add(convert(node, 0, new int[1]));
        }
        return documents;
    }

    /** Converts a composed node, counting converted nodes in {@code count[0]}. */
    private static YNode convert(Node node, int depth, int[] count) {
        if (++count[0] > MAX_NODES) {
            throw new IllegalArgumentException("YAML document has more than " + MAX_NODES
                    + " nodes once aliases are expanded");
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("YAML nests deeper than " + MAX_DEPTH + " levels at line "
                    + line(node.getStartMark()));
        }

        int line = line(node.getStartMark());
        int column = node.getStartMark().map(mark -> mark.getColumn() + 1).orElse(-1);
        int endLine = endLine(node.getEndMark());
        if (node instanceof ScalarNode scalar) {
            ScalarStyle style = scalar.getScalarStyle();
            boolean quoted = style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED;
            char quote = style == ScalarStyle.DOUBLE_QUOTED ? '"' : '\'';
            return new YScalar(scalar.getValue(), kind(scalar.getTag()), quoted, quote, line, column, endLine);
        }

        if (node instanceof SequenceNode sequence) {
            List<YNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, depth + 1, count));
            }
            return new YList(items, line, column, endLine);
        }

        MappingNode mapping = (MappingNode) node;
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode keyScalar
                    ? keyScalar.getValue()
                    : "?" + line(tuple.getKeyNode().getStartMark());
            entries.put(key, convert(tuple.getValueNode(), depth + 1, count));
            keyLines.put(key, line(tuple.getKeyNode().getStartMark()));
        }
        return new YMap(entries, keyLines, line, column, endLine);
    }

    private static String kind(Tag tag) {
        if (tag.equals(Tag.NULL)) {
            return "null";
        }
        if (tag.equals(Tag.INT)) {
            return "int";
        }
        if (tag.equals(Tag.FLOAT)) {
            return "float";
        }
        if (tag.equals(Tag.BOOL)) {
            return "bool";
        }
        return "str";
    }

    static int line(java.util.Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(-1);
    }

    /** Returns the last line a node covers. An end mark at column 0 belongs to the line before it. */
    private static int endLine(java.util.Optional<Mark> mark) {
        return mark.map(m -> m.getColumn() == 0 ? m.getLine() : m.getLine() + 1).orElse(-1);
    }

    /**
     * Merges {@code overlay} into {@code base}: mappings merge key by key, anything else is
     * replaced by the overlay. Used for Sigma's {@code action: global} and {@code repeat}.
     */
    static YNode merge(YNode base, YNode overlay) {
        if (base instanceof YMap baseMap && overlay instanceof YMap overlayMap) {
            Map<String, YNode> entries = new LinkedHashMap<>(baseMap.entries());
            Map<String, Integer> keyLines = new LinkedHashMap<>(baseMap.keyLines());
            for (Map.Entry<String, YNode> entry : overlayMap.entries().entrySet()) {
                YNode previous = entries.get(entry.getKey());
                entries.put(entry.getKey(),
                        previous == null ? entry.getValue() : merge(previous, entry.getValue()));
                keyLines.put(entry.getKey(), overlayMap.keyLines().get(entry.getKey()));
            }
            return new YMap(entries, keyLines, overlayMap.line(), overlayMap.column(), overlayMap.endLine());
        }
        return overlay;
    }
}
