package org.detectionatlas.sources.attack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.detectionatlas.model.Diagnostic;

/**
 * Reads the ATT&amp;CK STIX bundles ({@code *.json}) under {@code <corpus>/attack}.
 *
 * <p>The bundle is streamed: only one STIX object at a time is held as a tree, so a 37 MB
 * bundle costs no more memory than its largest object. Invalid JSON, too-deep nesting and
 * unreadable files become diagnostics, and whatever was read before the problem is still returned.
 */
public final class AttackReader {

    static final String FOLDER = "attack";
    /** Larger than any released ATT&amp;CK bundle (enterprise 18.1 is 37 MB) by a wide margin. */
    static final long MAX_BUNDLE_BYTES = 512L * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern VERSION_IN_NAME = Pattern.compile("(\\d+(?:\\.\\d+)+)\\.json$");

    public AttackData read(Path corpusRoot) {
        Path folder = corpusRoot.resolve(FOLDER);
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            diagnostics.add(Diagnostic.invalid(FOLDER, -1, "missing-folder",
                    "The ATT&CK folder is missing: expected a STIX bundle such as "
                            + "enterprise-attack-18.1.json under " + FOLDER + "/."));
            return new AttackData("", List.of(), List.of(), diagnostics);
        }
        List<Path> bundles;
        try (Stream<Path> listing = Files.list(folder)) {
            bundles = listing.filter(path -> path.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            diagnostics.add(Diagnostic.invalid(FOLDER, -1, "unreadable-folder",
                    "The ATT&CK folder could not be listed: " + e.getMessage() + "."));
            return new AttackData("", List.of(), List.of(), diagnostics);
        }
        if (bundles.isEmpty()) {
            diagnostics.add(Diagnostic.invalid(FOLDER, -1, "missing-bundle",
                    "The ATT&CK folder holds no .json file: expected a STIX bundle such as "
                            + "enterprise-attack-18.1.json."));
            return new AttackData("", List.of(), List.of(), diagnostics);
        }

        StixCatalog catalog = new StixCatalog(diagnostics);
        String versionFromName = "";
        for (Path bundle : bundles) {
            String file = FOLDER + "/" + bundle.getFileName();
            readBundle(bundle, file, catalog, diagnostics);
            if (versionFromName.isEmpty()) {
                versionFromName = versionInName(bundle.getFileName().toString());
            }
        }
        return catalog.build(versionFromName);
    }

    /** Returns the version a file name such as enterprise-attack-18.1.json carries, or "". */
    static String versionInName(String fileName) {
        Matcher matcher = VERSION_IN_NAME.matcher(fileName);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void readBundle(Path bundle, String file, StixCatalog catalog, List<Diagnostic> diagnostics) {
        try {
            long size = Files.size(bundle);
            if (size > MAX_BUNDLE_BYTES) {
                diagnostics.add(Diagnostic.unsupported(file, -1, "file-too-large",
                        "The bundle is " + size + " bytes, more than the " + MAX_BUNDLE_BYTES
                                + " bytes this reader accepts; it was skipped."));
                return;
            }
            try (JsonParser parser = MAPPER.getFactory().createParser(bundle.toFile())) {
                streamBundle(parser, file, catalog, diagnostics);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            diagnostics.add(Diagnostic.invalid(file, line, "invalid-json",
                    "The bundle is not valid JSON: " + jacksonProblem(e)
                            + "; objects before this point were kept."));
        } catch (IOException e) {
            diagnostics.add(Diagnostic.invalid(file, -1, "unreadable-file",
                    "The bundle could not be read: " + e.getMessage() + "."));
        } catch (StackOverflowError e) {
            diagnostics.add(Diagnostic.invalid(file, -1, "too-deep",
                    "The bundle nests too deeply to read; objects before this point were kept."));
        }
    }

    private static void streamBundle(JsonParser parser, String file, StixCatalog catalog,
            List<Diagnostic> diagnostics) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            diagnostics.add(Diagnostic.invalid(file, 1, "not-a-bundle",
                    "The file is not a STIX bundle: expected a JSON object with an \"objects\" array."));
            return;
        }
        boolean sawObjects = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("objects".equals(name) && value == JsonToken.START_ARRAY) {
                sawObjects = true;
                streamObjects(parser, file, catalog, diagnostics);
            } else {
                parser.skipChildren();
            }
        }
        if (!sawObjects) {
            diagnostics.add(Diagnostic.invalid(file, 1, "not-a-bundle",
                    "The file is not a STIX bundle: it has no \"objects\" array."));
        }
    }

    private static void streamObjects(JsonParser parser, String file, StixCatalog catalog,
            List<Diagnostic> diagnostics) throws IOException {
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            int line = parser.currentTokenLocation().getLineNr();
            if (token != JsonToken.START_OBJECT) {
                diagnostics.add(Diagnostic.invalid(file, line, "not-an-object",
                        "An entry of \"objects\" is " + describe(token) + " where a STIX object was expected."));
                parser.skipChildren();
                continue;
            }
            JsonNode object = parser.readValueAsTree();
            catalog.add(object, file, line);
        }
    }

    /** Returns Jackson's message without the source-location detail the diagnostic already has. */
    private static String jacksonProblem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int detail = message.indexOf(" (start marker at");
        return detail < 0 ? message : message.substring(0, detail);
    }

    private static String describe(JsonToken token) {
        if (token == JsonToken.START_ARRAY) {
            return "an array";
        }
        if (token == JsonToken.VALUE_STRING) {
            return "a string";
        }
        if (token == JsonToken.VALUE_NULL) {
            return "null";
        }
        return token.isNumeric() ? "a number" : "a boolean";
    }
}
