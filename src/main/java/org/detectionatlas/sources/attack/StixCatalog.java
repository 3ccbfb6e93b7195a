package org.detectionatlas.sources.attack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;

/**
 * Collects the STIX objects of one or more bundles and turns them into tactics, techniques and
 * revocations once every object is known, because a matrix, a technique and a relationship may
 * come in any order.
 */
final class StixCatalog {

    static final String DOMAIN = "enterprise-attack";
    private static final String ATTACK_SOURCE = "mitre-attack";
    private static final String TECHNIQUE_URL = "https://attack.mitre.org/techniques/";

    private record Located(JsonNode object, String file, int line) {}

    private record RawTactic(String stixId, String id, String shortName, String name) {}

    private final List<Diagnostic> diagnostics;
    private final Map<String, RawTactic> tacticsByStixId = new LinkedHashMap<>();
    private final List<Located> matrices = new ArrayList<>();
    private final List<Located> attackPatterns = new ArrayList<>();
    private final List<Located> revocations = new ArrayList<>();
    private final List<JsonNode> detectionStrategies = new ArrayList<>();
    private final List<JsonNode> detects = new ArrayList<>();
    private final Map<String, JsonNode> analytics = new HashMap<>();
    private final Map<String, String> dataComponentNames = new HashMap<>();
    private String collectionVersion = "";
    private String firstFile = AttackReader.FOLDER;

