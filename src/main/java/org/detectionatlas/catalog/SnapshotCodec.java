package org.detectionatlas.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.attack.DetectionStrategy;
import org.detectionatlas.sources.events.LazyEventCatalog;

/**
 * The binary layout of a snapshot's catalog, written and read by hand so that a server decodes
 * it quickly at start.
 *
 * <p>Reading the same catalog as Smile through Jackson's data binding took 800 ms at a server's
 * start, most of it for the rules' predicate trees, and reading this layout takes about 300 ms
 * (docs/performance.md). Numbers are unsigned LEB128 varints (signed ones zigzag-encoded first),
 * enums are their ordinals, and every string of up to {@link #SHARED_LENGTH} characters is written once and then
 * referred to by number, so the field names, operators and values that thousands of predicates
 * repeat cost a few bytes each and decode to one shared {@code String}.
 *
 * <p>A string is a varint tag: 0 for null, 1 for a new shared string, 2 for a string not shared
 * (long ones, such as queries and descriptions), each of those two followed by its UTF-8 length
 * and bytes. A tag {@code n >= 3} refers to shared string {@code n - 3}. The component order is
 * the order of the record components of {@link Rule}, {@link Predicate}, the {@link Node}
 * records and the other model records, after the catalog's own parts in the order of
 * {@link #encode}. Changing any of them needs a new {@link CatalogSnapshot} format number.
 */
final class SnapshotCodec {
    /** Maximum length of a shared string. Longer strings (queries, descriptions) are rarely repeated. */
    static final int SHARED_LENGTH = 256;
    /** Maximum nesting of a decoded tree, far above what the readers produce, to bound a damaged file. */
    static final int MAX_DEPTH = 1_000;

    private static final int NULL = 0;
    private static final int NEW_SHARED = 1;
    private static final int UNSHARED = 2;
    private static final int FIRST_REFERENCE = 3;

    private static final int AND = 0;
    private static final int OR = 1;
    private static final int NOT = 2;
    private static final int PREDICATE = 3;
    private static final int SEQUENCE = 4;
    private static final int OPAQUE = 5;
    private static final int NO_NODE = 6;

    private static final Vendor[] VENDORS = Vendor.values();
    private static final Operator[] OPERATORS = Operator.values();
    private static final Diagnostic.Kind[] KINDS = Diagnostic.Kind.values();

    private SnapshotCodec() {}

    /** Raised for bytes that do not decode as a catalog. */
    static final class DamagedException extends RuntimeException {
        DamagedException(String message) {
            super(message);
        }
    }

    static byte[] encode(Catalog catalog) {
        Encoder encoder = new Encoder();
        encoder.string(catalog.corpusRoot());
        encoder.string(catalog.attackVersion());

        encoder.list(catalog.tactics(), encoder::tactic);
        encoder.list(catalog.techniques().values(), encoder::technique);
        encoder.list(catalog.events().values(), encoder::event);
        encoder.list(catalog.sources().entrySet(), source -> {
            encoder.out.write(source.getKey().ordinal());
            encoder.varint(source.getValue().files());
            encoder.list(source.getValue().diagnostics(), encoder::diagnostic);
            encoder.bool(source.getValue().present());
        });

        encoder.list(catalog.catalogDiagnostics(), encoder::diagnostic);
        encoder.list(catalog.stageMillis().entrySet(), stage -> {
            encoder.string(stage.getKey());
            encoder.varint(Math.toIntExact(stage.getValue()));
        });
        encoder.list(catalog.replacements().entrySet(), replacement -> {
            encoder.string(replacement.getKey());
            encoder.string(replacement.getValue());
        });
        encoder.list(catalog.detections().entrySet(), detection -> {
            encoder.string(detection.getKey());
            encoder.list(detection.getValue(), encoder::strategy);
        });
        encoder.list(catalog.lazyEvents().relativeFiles().entrySet(), lazy -> {
            encoder.eventKey(lazy.getKey());
            encoder.strings(lazy.getValue());
        });

        encoder.list(catalog.rules(), encoder::rule);
        return encoder.out.toByteArray();
    }

