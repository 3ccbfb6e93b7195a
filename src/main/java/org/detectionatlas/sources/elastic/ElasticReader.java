package org.detectionatlas.sources.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;

/**
 * Reads every TOML file under {@code <corpus>/elastic}: detection rules under {@code rules/} and
 * {@code rules_building_block/}, and hunting queries under {@code hunting/}. Each file becomes
 * exactly one rule, also when it cannot be read, so the rule count equals the file count.
 *
 * <p>Active rules are those under {@code rules/} (except {@code rules/_deprecated}) and under
 * {@code rules_building_block/}. Hunting queries and deprecated rules are read but not active.
 *
 * <p>Queries become trees by language: KQL and Lucene through {@link KqlParser}, EQL through
 * {@link EqlParser}, the row filters of ES|QL through {@link EsqlParser}. SQL hunting queries and
 * machine learning jobs stay opaque.
 */
public final class ElasticReader {
    static final String UPSTREAM = "https://github.com/elastic/detection-rules/blob/main/";

    /** Rule files larger than this are reported instead of read (the largest in the corpus has 54 KB). */
    static final long MAX_FILE_BYTES = 4L << 20;

    private static final TomlMapper TOML = new TomlMapper();

    public RuleReadResult read(Path corpusRoot) {
        Path elastic = corpusRoot.resolve("elastic");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(elastic)) {
            files = walk.filter(path -> path.getFileName().toString().endsWith(".toml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            Diagnostic missing = Diagnostic.invalid("elastic", -1, "corpus-unreadable",
                    "The Elastic folder " + elastic + " could not be listed (" + e.getMessage()
                            + "); expected the detection-rules layout with rules/ and rules_building_block/.");
            return new RuleReadResult(Vendor.ELASTIC, 0, List.of(), List.of(missing));
        }
        List<Rule> rules = files.parallelStream().map(file -> readFile(corpusRoot, file)).toList();
        return new RuleReadResult(Vendor.ELASTIC, files.size(), rules, List.of());
    }

