package org.detectionatlas.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.attack.DetectionStrategy;
import org.detectionatlas.sources.events.LazyEventCatalog;

/**
 * A built catalog saved as one file in Smile, Jackson's binary form of JSON (44 MB for the
 * development corpus, against 68 MB as JSON text), so a server can start without reading the
 * corpus again. The file names its format version; a file of another version is rejected with
 * a message asking to rebuild it.
 */
public final class CatalogSnapshot {
    /** Raised for a file that is not a snapshot of this version. */
    public static final class SnapshotException extends RuntimeException {
        public SnapshotException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Bumped whenever the model records change shape. */
    static final int FORMAT = 2;
    /** Deep predicate trees nest two JSON levels per node; readers already bound tree depth far below this. */
    static final int MAX_NESTING = 20_000;

    private static final ObjectMapper MAPPER = SmileMapper.builder(SmileFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                            .maxStringLength(200_000_000).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(Node.class, NodeMixin.class)
            .addMixIn(Technique.class, TechniqueMixin.class)
            .build();

    private CatalogSnapshot() {}

    /** The file's content: the catalog's parts as lists and records. */
    record Content(int format, String corpusRoot, String attackVersion, List<Tactic> tactics,
            List<Technique> techniques, List<CatalogEvent> events, List<Rule> rules,
            Map<Vendor, Catalog.SourceSummary> sources, List<Diagnostic> catalogDiagnostics,
            Map<String, Long> stageMillis, Map<String, String> replacements,
            Map<String, List<DetectionStrategy>> detections, List<LazyEvent> lazyEvents) {}

    /** An event whose dictionary files are parsed on first request, with paths relative to the corpus. */
    record LazyEvent(EventKey key, List<String> files) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "node")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Node.And.class, name = "and"),
        @JsonSubTypes.Type(value = Node.Or.class, name = "or"),
        @JsonSubTypes.Type(value = Node.Not.class, name = "not"),
        @JsonSubTypes.Type(value = Predicate.class, name = "predicate"),
        @JsonSubTypes.Type(value = Node.Sequence.class, name = "sequence"),
        @JsonSubTypes.Type(value = Node.Opaque.class, name = "opaque")
    })
    abstract static class NodeMixin {}

    abstract static class TechniqueMixin {
        @JsonIgnore
        abstract boolean isSubtechnique();
    }

    public static void write(Catalog catalog, Path file) throws IOException {
        Content content = new Content(FORMAT, catalog.corpusRoot(), catalog.attackVersion(), catalog.tactics(),
                new ArrayList<>(catalog.techniques().values()), new ArrayList<>(catalog.events().values()),
                catalog.rules(), catalog.sources(), catalog.catalogDiagnostics(), catalog.stageMillis(),
                catalog.replacements(), catalog.detections(), catalog.lazyEvents().relativeFiles().entrySet().stream()
                        .map(entry -> new LazyEvent(entry.getKey(), entry.getValue())).toList());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            MAPPER.writeValue(out, content);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public static Catalog read(Path file) throws IOException {
        Content content;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            content = MAPPER.readValue(in, Content.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new SnapshotException("The file " + file + " is not a Detection Atlas snapshot (" + e.getOriginalMessage()
                    + "). Write one with 'atlas build --corpus DIR --out FILE'.", e);
        }
        if (content.format() != FORMAT) {
            throw new SnapshotException("The snapshot " + file + " has format " + content.format() + ", this atlas reads "
                    + FORMAT + ". Rebuild it with 'atlas build --corpus DIR --out FILE'.", null);
        }
        Map<String, Technique> techniques = new LinkedHashMap<>();
        content.techniques().forEach(technique -> techniques.put(technique.id(), technique));
        Map<EventKey, CatalogEvent> events = new LinkedHashMap<>();
        content.events().forEach(event -> events.put(event.key(), event));
        Map<Vendor, Catalog.SourceSummary> sources = new EnumMap<>(Vendor.class);
        sources.putAll(content.sources());
        Map<EventKey, List<String>> lazyFiles = new LinkedHashMap<>();
        content.lazyEvents().forEach(lazy -> lazyFiles.put(lazy.key(), lazy.files()));
        return new Catalog(content.corpusRoot(), content.attackVersion(), content.tactics(), techniques, events,
                content.rules(), sources, content.catalogDiagnostics(), content.stageMillis(),
                LazyEventCatalog.of(Path.of(content.corpusRoot()), lazyFiles), content.replacements(),
                content.detections());
    }
}
