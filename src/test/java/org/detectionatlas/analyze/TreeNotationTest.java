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

    @Test
    void rendersStepKeysRunsAndUntil() {
        Predicate a = Predicate.of("a", Operator.EQ, "1", true, "", null);
        Predicate b = Predicate.of("b", Operator.EQ, "2", true, "", null);
        Predicate c = Predicate.of("c", Operator.EQ, "3", true, "", null);
        Node tree = new Node.Sequence(List.of("host.id"), "1m", List.of(a, new Node.Not(b)), null,
                List.of(List.of("process.pid"), List.of("process.parent.pid")), List.of(3, 1), c, true);

        assertThat(TreeNotation.render(tree, TreeNotation.Fields.CANONICAL)).isEqualTo(
                "sequence(by [host.id], maxspan 1m, step(eq(a, \"1\", cased), by [process.pid], runs 3),"
                        + " step(not(eq(b, \"2\", cased)), by [process.parent.pid]), until eq(c, \"3\", cased))");
    }

    @Test
    void rendersSampleAsUnordered() {
        Node tree = new Node.Sequence(List.of("h"), "", List.of(Predicate.of("a", Operator.EQ, "1", true, "", null)),
                null, List.of(), List.of(), null, false);

        assertThat(TreeNotation.render(tree, TreeNotation.Fields.CANONICAL)).isEqualTo(
                "sample(by [h], eq(a, \"1\", cased))");
    }
}
