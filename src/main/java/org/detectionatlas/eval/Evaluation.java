package org.detectionatlas.eval;

import java.util.List;

/**
 * Result of evaluating a rule tree on an event.
 *
 * @param verdict MATCH, NO_MATCH, or UNKNOWN when an opaque or unevaluable part decides
 * @param decidedBy the leaves that decided the verdict. For a match, they are the tests that made
 *     every required branch true. For no match, they are the tests that made a required branch
 *     false. For an unknown result, they are the parts that could not be evaluated. Long lists are
 *     cut at {@link Evaluator#MAX_DECISIONS} entries.
 */
public record Evaluation(Verdict verdict, List<Decision> decidedBy) {
    public Evaluation {
        decidedBy = List.copyOf(decidedBy);
    }

    /** Returns whether the rule matches. An unknown verdict counts as no match. */
    public boolean matches() {
        return verdict == Verdict.MATCH;
    }
}
