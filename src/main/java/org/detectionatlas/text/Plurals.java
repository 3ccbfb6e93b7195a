package org.detectionatlas.text;

/** Writes counts with the noun in the singular for one and the plural otherwise, as in "1 rule", "2 rules". */
public final class Plurals {

    private Plurals() {}

    /** Returns the count and the noun, adding "s" unless the count is 1; suits regular English nouns only. */
    public static String count(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }
}
