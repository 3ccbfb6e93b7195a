package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The meaning of each field name at one stage of a search: a field of the logged event (possibly
 * renamed), a field an earlier command computed, or a column of aggregated rows.
 *
 * <p>The commands seen so far are kept in order, and a name is resolved by walking them back to
 * the start of the search: a rename maps the new name back to the old one, a computing command
 * stops the walk with a reason, and a transforming command lets through only its group-by
 * fields, whose values are still the events' own values.
 */
final class SplFieldScope {

    /**
     * The meaning of a field name.
     *
     * @param field the event's own field, after undoing renames, or null when the name has no
     *     predicate form
     * @param reason why the name has no predicate form, or null
     */
    record Resolved(String field, String reason) {
        boolean raw() {
            return reason == null;
        }
    }

    private sealed interface Step permits Rename, Computed, Aggregated {}

    /** A {@code rename from AS to}, where each name may contain one {@code *} that carries over. */
    private record Rename(String from, String to) implements Step {}

    /** Fields a command computed, or every field when {@code all} is set because the command may set any. */
    private record Computed(Set<String> names, String command, boolean all) implements Step {}

    /** A transforming or generating command, with the fields whose values it keeps per row. */
    private record Aggregated(String command, Set<String> keys, boolean generating) implements Step {}

    private final List<Step> steps = new ArrayList<>();

    void rename(String from, String to) {
        steps.add(new Rename(from, to));
    }

    void computed(Collection<String> names, String command) {
        if (!names.isEmpty()) {
            steps.add(new Computed(Set.copyOf(names), command, false));
        }
    }

    /** Records a command whose output fields cannot be known when the rule is read. */
    void computedAny(String command) {
        steps.add(new Computed(Set.of(), command, true));
    }

    void aggregated(String command, Collection<String> keys) {
        steps.add(new Aggregated(command, Set.copyOf(keys), false));
    }

    void generated(String command) {
        steps.add(new Aggregated(command, Set.of(), true));
    }

    /** Returns the first transforming or generating command, or null. */
    String transformedBy() {
        for (Step step : steps) {
            if (step instanceof Aggregated aggregated) {
                return aggregated.command();
            }
        }
        return null;
    }

    /** Returns why free text cannot be searched at this stage, or null when it tests raw events. */
    String freeTextReason() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof Aggregated aggregated) {
                return aggregated.generating()
                        ? "free-text search on rows from " + aggregated.command() + ", which are not events"
                        : "free-text search on rows aggregated by " + aggregated.command();
            }
        }
        return null;
    }

    Resolved resolve(String name) {
        String current = name;
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            if (step instanceof Rename rename) {
                String source = undo(rename, current);
                if (source != null) {
                    current = source;
                }
            } else if (step instanceof Computed computed) {
                if (computed.all() || computed.names().contains(current)) {
                    return new Resolved(null, "filter on " + name + ", a field computed by an earlier "
                            + computed.command());
                }
            } else if (step instanceof Aggregated aggregated) {
                if (aggregated.generating()) {
                    return new Resolved(null, "filter on rows from " + aggregated.command() + ", which are not events");
                }
                if (!aggregated.keys().contains(current)) {
                    return new Resolved(null, "filter on " + name + ", an aggregated value of "
                            + aggregated.command());
                }
            }
        }
        return new Resolved(current, null);
    }

    /** Returns the name before {@code rename}, or null when the rename does not produce it. */
    private static String undo(Rename rename, String name) {
        String to = rename.to();
        int star = to.indexOf('*');
        if (star < 0 || to.indexOf('*', star + 1) >= 0) {
            return to.equals(name) ? rename.from() : null;
        }
        String prefix = to.substring(0, star);
        String suffix = to.substring(star + 1);
        if (name.length() < prefix.length() + suffix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return null;
        }
        String middle = name.substring(prefix.length(), name.length() - suffix.length());
        String from = rename.from();
        int fromStar = from.indexOf('*');
        if (fromStar < 0 || from.indexOf('*', fromStar + 1) >= 0) {
            return null;
        }
        return from.substring(0, fromStar) + middle + from.substring(fromStar + 1);
    }
}
