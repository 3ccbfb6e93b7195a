package org.detectionatlas.sources.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.EventKey;

/**
 * Events of the ETW providers that are indexed at build time but parsed on first request.
 *
 * <p>OSSEM-DD contains about 33,000 ETW dictionary files, and parsing them all would add seconds to
 * every build. The index costs one directory listing per provider and one header read per
 * provider: the provider name is the {@code log_source} of its first file, because folder names
 * replace spaces and punctuation with dashes. Parsed events are cached. Thread-safe.
 */
public final class LazyEventCatalog {

    /** An empty catalog, for builds that read no dictionaries lazily. */
    public static final LazyEventCatalog EMPTY = new LazyEventCatalog(Path.of("."), Map.of());

    /** File names such as event-4624.yml, event-4624_v1.yml and event-13_registry_v2.yml. */
    private static final Pattern FILE_NAME = Pattern.compile("event-(\\d{1,10})(?:_[A-Za-z0-9_]{0,40})?\\.ya?ml");
    private static final int MAX_HEADER_LINES = 20;

    private final Path corpusRoot;
    private final Map<EventKey, List<Path>> files;
    private final Map<EventKey, Optional<CatalogEvent>> loaded = new ConcurrentHashMap<>();

    LazyEventCatalog(Path corpusRoot, Map<EventKey, List<Path>> files) {
        this.corpusRoot = corpusRoot;
        this.files = Collections.unmodifiableMap(files);
    }

    /**
     * Recreates an index saved in a snapshot: dictionary file paths relative to the corpus root,
     * parsed on first request as long as the corpus is still in place.
     */
    public static LazyEventCatalog of(Path corpusRoot, Map<EventKey, List<String>> relativeFiles) {
        Map<EventKey, List<Path>> files = new java.util.LinkedHashMap<>();
        relativeFiles.forEach((key, paths) -> files.put(key, paths.stream().map(corpusRoot::resolve).toList()));
        return new LazyEventCatalog(corpusRoot, files);
    }

    /** Returns the indexed dictionary files of each event, relative to the corpus root. */
    public Map<EventKey, List<String>> relativeFiles() {
        Map<EventKey, List<String>> out = new java.util.LinkedHashMap<>();
        files.forEach((key, paths) -> out.put(key,
                paths.stream().map(path -> corpusRoot.relativize(path).toString().replace('\\', '/')).toList()));
        return out;
    }

    /** Returns every indexed event key. */
    public Set<EventKey> keys() {
        return files.keySet();
    }

    /**
     * Returns the event, parsing its dictionary files on the first request, or empty when the key
     * is not indexed or none of its files could be read.
     */
    public Optional<CatalogEvent> event(EventKey key) {
        List<Path> paths = files.get(key);
        if (paths == null) {
            return Optional.empty();
        }
        return loaded.computeIfAbsent(key, k -> parse(paths));
    }

    private Optional<CatalogEvent> parse(List<Path> paths) {
        List<EventFile> parsed = new ArrayList<>();
        for (Path path : paths) {
            String source = corpusRoot.relativize(path).toString().replace('\\', '/');
            EventFileParser.Result result = EventFileParser.parse(path, source);
            if (result.event() != null) {
                parsed.add(result.event());
            }
        }
        List<CatalogEvent> merged = EventCatalogReader.merge(parsed);
        return merged.isEmpty() ? Optional.empty() : Optional.of(merged.get(0));
    }

    /** Returns the event id a dictionary file name carries, or null for other files. */
    static String eventIdOf(String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** Returns the log_source value in the first lines of a dictionary file, or null. */
    static String logSourceOf(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < MAX_HEADER_LINES; i++) {
                String line = reader.readLine();
                if (line == null) {
                    return null;
                }
                if (line.startsWith("log_source:")) {
                    String value = line.substring("log_source:".length()).strip();
                    if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                            || value.startsWith("\"") && value.endsWith("\""))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }
}