    /**
     * Reads one rule file given on its own, as the parse and eval commands do. Inside a corpus
     * (a folder named elastic above it), the rule gets its collection and active flag. Elsewhere
     * it is read as a rule of no collection.
     */
    public static Rule readSingleFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Path folder = absolute.getParent(); folder != null; folder = folder.getParent()) {
            if (folder.getFileName() != null && folder.getFileName().toString().equals("elastic")
                    && folder.getParent() != null) {
                return new ElasticReader().readFile(folder.getParent(), absolute);
            }
        }
        return new ElasticReader().readFile(absolute.getParent(), absolute);
    }

    /** Reads one file into one rule, turning unreadable content into diagnostics instead of exceptions. */
    Rule readFile(Path corpusRoot, Path file) {
        String relative = corpusRoot.relativize(file).toString().replace('\\', '/');
        String underElastic = relative.startsWith("elastic/") ? relative.substring("elastic/".length()) : relative;
        String collection = collection(underElastic);
        RuleBuilder rule = new RuleBuilder(relative, collection);
        rule.active = (underElastic.startsWith("rules/") && !collection.equals("_deprecated"))
                || underElastic.startsWith("rules_building_block/");
        rule.properties.put("url", UPSTREAM + underElastic);
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                rule.diagnostics.add(Diagnostic.invalid(relative, -1, "file-too-large", "The file has " + size
                        + " bytes, more than the maximum of " + MAX_FILE_BYTES + "; expected a rule file."));
                return rule.build();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode root;
            try (Reader reader = new java.io.StringReader(text)) {
                root = TOML.readTree(reader);
            }
            if (root.has("hunt")) {
                HuntingQueries.fill(rule, root.get("hunt"), text);
            } else if (root.has("rule")) {
                DetectionRules.fill(rule, root.get("rule"), root.path("metadata"), text);
            } else {
                rule.diagnostics.add(Diagnostic.invalid(relative, 1, "toml-no-rule",
                        "The file has neither a [rule] nor a [hunt] table; expected an Elastic rule or hunting query."));
            }
        } catch (IOException | UncheckedIOException e) {
            int[] where = locationOf(e);
            rule.diagnostics.add(new Diagnostic(relative, where[0], where[1], Diagnostic.Kind.INVALID, "toml-invalid",
                    "The file is not valid TOML: \"" + firstLine(e.getMessage()) + "\"; expected a TOML rule file."));
        } catch (RuntimeException | StackOverflowError e) {
            rule.diagnostics.add(Diagnostic.invalid(relative, -1, "rule-unreadable",
                    "The rule could not be read: \"" + e + "\"; expected an Elastic rule file."));
        }
        return rule.build();
    }

    static String collection(String underElastic) {
        if (underElastic.startsWith("rules/_deprecated/")) {
            return "_deprecated";
        }
        int slash = underElastic.indexOf('/');
        return slash < 0 ? "" : underElastic.substring(0, slash);
    }

    /** Returns the line and column that the TOML parser reported, or -1 for each when unknown. */
    private static int[] locationOf(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                && processing.getLocation() != null) {
            return new int[] {processing.getLocation().getLineNr(), processing.getLocation().getColumnNr()};
        }
        return new int[] {-1, -1};
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Returns the text items of a TOML string or array of strings, empty when absent. */
    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    /** The rule being assembled from one file, with defaults for a file that cannot be read. */
    static final class RuleBuilder {
        final String file;
        final String collection;
        String id;
        String title = "";
        String description = "";
        boolean active;
        String status = "";
        String level = "";
        String ruleType = "";
        String language = "";
        final Set<String> techniques = new LinkedHashSet<>();
        final Set<String> tactics = new LinkedHashSet<>();
        List<String> tags = List.of();
        final Map<String, List<String>> logsource = new LinkedHashMap<>();
        String query = "";
        Node tree;
        final Map<String, String> properties = new LinkedHashMap<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();

        RuleBuilder(String file, String collection) {
            this.file = file;
            this.collection = collection;
            this.id = file;
        }

        void addTechnique(String id) {
            if (id != null && !id.isBlank()) {
                techniques.add(id.trim().toUpperCase(Locale.ROOT));
            }
        }

        Rule build() {
            return new Rule(Vendor.ELASTIC, id, title, description, file, collection, active, status, level, ruleType,
                    language, List.copyOf(techniques), List.copyOf(tactics), tags, logsource, query, tree, List.of(),
                    properties, diagnostics);
        }
    }

    /** Collects the values that predicates on {@code field} compare with, for the logsource map. */
    static void collectValues(Node node, String field, Set<String> values) {
        if (node instanceof Predicate predicate) {
            if (field.equals(predicate.vendorField())) {
                values.add(predicate.value());
            }
        } else if (node instanceof Node.And and) {
            and.children().forEach(child -> collectValues(child, field, values));
        } else if (node instanceof Node.Or or) {
            or.children().forEach(child -> collectValues(child, field, values));
        } else if (node instanceof Node.Sequence sequence) {
            sequence.steps().forEach(child -> collectValues(child, field, values));
        }
    }

    /** Returns the tree with each span's line set from the query's first line in the file. */
    static Node placeLines(Node node, QueryPosition position) {
        return mapSpans(node, position::span);
    }

    private static Node mapSpans(Node node, UnaryOperator<Span> mapping) {
        if (node instanceof Predicate p) {
            return new Predicate(p.field(), p.operator(), p.value(), p.caseSensitive(), p.vendorField(), p.original(),
                    mapping.apply(p.span()));
        }
        if (node instanceof Node.And and) {
            return new Node.And(and.children().stream().map(child -> mapSpans(child, mapping)).toList());
        }
        if (node instanceof Node.Or or) {
            return new Node.Or(or.children().stream().map(child -> mapSpans(child, mapping)).toList());
        }
        if (node instanceof Node.Not not) {
            return new Node.Not(mapSpans(not.child(), mapping));
        }
        if (node instanceof Node.Sequence s) {
            return s.withSteps(s.steps().stream().map(child -> mapSpans(child, mapping)).toList(),
                    s.until() == null ? null : mapSpans(s.until(), mapping)).withSpan(mapping.apply(s.span()));
        }
        Node.Opaque opaque = (Node.Opaque) node;
        return new Node.Opaque(opaque.text(), opaque.reason(), mapping.apply(opaque.span()));
    }

    /** Returns the tree with the start and end of every query span passed through {@code mapping}. */
    static Node mapQueryOffsets(Node node, java.util.function.IntUnaryOperator mapping) {
        return mapSpans(node, span -> span.hasQueryRange()
                ? new Span(span.line(), span.column(), mapping.applyAsInt(span.start()), mapping.applyAsInt(span.end()))
                : span);
    }

    /** Returns the tree with every query span moved by {@code shift} characters. */
    static Node shiftSpans(Node node, int shift) {
        return mapSpans(node, span -> span.hasQueryRange()
                ? new Span(span.line(), span.column(), span.start() + shift, span.end() + shift) : span);
    }

    /**
     * Position of a query string in its file: the 1-based line and column of its first character.
     * The column is -1 for a basic string, because its escapes shift columns.
     */
    record QueryPosition(String query, int line, int column) {
        static final QueryPosition UNKNOWN = new QueryPosition("", -1, -1);

        /**
         * Finds the value of {@code key} in the table {@code table} of the file, such as the query
         * of {@code [rule]}, or returns an unknown position. Other tables may have a key of the
         * same name, such as the osquery queries of {@code [[transform.osquery]]}.
         */
        static QueryPosition find(String fileText, String query, String table, String key) {
            TomlKeyLocator.Position position = TomlKeyLocator.find(fileText, table, key);
            return new QueryPosition(query, position.line(), position.column());
        }

        /** Returns the 1-based line and column in the file of a query offset. */
        int[] at(int offset) {
            if (line < 0 || offset < 0) {
                return new int[] {line, -1};
            }
            int[] inQuery = QuerySyntaxException.position(query, offset);
            int fileLine = line + inQuery[0] - 1;
            int fileColumn = column < 0 ? -1 : (inQuery[0] == 1 ? column + inQuery[1] - 1 : inQuery[1]);
            return new int[] {fileLine, fileColumn};
        }

        Span span(Span querySpan) {
            if (querySpan == null || line < 0) {
                return querySpan;
            }
            int[] where = at(querySpan.start());
            return new Span(where[0], where[1], querySpan.start(), querySpan.end());
        }
    }
}
