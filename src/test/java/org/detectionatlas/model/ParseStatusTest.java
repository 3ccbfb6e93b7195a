package org.detectionatlas.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParseStatusTest {
    private static final Predicate IMAGE = Predicate.of("Image", Operator.EQ, "cmd.exe", false, null, null);

    @Test
    void missingTreeIsFailed() {
        assertThat(ParseStatus.of(null)).isEqualTo(ParseStatus.FAILED);
    }

    @Test
    void treeWithoutOpaqueIsParsed() {
        assertThat(ParseStatus.of(new Node.And(List.of(IMAGE, new Node.Not(IMAGE))))).isEqualTo(ParseStatus.PARSED);
    }

    @Test
    void opaqueUnderNotIsPartial() {
        Node tree = new Node.And(List.of(IMAGE, new Node.Not(new Node.Opaque("count > 5", "aggregate", null))));
        assertThat(ParseStatus.of(tree)).isEqualTo(ParseStatus.PARTIAL);
    }
}