    static Catalog decode(byte[] bytes, int offset, int length) {
        Decoder in = new Decoder(bytes, offset, offset + length);
        String corpusRoot = in.string();
        String attackVersion = in.string();

        List<Tactic> tactics = in.list(in::tactic);
        Map<String, Technique> techniques = new LinkedHashMap<>();
        in.repeat(() -> {
            Technique technique = in.technique();
            techniques.put(technique.id(), technique);
        });
        Map<EventKey, CatalogEvent> events = new LinkedHashMap<>();
        in.repeat(() -> {
            CatalogEvent event = in.event();
            events.put(event.key(), event);
        });
        Map<Vendor, Catalog.SourceSummary> sources = new EnumMap<>(Vendor.class);
        in.repeat(() -> sources.put(in.ordinal(VENDORS, "vendor"),
                new Catalog.SourceSummary(in.varint(), in.list(in::diagnostic), in.bool())));

        List<Diagnostic> catalogDiagnostics = in.list(in::diagnostic);
        Map<String, Long> stageMillis = new LinkedHashMap<>();
        in.repeat(() -> stageMillis.put(in.string(), (long) in.varint()));
        Map<String, String> replacements = new LinkedHashMap<>();
        in.repeat(() -> replacements.put(in.string(), in.string()));
        Map<String, List<DetectionStrategy>> detections = new LinkedHashMap<>();
        in.repeat(() -> detections.put(in.string(), in.list(in::strategy)));
        Map<EventKey, List<String>> lazyFiles = new LinkedHashMap<>();
        in.repeat(() -> lazyFiles.put(in.eventKey(), in.strings()));

        List<Rule> rules = in.list(in::rule);
        if (in.pos != in.end) {
            throw new DamagedException((in.end - in.pos) + " unexpected bytes after the last rule");
        }
        return new Catalog(corpusRoot, attackVersion, tactics, techniques, events, rules, sources, catalogDiagnostics,
                stageMillis, LazyEventCatalog.of(Path.of(corpusRoot), lazyFiles), replacements, detections);
    }

    private static final class Encoder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        final Map<String, Integer> shared = new HashMap<>();

        void rule(Rule rule) {
            out.write(rule.vendor().ordinal());
            string(rule.id());
            string(rule.title());
            string(rule.description());
            string(rule.file());
            string(rule.collection());
            bool(rule.active());
            string(rule.status());
            string(rule.level());
            string(rule.ruleType());
            string(rule.language());
            strings(rule.techniques());
            strings(rule.tactics());
            strings(rule.tags());
            varint(rule.logsource().size());
            rule.logsource().forEach((key, values) -> {
                string(key);
                strings(values);
            });
            string(rule.query());
            node(rule.tree());
            list(rule.events(), this::eventKey);
            varint(rule.properties().size());
            rule.properties().forEach((key, value) -> {
                string(key);
                string(value);
            });
            list(rule.diagnostics(), this::diagnostic);
        }

        void diagnostic(Diagnostic diagnostic) {
            string(diagnostic.file());
            signed(diagnostic.line());
            signed(diagnostic.column());
            out.write(diagnostic.kind().ordinal());
            string(diagnostic.code());
            string(diagnostic.message());
        }

        void eventKey(EventKey key) {
            string(key.provider());
            string(key.eventId());
        }

        void tactic(Tactic tactic) {
            string(tactic.id());
            string(tactic.shortName());
            string(tactic.name());
            signed(tactic.order());
        }

        void technique(Technique technique) {
            string(technique.id());
            string(technique.name());
            string(technique.description());
            strings(technique.tactics());
            string(technique.parentId());
            strings(technique.platforms());
            string(technique.url());
            bool(technique.revoked());
            bool(technique.deprecated());
            bool(technique.known());
        }

        void event(CatalogEvent event) {
            eventKey(event.key());
            string(event.shortProvider());
            string(event.platform());
            string(event.version());
            string(event.title());
            string(event.description());
            list(event.fields(), field -> {
                string(field.name());
                string(field.type());
                string(field.description());
            });
            string(event.source());
        }

        void strategy(DetectionStrategy strategy) {
            string(strategy.id());
            string(strategy.name());
            list(strategy.analytics(), analytic -> {
                string(analytic.id());
                strings(analytic.platforms());
                list(analytic.logSources(), source -> {
                    string(source.name());
                    string(source.channel());
                    string(source.dataComponent());
                    list(source.events(), this::eventKey);
                });
            });
        }

