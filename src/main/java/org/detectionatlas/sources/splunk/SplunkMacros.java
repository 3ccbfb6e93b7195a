package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search macros of a Splunk corpus, and their expansion in a search.
 *
 * <p>A call is {@code `name`} or {@code `name(a, b)`}. The definition replaces it, with each
 * {@code $argument$} replaced by the value passed. Definitions may call other macros, up to
 * {@link #MAX_DEPTH} levels. A call to a macro that is not defined stays in the text, except a
 * {@code *_filter} macro: security_content leaves those for each customer to define as an extra
 * filter, and an undefined one is empty, so it is dropped. Triple-backtick comments are kept as
 * written.
 */
public final class SplunkMacros {

    /** Deepest chain of macros calling macros that is expanded. */
    public static final int MAX_DEPTH = 10;

    /**
     * One macro definition.
     *
     * @param name the macro's name, without arguments
     * @param definition the SPL text that replaces a call
     * @param arguments the argument names that {@code $name$} in the definition refers to
     */
    public record Macro(String name, String definition, List<String> arguments) {
        public Macro {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A search after expansion.
     *
     * @param text the expanded search
     * @param undefined names of the macros called but not defined, in order of first call, where
     *     a call with the wrong number of arguments is named {@code name(n)}
     * @param tooDeep the macro calls left unexpanded because the chain was deeper than
     *     {@link #MAX_DEPTH}
     */
    public record Expansion(String text, Set<String> undefined, List<String> tooDeep) {}

    private final Map<String, List<Macro>> byName;

    /** @param byName the definitions for each name, one per number of arguments */
    public SplunkMacros(Map<String, List<Macro>> byName) {
        this.byName = Map.copyOf(byName);
    }

    public int size() {
        return byName.values().stream().mapToInt(List::size).sum();
    }

    public Expansion expand(String search) {
        Set<String> undefined = new LinkedHashSet<>();
        List<String> tooDeep = new ArrayList<>();
        String text = expand(search, 0, undefined, tooDeep);
        return new Expansion(text, undefined, tooDeep);
    }

    private String expand(String text, int depth, Set<String> undefined, List<String> tooDeep) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int index = 0;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (text.startsWith("```", index)) {
                int close = text.indexOf("```", index + 3);
                int stop = close < 0 ? text.length() : close + 3;
                out.append(text, index, stop);
                index = stop;
                continue;
            }
            if (c != '`') {
                out.append(c);
                index++;
                continue;
            }
            int close = text.indexOf('`', index + 1);
            Call call = close < 0 ? null : Call.parse(text.substring(index + 1, close));
            if (call == null) {
                out.append(c);
                index++;
                continue;
            }
            String callText = text.substring(index, close + 1);
            index = close + 1;
            Macro macro = find(call);
            if (macro == null) {
                undefined.add(byName.containsKey(call.name)
                        ? call.name + "(" + call.arguments.size() + ")" : call.name);
                if (!call.name.endsWith("_filter")) {
                    out.append(callText);
                }
            } else if (depth >= MAX_DEPTH) {
                tooDeep.add(callText);
                out.append(callText);
            } else {
                out.append(expand(substitute(macro, call.arguments), depth + 1, undefined, tooDeep));
            }
        }
        return out.toString();
    }

    private Macro find(Call call) {
        List<Macro> candidates = byName.get(call.name);
        if (candidates == null) {
            return null;
        }
        for (Macro macro : candidates) {
            if (macro.arguments().size() == call.arguments.size()) {
                return macro;
            }
        }
        return null;
    }

    private static String substitute(Macro macro, List<String> values) {
        String definition = macro.definition();
        for (int i = 0; i < values.size(); i++) {
            definition = definition.replace("$" + macro.arguments().get(i) + "$", values.get(i));
        }
        return definition;
    }

    /** A macro call: its name and the argument values as written. */
    private static final class Call {
        final String name;
        final List<String> arguments;

        private Call(String name, List<String> arguments) {
            this.name = name;
            this.arguments = arguments;
        }

        /** Reads {@code name} or {@code name(a, b)}, or returns null when the text is not a call. */
        static Call parse(String inner) {
            int nameEnd = 0;
            while (nameEnd < inner.length() && isNamePart(inner.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == 0) {
                return null;
            }
            String name = inner.substring(0, nameEnd);
            String rest = inner.substring(nameEnd).trim();
            if (rest.isEmpty()) {
                return new Call(name, List.of());
            }
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                return null;
            }
            return new Call(name, splitArguments(rest.substring(1, rest.length() - 1)));
        }

        private static List<String> splitArguments(String text) {
            List<String> values = new ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                } else if (!quoted && depth == 0 && c == ',') {
                    values.add(text.substring(start, i).trim());
                    start = i + 1;
                }
            }
            values.add(text.substring(start).trim());
            return values;
        }

        private static boolean isNamePart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
        }
    }
}
