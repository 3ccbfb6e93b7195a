package org.detectionatlas.normalize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * Puts a rule in canonical form: vendor fields become canonical fields, values take canonical
 * form where the meaning is the same, and the rule is mapped onto the catalog events it reads.
 * Instances are immutable and safe to share between threads.
 */
public final class Normalizer {

    private final FieldDictionary dictionary;
    private final List<PredicateRewrite> rewrites;
    private final EventMapper eventMapper;

    public Normalizer(FieldDictionary dictionary, List<PredicateRewrite> rewrites, EventMapper eventMapper) {
        this.dictionary = dictionary;
        this.rewrites = List.copyOf(rewrites);
        this.eventMapper = eventMapper;
    }

    /** Loads the field dictionary and event mappings shipped with the product. */
    public static Normalizer loadDefault() {
        return new Normalizer(FieldDictionary.loadDefault(),
                List.of(new EscapeRewrite(), new BasenameRewrite(), new RegistryNumberRewrite()), EventMapper.loadDefault());
    }

    public FieldDictionary dictionary() {
        return dictionary;
    }

    /**
     * Returns a copy of the rule with canonical predicates and its catalog events. The input
     * rule is not changed. A tree nested too deep to walk is kept as read, with a diagnostic.
     */
    public Rule normalize(Rule rule) {
        Node tree = rule.tree();
        List<Diagnostic> diagnostics = new ArrayList<>(rule.diagnostics());
        List<Predicate> positive = List.of();
        List<Predicate> all = List.of();
        if (tree != null) {
            try {
                Set<String> ruleScopes = ruleScopes(rule);
                tree = TreeWalk.mapPredicates(tree, predicate -> normalize(rule.vendor(), predicate, ruleScopes));
                positive = TreeWalk.positivePredicates(tree);
                all = TreeWalk.allPredicates(tree);
            } catch (TreeDepthException | StackOverflowError e) {
                tree = rule.tree();
                diagnostics.add(Diagnostic.unsupported(rule.file(), -1, "tree-too-deep",
                        "The predicate tree was kept unnormalized because it nests deeper than "
                                + TreeWalk.MAX_DEPTH + " levels; expected a shallower query."));
            }
        }
        Rule normalized = rule.withTree(tree);
        List<EventKey> events = eventMapper.events(normalized, positive, all, diagnostics);
        return normalized.withEvents(events).withDiagnostics(diagnostics);
    }

    /** Returns every vendor spelling of a canonical field, by vendor. */
    public Map<Vendor, List<String>> spellings(String canonicalField) {
        return dictionary.spellings(canonicalField);
    }

    private Predicate normalize(Vendor vendor, Predicate predicate, Set<String> ruleScopes) {
        Predicate result = predicate;
        String vendorField = predicate.vendorField();
        // A field that differs from the vendor's spelling is already canonical, so normalizing twice is harmless.
        if (vendorField != null && vendorField.equals(predicate.field())) {
            String spelling = vendorField;
            Set<String> scopes = ruleScopes;
            if (vendor == Vendor.SPLUNK) {
                String[] split = SplunkDatasets.splitPrefix(vendorField);
                if (split != null) {
                    spelling = split[1];
                    scopes = Set.of(split[0]);
                }
            }
            String canonical = dictionary.canonical(vendor, spelling, scopes).orElse(vendorField);
            if (!canonical.equals(vendorField)) {
                result = predicate.withField(canonical);
            }
        }
        for (PredicateRewrite rewrite : rewrites) {
            result = rewrite.rewrite(result);
        }
        return result;
    }

    /**
     * Returns the scopes that select field meanings for the whole rule. For Sigma these are
     * the logsource category and service in lower case. For Splunk it is the dataset of the
     * data model, such as Processes for Endpoint.Processes.
     */
    static Set<String> ruleScopes(Rule rule) {
        Set<String> scopes = new LinkedHashSet<>();
        if (rule.vendor() == Vendor.SIGMA) {
            for (String key : List.of("category", "service")) {
                for (String value : rule.logsource().getOrDefault(key, List.of())) {
                    scopes.add(value.toLowerCase(Locale.ROOT));
                }
            }
        } else if (rule.vendor() == Vendor.SPLUNK) {
            String dataModel = rule.properties().get("datamodel");
            if (dataModel != null) {
                for (String model : dataModel.split(",")) {
                    if (!model.isBlank()) {
                        scopes.add(SplunkDatasets.datasetOf(model.strip()));
                    }
                }
            }
        }
        return scopes;
    }
}