        <T> void list(Collection<T> items, Consumer<T> write) {
            varint(items.size());
            for (T item : items) {
                write.accept(item);
            }
        }

        void node(Node node) {
            if (node == null) {
                out.write(NO_NODE);
            } else if (node instanceof Node.And and) {
                out.write(AND);
                nodes(and.children());
            } else if (node instanceof Node.Or or) {
                out.write(OR);
                nodes(or.children());
            } else if (node instanceof Node.Not not) {
                out.write(NOT);
                node(not.child());
            } else if (node instanceof Predicate predicate) {
                out.write(PREDICATE);
                string(predicate.field());
                out.write(predicate.operator().ordinal());
                string(predicate.value());
                bool(predicate.caseSensitive());
                string(predicate.vendorField());
                string(predicate.original());
                span(predicate.span());
                out.write(predicate.vendorOperator().ordinal());
                string(predicate.vendorValue());
            } else if (node instanceof Node.Sequence sequence) {
                out.write(SEQUENCE);
                strings(sequence.by());
                string(sequence.maxspan());
                nodes(sequence.steps());
                span(sequence.span());
                for (List<String> keys : sequence.stepBy()) {
                    strings(keys);
                }
                for (int runs : sequence.runs()) {
                    signed(runs);
                }
                node(sequence.until());
                bool(sequence.ordered());
            } else if (node instanceof Node.Opaque opaque) {
                out.write(OPAQUE);
                string(opaque.text());
                string(opaque.reason());
                span(opaque.span());
            } else {
                throw new IllegalArgumentException("unknown node " + node.getClass());
            }
        }

        void nodes(List<Node> nodes) {
            varint(nodes.size());
            for (Node child : nodes) {
                node(child);
            }
        }

        void span(Span span) {
            signed(span.line());
            signed(span.column());
            signed(span.start());
            signed(span.end());
        }

        void strings(List<String> values) {
            list(values, this::string);
        }