    StixCatalog(List<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    void add(JsonNode object, String file, int line) {
        if (tacticsByStixId.isEmpty() && matrices.isEmpty() && attackPatterns.isEmpty()) {
            firstFile = file;
        }
        if (!inDomain(object)) {
            return;
        }
        String type = text(object, "type");
        switch (type) {
            case "x-mitre-collection":
                if (collectionVersion.isEmpty()) {
                    collectionVersion = text(object, "x_mitre_version");
                }
                break;
            case "x-mitre-matrix":
                matrices.add(new Located(object, file, line));
                break;
            case "x-mitre-tactic":
                addTactic(object, file, line);
                break;
            case "attack-pattern":
                attackPatterns.add(new Located(object, file, line));
                break;
            case "relationship":
                if ("revoked-by".equals(text(object, "relationship_type"))) {
                    revocations.add(new Located(object, file, line));
                } else if ("detects".equals(text(object, "relationship_type"))) {
                    detects.add(object);
                }
                break;
            case "x-mitre-detection-strategy":
                detectionStrategies.add(object);
                break;
            case "x-mitre-analytic":
                analytics.put(text(object, "id"), object);
                break;
            case "x-mitre-data-component":
                dataComponentNames.put(text(object, "id"), text(object, "name"));
                break;
            default:
                break;
        }
    }

    /** Keeps objects that list the enterprise domain, and objects such as relationships that list none. */
    private static boolean inDomain(JsonNode object) {
        JsonNode domains = object.get("x_mitre_domains");
        if (domains == null || !domains.isArray()) {
            return true;
        }
        for (JsonNode domain : domains) {
            if (DOMAIN.equals(domain.asText())) {
                return true;
            }
        }
        return false;
    }

    private void addTactic(JsonNode object, String file, int line) {
        String id = attackId(object);
        String shortName = text(object, "x_mitre_shortname");
        if (id.isEmpty() || shortName.isEmpty()) {
            diagnostics.add(Diagnostic.invalid(file, line, "incomplete-tactic",
                    "The tactic \"" + text(object, "name") + "\" lacks an ATT&CK id or x_mitre_shortname,"
                            + " so it was skipped."));
            return;
        }
        String stixId = text(object, "id");
        tacticsByStixId.putIfAbsent(stixId, new RawTactic(stixId, id, shortName, text(object, "name")));
    }

    AttackData build(String versionFromName) {
        List<Tactic> tactics = orderTactics();
        Map<String, Integer> orderByShortName = new HashMap<>();
        for (Tactic tactic : tactics) {
            orderByShortName.put(tactic.shortName(), tactic.order());
        }

        Map<String, Technique> techniques = new LinkedHashMap<>();
        Map<String, String> idByStixId = new HashMap<>();
        for (Located pattern : attackPatterns) {
            Technique technique = toTechnique(pattern, orderByShortName);
            if (technique == null) {
                continue;
            }
            if (techniques.putIfAbsent(technique.id(), technique) != null) {
                diagnostics.add(Diagnostic.warning(pattern.file(), pattern.line(), "duplicate-technique",
                        "The technique " + technique.id() + " is defined twice; the first definition was kept."));
                continue;
            }
            idByStixId.put(text(pattern.object(), "id"), technique.id());
        }

        Map<String, String> revokedBy = new HashMap<>();
        for (Located relationship : revocations) {
            String from = idByStixId.get(text(relationship.object(), "source_ref"));
            String to = idByStixId.get(text(relationship.object(), "target_ref"));
            // Revocations between groups, software and other non-technique objects are not kept.
            if (from != null && to != null) {
                revokedBy.put(from, to);
            }
        }

        List<Technique> sorted = new ArrayList<>(techniques.values());
        sorted.sort(Comparator.comparing(Technique::id));
        String version = collectionVersion.isEmpty() ? versionFromName : collectionVersion;
        return new AttackData(version, tactics, sorted, revokedBy, diagnostics, detections(idByStixId));
    }

    private List<Tactic> orderTactics() {
        Located matrix = enterpriseMatrix();
        Set<RawTactic> ordered = new LinkedHashSet<>();
        if (matrix == null) {
            if (!tacticsByStixId.isEmpty()) {
                diagnostics.add(Diagnostic.warning(firstFile, -1, "missing-matrix",
                        "No x-mitre-matrix object lists the tactics, so they are kept in file order."));
            }
        } else {
            for (JsonNode ref : matrix.object().path("tactic_refs")) {
                RawTactic tactic = tacticsByStixId.get(ref.asText());
                if (tactic == null) {
                    diagnostics.add(Diagnostic.invalid(matrix.file(), matrix.line(), "missing-tactic",
                            "The matrix lists the tactic \"" + ref.asText()
                                    + "\", but no x-mitre-tactic object has that id."));
                } else {
                    ordered.add(tactic);
                }
            }
            for (RawTactic tactic : tacticsByStixId.values()) {
                if (!ordered.contains(tactic)) {
                    diagnostics.add(Diagnostic.warning(matrix.file(), matrix.line(), "tactic-outside-matrix",
                            "The tactic " + tactic.id() + " (" + tactic.shortName()
                                    + ") is not in the matrix, so it was placed after the matrix tactics."));
                }
            }
        }
        ordered.addAll(tacticsByStixId.values());

        List<Tactic> tactics = new ArrayList<>();
        for (RawTactic tactic : ordered) {
            tactics.add(new Tactic(tactic.id(), tactic.shortName(), tactic.name(), tactics.size()));
        }
        return tactics;
    }

    /** Returns the matrix whose ATT&amp;CK id is enterprise-attack, else the first matrix. */
    private Located enterpriseMatrix() {
        for (Located matrix : matrices) {
            if (DOMAIN.equals(attackId(matrix.object()))) {
                return matrix;
            }
        }
        return matrices.isEmpty() ? null : matrices.get(0);
    }

    private Technique toTechnique(Located pattern, Map<String, Integer> orderByShortName) {
        JsonNode object = pattern.object();
        JsonNode reference = attackReference(object);
        String id = reference == null ? "" : text(reference, "external_id");
        if (id.isEmpty()) {
            diagnostics.add(Diagnostic.warning(pattern.file(), pattern.line(), "missing-attack-id",
                    "The attack-pattern \"" + text(object, "name") + "\" has no external reference with"
                            + " source_name mitre-attack and an external_id, so it was skipped."));
            return null;
        }

        List<String> tactics = new ArrayList<>();
        for (JsonNode phase : object.path("kill_chain_phases")) {
            if (!ATTACK_SOURCE.equals(text(phase, "kill_chain_name"))) {
                continue;
            }
            String phaseName = text(phase, "phase_name");
            // With no tactic read at all, the bundle's own diagnostic already explains every phase.
            if (!orderByShortName.isEmpty() && !orderByShortName.containsKey(phaseName)) {
                diagnostics.add(Diagnostic.warning(pattern.file(), pattern.line(), "unknown-tactic",
                        "The technique " + id + " names the phase \"" + phaseName
                                + "\", which no tactic of the matrix has; it was placed last."));
            }
            if (!tactics.contains(phaseName)) {
                tactics.add(phaseName);
            }
        }
        tactics.sort(Comparator.comparingInt(name -> orderByShortName.getOrDefault(name, Integer.MAX_VALUE)));

        int dot = id.indexOf('.');
        String parentId = dot > 0 ? id.substring(0, dot) : null;
        if (object.path("x_mitre_is_subtechnique").asBoolean(false) && parentId == null) {
            diagnostics.add(Diagnostic.warning(pattern.file(), pattern.line(), "subtechnique-without-parent",
                    "The technique " + id + " is marked as a sub-technique, but its id has no parent"
                            + " part before a dot."));
        }

        List<String> platforms = new ArrayList<>();
        for (JsonNode platform : object.path("x_mitre_platforms")) {
            platforms.add(platform.asText());
        }
        String url = text(reference, "url");
        if (url.isEmpty()) {
            url = TECHNIQUE_URL + id.replace('.', '/') + "/";
        }
        return new Technique(id, text(object, "name"), text(object, "description"), tactics, parentId,
                platforms, url, object.path("revoked").asBoolean(false),
                object.path("x_mitre_deprecated").asBoolean(false), true);
    }

    private static JsonNode attackReference(JsonNode object) {
        for (JsonNode reference : object.path("external_references")) {
            if (ATTACK_SOURCE.equals(text(reference, "source_name")) && !text(reference, "external_id").isEmpty()) {
                return reference;
            }
        }
        return null;
    }

    /** Returns the detection strategies that detect each technique, by technique id. */
    private Map<String, List<DetectionStrategy>> detections(Map<String, String> techniqueIdByStixId) {
        Map<String, DetectionStrategy> strategies = new HashMap<>();
        for (JsonNode object : detectionStrategies) {
            if (object.path("revoked").asBoolean(false) || object.path("x_mitre_deprecated").asBoolean(false)) {
                continue;
            }
            List<DetectionStrategy.Analytic> list = new ArrayList<>();
            for (JsonNode ref : object.path("x_mitre_analytic_refs")) {
                JsonNode analytic = analytics.get(ref.asText());
                if (analytic != null) {
                    list.add(analytic(analytic));
                }
            }
            strategies.put(text(object, "id"), new DetectionStrategy(attackId(object), text(object, "name"), list));
        }
        Map<String, List<DetectionStrategy>> out = new HashMap<>();
        for (JsonNode relationship : detects) {
            DetectionStrategy strategy = strategies.get(text(relationship, "source_ref"));
            String techniqueId = techniqueIdByStixId.get(text(relationship, "target_ref"));
            if (strategy != null && techniqueId != null) {
                out.computeIfAbsent(techniqueId, key -> new ArrayList<>()).add(strategy);
            }
        }
        out.values().forEach(list -> list.sort(Comparator.comparing(DetectionStrategy::id)));
        return out;
    }

    private DetectionStrategy.Analytic analytic(JsonNode object) {
        List<String> platforms = new ArrayList<>();
        object.path("x_mitre_platforms").forEach(platform -> platforms.add(platform.asText()));
        List<DetectionStrategy.LogSource> logSources = new ArrayList<>();
        for (JsonNode reference : object.path("x_mitre_log_source_references")) {
            String name = text(reference, "name");
            String channel = text(reference, "channel");
            logSources.add(new DetectionStrategy.LogSource(name, channel,
                    dataComponentNames.getOrDefault(text(reference, "x_mitre_data_component_ref"), ""),
                    AttackLogSources.events(name, channel)));
        }
        return new DetectionStrategy.Analytic(attackId(object), platforms, logSources);
    }

    private static String attackId(JsonNode object) {
        JsonNode reference = attackReference(object);
        return reference == null ? "" : text(reference, "external_id");
    }

    /** Returns the field's text, or "" when it is missing or not a scalar. */
    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
    }
}
