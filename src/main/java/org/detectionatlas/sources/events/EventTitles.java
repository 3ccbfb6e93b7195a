package org.detectionatlas.sources.events;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses a human title for an event from the names of its dictionary versions.
 *
 * <p>OSSEM-DD names an event either with a written title ({@code Event ID 4688: A new process has
 * been created}) or with the ETW task symbol ({@code Event 4688 - task_0}). The choice, from best
 * to worst, takes the first match over the versions, newest first:
 * <ol>
 *   <li>a written title;
 *   <li>the label that starts the friendly-view sample message, cut before its first value, such
 *       as "Creating Scriptblock text" from "Creating Scriptblock text (1 of 1): prompt";
 *   <li>the task category the friendly-view sample shows, such as "Executing Pipeline";
 *   <li>the task symbol unless it is a placeholder such as task_0 or None;
 *   <li>"Event N".
 * </ol>
 */
final class EventTitles {

    private static final Pattern WRITTEN = Pattern.compile("Event ID\\s+\\d+\\s*:?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern TASK = Pattern.compile("Event\\s+\\d+\\s+-\\s*(.*)", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER_TASK = Pattern.compile("task_\\d+|None|");
    /** Longer sample labels are sentences about one sample, not names of the event. */
    private static final int MAX_LABEL_LENGTH = 80;

    private EventTitles() {}

    /** Returns the title for {@code eventId} from its versions, ordered newest first. */
    static String choose(String eventId, List<EventFile> newestFirst) {
        for (EventFile file : newestFirst) {
            String written = writtenTitle(file.name());
            if (!written.isEmpty()) {
                return written;
            }
        }
        for (EventFile file : newestFirst) {
            String label = messageLabel(file.sampleMessage());
            if (!label.isEmpty()) {
                return label;
            }
        }
        for (EventFile file : newestFirst) {
            String category = file.sampleTaskCategory();
            if (!PLACEHOLDER_TASK.matcher(category).matches() && !category.startsWith("(")) {
                return category;
            }
        }
        for (EventFile file : newestFirst) {
            String task = taskName(file.name());
            if (!PLACEHOLDER_TASK.matcher(task).matches()) {
                return task;
            }
        }
        return "Event " + eventId;
    }

    /**
     * Returns the written title of a name such as "Event ID 1: Process creation", or the name
     * itself when it follows neither OSSEM-DD pattern, and "" for a task-symbol name.
     */
    static String writtenTitle(String name) {
        if (TASK.matcher(name).matches()) {
            return "";
        }
        Matcher written = WRITTEN.matcher(name);
        String title = written.matches() ? written.group(1) : name;
        return withoutFinalPeriod(title.strip());
    }

    static String taskName(String name) {
        Matcher task = TASK.matcher(name);
        return task.matches() ? task.group(1).strip() : "";
    }

    /**
     * Returns the text before the first value of a sample message, or "" when no value can be
     * separated from the text. A value starts after ": " or at " (", as in
     * "Creating Scriptblock text (1 of 1): prompt".
     */
    static String messageLabel(String message) {
        int colon = message.indexOf(": ");
        int parenthesis = message.indexOf(" (");
        int end = colon;
        if (end < 0 || (parenthesis >= 0 && parenthesis < end)) {
            end = parenthesis;
        }
        if (end <= 0) {
            return "";
        }
        String label = withoutFinalPeriod(message.substring(0, end).strip());
        return label.length() > MAX_LABEL_LENGTH ? "" : label;
    }

    private static String withoutFinalPeriod(String text) {
        return text.endsWith(".") && !text.endsWith("..") ? text.substring(0, text.length() - 1) : text;
    }
}