        void string(String value) {
            if (value == null) {
                varint(NULL);
                return;
            }
            if (value.length() <= SHARED_LENGTH) {
                Integer number = shared.get(value);
                if (number != null) {
                    varint(FIRST_REFERENCE + number);
                    return;
                }
                shared.put(value, shared.size());
                varint(NEW_SHARED);
            } else {
                varint(UNSHARED);
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            out.write(bytes, 0, bytes.length);
        }

        void bool(boolean value) {
            out.write(value ? 1 : 0);
        }

        void signed(int value) {
            varint((value << 1) ^ (value >> 31));
        }

        void varint(int value) {
            while ((value & ~0x7F) != 0) {
                out.write((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write(value);
        }
    }

    private static final class Decoder {
        final byte[] bytes;
        final int end;
        int pos;
        final List<String> shared = new ArrayList<>();

        Decoder(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        Rule rule() {
            Vendor vendor = ordinal(VENDORS, "vendor");
            String id = string();
            String title = string();
            String description = string();
            String file = string();
            String collection = string();
            boolean active = bool();
            String status = string();
            String level = string();
            String ruleType = string();
            String language = string();

            List<String> techniques = strings();
            List<String> tactics = strings();
            List<String> tags = strings();
            int logsourceCount = count();
            Map<String, List<String>> logsource = new LinkedHashMap<>();
            for (int i = 0; i < logsourceCount; i++) {
                logsource.put(string(), strings());
            }

            String query = string();
            Node tree = node(0);
            List<EventKey> events = list(this::eventKey);

            int propertyCount = count();
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 0; i < propertyCount; i++) {
                properties.put(string(), string());
            }
            List<Diagnostic> diagnostics = list(this::diagnostic);

            return new Rule(vendor, id, title, description, file, collection, active, status, level, ruleType, language,
                    techniques, tactics, tags, logsource, query, tree, events, properties, diagnostics);
        }

        Diagnostic diagnostic() {
            return new Diagnostic(string(), signed(), signed(), ordinal(KINDS, "diagnostic kind"), string(), string());
        }

        EventKey eventKey() {
            return new EventKey(string(), string());
        }

        Tactic tactic() {
            return new Tactic(string(), string(), string(), signed());
        }

        Technique technique() {
            return new Technique(string(), string(), string(), strings(), string(), strings(), string(), bool(), bool(),
                    bool());
        }

        CatalogEvent event() {
            return new CatalogEvent(eventKey(), string(), string(), string(), string(), string(),
                    list(() -> new CatalogEvent.EventField(string(), string(), string())), string());
        }

        DetectionStrategy strategy() {
            return new DetectionStrategy(string(), string(), list(() -> new DetectionStrategy.Analytic(string(), strings(),
                    list(() -> new DetectionStrategy.LogSource(string(), string(), string(), list(this::eventKey))))));
        }

        <T> List<T> list(Supplier<T> read) {
            int size = count();
            List<T> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(read.get());
            }
            return items;
        }

        void repeat(Runnable read) {
            int size = count();
            for (int i = 0; i < size; i++) {
                read.run();
            }
        }

        Node node(int depth) {
            if (depth > MAX_DEPTH) {
                throw new DamagedException("a predicate tree nests deeper than " + MAX_DEPTH + " levels");
            }
            int kind = readByte();
            return switch (kind) {
                case NO_NODE -> null;
                case AND -> new Node.And(nodes(depth));
                case OR -> new Node.Or(nodes(depth));
                case NOT -> new Node.Not(node(depth + 1));
                case PREDICATE -> new Predicate(string(), ordinal(OPERATORS, "operator"), string(), bool(), string(),
                        string(), span(), ordinal(OPERATORS, "operator"), string());
                case SEQUENCE -> {
                    List<String> by = strings();
                    String maxspan = string();
                    List<Node> steps = nodes(depth);
                    Span span = span();
                    List<List<String>> stepBy = new ArrayList<>(steps.size());
                    for (int i = 0; i < steps.size(); i++) {
                        stepBy.add(strings());
                    }
                    List<Integer> runs = new ArrayList<>(steps.size());
                    for (int i = 0; i < steps.size(); i++) {
                        runs.add(signed());
                    }
                    yield new Node.Sequence(by, maxspan, steps, span, stepBy, runs, node(depth + 1), bool());
                }
                case OPAQUE -> new Node.Opaque(string(), string(), span());
                default -> throw new DamagedException("unknown node kind " + kind + " at byte " + (pos - 1));
            };
        }

        List<Node> nodes(int depth) {
            int size = count();
            List<Node> nodes = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                nodes.add(node(depth + 1));
            }
            return nodes;
        }

        Span span() {
            return new Span(signed(), signed(), signed(), signed());
        }

        List<String> strings() {
            return list(this::string);
        }

        String string() {
            int tag = varint();
            if (tag == NULL) {
                return null;
            }
            if (tag >= FIRST_REFERENCE) {
                int number = tag - FIRST_REFERENCE;
                if (number >= shared.size()) {
                    throw new DamagedException("reference to string " + number + " before its definition, at byte " + pos);
                }
                return shared.get(number);
            }
            int length = count();
            String value = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            if (tag == NEW_SHARED) {
                shared.add(value);
            }
            return value;
        }

        <E> E ordinal(E[] values, String what) {
            int ordinal = readByte();
            if (ordinal >= values.length) {
                throw new DamagedException("unknown " + what + " number " + ordinal + " at byte " + (pos - 1));
            }
            return values[ordinal];
        }

        boolean bool() {
            return readByte() != 0;
        }

        int readByte() {
            if (pos >= end) {
                throw new DamagedException("the catalog ends early, at byte " + pos);
            }
            return bytes[pos++] & 0xFF;
        }

        /** Reads a length or count, which cannot exceed the bytes left. */
        int count() {
            int value = varint();
            if (value < 0 || value > end - pos) {
                throw new DamagedException("a length of " + value + " at byte " + pos + " exceeds the " + (end - pos)
                        + " bytes left");
            }
            return value;
        }

        int signed() {
            int value = varint();
            return (value >>> 1) ^ -(value & 1);
        }

        int varint() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                int next = readByte();
                value |= (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw new DamagedException("invalid number longer than five bytes at byte " + pos);
        }
    }
}
