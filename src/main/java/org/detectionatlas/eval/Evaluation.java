package org.detectionatlas.eval;

import java.util.List;

/**
 * Result of evaluating a rule tree on an event.
 *
 * @param verdict MATCH, NO_MATCH, or UNKNOWN when an opaque or unevaluable part decides
 * @param decidedBy the leaves that decided the verdict: for a match, the tests that made every
 *     required branch true; for no match, the tests that made a required branch false; for an
 *     unknown result, the parts that could not be evaluated. Long lists are cut at
 *     {@link Evaluator#MAX_DECISIONS} entries.
 */
public record Evaluation(Verdict verdict, List<Decision> decidedBy) {
    public Evaluation {
        decidedBy = List.copyOf(decidedBy);
    }

    /** Whether the rule matches; an unknown verdict counts as no match. */
    public boolean matches() {
        return verdict == Verdict.MATCH;
    }
}
