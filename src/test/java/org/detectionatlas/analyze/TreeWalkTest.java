package org.detectionatlas.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detectionatlas.analyze.Fixtures.eq;

import java.util.List;
import org.detectionatlas.model.Node;
import org.junit.jupiter.api.Test;

class TreeWalkTest {
    private final Node tree = new Node.And(List.of(eq("a", "1"),
            new Node.Or(List.of(eq("b", "2"), new Node.Not(eq("c", "3")))),
            new Node.Not(new Node.Or(List.of(eq("d", "4"), eq("e", "5"))))));

    @Test
    void indicatorsSkipEveryNot() {
        assertThat(TreeWalk.indicators(tree)).containsExactly(eq("a", "1"), eq("b", "2"));
    }

    @Test
    void exclusionsAreTopLevelNotsOnly() {
        assertThat(TreeWalk.exclusions(tree)).containsExactly(eq("d", "4"), eq("e", "5"));
    }

    @Test
    void rootNotIsAnExclusion() {
        assertThat(TreeWalk.exclusions(new Node.Not(eq("a", "1")))).containsExactly(eq("a", "1"));
    }

    @Test
    void predicatesIncludeSequenceSteps() {
        Node sequence = new Node.Sequence(List.of("host.id"), "1m", List.of(eq("a", "1"), eq("b", "2")), null);
        assertThat(TreeWalk.predicates(sequence)).containsExactly(eq("a", "1"), eq("b", "2"));
    }

    @Test
    void untilStepIsNoIndicator() {
        Node sequence = new Node.Sequence(List.of(), "", List.of(eq("a", "1")), null, List.of(), List.of(),
                eq("u", "9"), true);
        assertThat(TreeWalk.indicators(sequence)).containsExactly(eq("a", "1"));
        assertThat(TreeWalk.predicates(sequence)).containsExactly(eq("a", "1"), eq("u", "9"));
    }
}
