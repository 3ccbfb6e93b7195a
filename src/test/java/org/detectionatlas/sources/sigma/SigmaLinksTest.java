package org.detectionatlas.sources.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigmaLinksTest {

    @TempDir
    Path root;

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private static Rule find(List<Rule> rules, String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void filterBecomesExclusionOnTarget() throws IOException {
        write("sigma/rules/a.yml", "title: A\nid: rule-a\nname: whoami_rule\ndetection:\n    sel:\n        Image: x\n"
                + "    condition: sel\n");
        write("sigma/rules/f.yml", "title: F\nid: filter-f\nfilter:\n    rules:\n        - whoami_rule\n"
                + "        - missing_rule\n    sel:\n        User: admin\n    condition: sel\n");

        List<Rule> rules = new SigmaReader().read(root).rules();

        Rule target = find(rules, "rule-a");
        Predicate image = Predicate.of("Image", Operator.EQ, "x", false, "Image: x", new Span(6, 16, -1, -1));
        Predicate user = Predicate.of("User", Operator.EQ, "admin", false, "User: admin", new Span(8, 15, -1, -1));
        assertThat(target.tree()).isEqualTo(new Node.And(List.of(image, new Node.Not(user))));
        assertThat(target.diagnostics()).containsExactly(Diagnostic.warning("sigma/rules/a.yml", -1, "filtered",
                "Filter sigma/rules/f.yml excludes events from this rule; its condition is applied as 'and not'."));
        assertThat(find(rules, "filter-f").diagnostics()).containsExactly(Diagnostic.warning("sigma/rules/f.yml", -1,
                "unknown-rule", "Filter names rule 'missing_rule', which the corpus does not contain; expected a rule"
                        + " id or name."));
    }

    @Test
    void correlationIsRecordedOnRules() throws IOException {
        write("sigma/rules/a.yml", "title: A\nid: rule-a\ndetection:\n    sel:\n        Image: x\n    condition: sel\n");
        write("sigma/rules/c.yml", "title: C\nid: corr-c\ncorrelation:\n    type: event_count\n    rules:\n"
                + "        - rule-a\n    group-by:\n        - User\n    timespan: 1h\n    condition:\n        gte: 10\n");

        List<Rule> rules = new SigmaReader().read(root).rules();

        assertThat(find(rules, "rule-a").properties().get("correlatedBy")).isEqualTo("corr-c");
        assertThat(find(rules, "corr-c").tree()).isEqualTo(new Node.Opaque("correlation event_count of rule-a",
                "correlation event_count of rule-a", new Span(4, 5, -1, -1)));
    }
}
