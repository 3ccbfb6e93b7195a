package org.detectionatlas.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.junit.jupiter.api.Test;

class TreeNotationTest {
    @Test
    void rendersCanonicalAndVendorFields() {
        Predicate image = new Predicate("process.name", Operator.EQ, "cmd.exe", false, "Image", "", null);
        Predicate cased = Predicate.of("CommandLine", Operator.WILDCARD, "*say \"hi\" \\*", true, "", null);
        Node tree = new Node.And(List.of(image, new Node.Not(cased)));

        assertThat(TreeNotation.render(tree, TreeNotation.Fields.CANONICAL))
                .isEqualTo("and(eq(process.name, \"cmd.exe\"), not(wildcard(CommandLine, \"*say \\\"hi\\\" \\\\*\", cased)))");
        assertThat(TreeNotation.render(tree, TreeNotation.Fields.VENDOR))
                .isEqualTo("and(eq(Image, \"cmd.exe\"), not(wildcard(CommandLine, \"*say \\\"hi\\\" \\\\*\", cased)))");
    }

    @Test
    void rendersFreeTextSequenceAndOpaque() {
        Node tree = new Node.Sequence(List.of("host.id"), "5m", List.of(
                Predicate.of(null, Operator.MATCH, "mimikatz", false, "", null),
                new Node.Opaque("count > 5", "aggregation", null)), null);

        assertThat(TreeNotation.render(tree, TreeNotation.Fields.CANONICAL)).isEqualTo(
                "sequence(by [host.id], maxspan 5m, match(\"mimikatz\"), opaque(\"count > 5\", reason \"aggregation\"))");
    }
}
