package org.detectionatlas.eval;

import java.util.regex.Pattern;

/**
 * Runs a regular expression from an untrusted rule with a bounded cost. The input is wrapped in a
 * CharSequence that counts character reads, and the search stops once the count passes the
 * budget, so catastrophic backtracking ends as an unknown result instead of hanging the process.
 * Inputs longer than {@link #MAX_INPUT_CHARS} are not searched.
 */
final class BoundedRegex {

    /** Character reads allowed per search; a linear scan of the longest input needs a few times its length. */
    static final long READ_BUDGET = 5_000_000;

    static final int MAX_INPUT_CHARS = 256 * 1024;

    /** Thrown by the counting input when a search runs out of budget. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("regular expression search ran out of budget", null, false, false);
        }
    }

    private final Pattern pattern;

    BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Searches the text anywhere (Sigma's {@code re} is unanchored).
     *
     * @throws BudgetExceeded when the search reads more than {@link #READ_BUDGET} characters
     */
    boolean find(String text) {
        return pattern.matcher(new CountingSequence(text, new long[] {READ_BUDGET}, 0, text.length())).find();
    }

    private static final class CountingSequence implements CharSequence {
        private final String text;
        private final long[] budget;
        private final int start;
        private final int end;

        CountingSequence(String text, long[] budget, int start, int end) {
            this.text = text;
            this.budget = budget;
            this.start = start;
            this.end = end;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(start + index);
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new CountingSequence(text, budget, start + from, start + to);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }
}
