package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.splunk.SplLexer.Mode;
import org.detectionatlas.sources.splunk.SplPipeline.Stage;
import org.detectionatlas.sources.splunk.SplToken.Kind;

/**
 * Turns the filtering part of an expanded SPL search into one predicate tree.
 *
 * <p>The tree is the AND of these parts:
 * <ul>
 *   <li>the leading search,
 *   <li>the {@code search}, {@code where} and {@code regex} stages before the first transforming
 *       command,
 *   <li>the where clause of {@code tstats},
 *   <li>one Opaque node for each {@code search}, {@code where} or {@code regex} stage after a
 *       transforming command, because those test aggregated values.
 * </ul> Other commands (eval, rex, lookup,
 * rename, table, fields...) do not filter and are skipped, but tests on the fields that eval,
 * rex, lookup, rename, iplocation, eventstats and streamstats produce become Opaque. A search with
 * no filter at all gets an empty And, which matches every event.
 *
 * <p>A stage the parser cannot read becomes an Opaque node and an {@link Issue}, and the other
 * stages still count.
 */
public final class SplQueryParser {

    /** Maximum length of an expanded search, in characters, that the parser accepts. */
    static final int MAX_SEARCH_LENGTH = 200_000;

    /** Commands after which events are aggregated, so later filters test aggregated values. */
    private static final Set<String> TRANSFORMING = Set.of("stats", "chart", "timechart", "top", "rare",
            "transaction", "tstats", "mstats", "geostats", "sistats", "sitop", "sichart", "sitimechart");

    /** Commands that generate rows which are not events read from an index. */
    private static final Set<String> GENERATING = Set.of("inputlookup", "rest", "metadata", "makeresults");

    private static final Pattern REX_GROUP = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

    private static final List<String> IPLOCATION_FIELDS = List.of("City", "Country", "Region", "lat", "lon");

    /**
     * A stage that could not be read.
     *
     * @param offset 0-based offset in the expanded search
     * @param invalid true for broken SPL, false for SPL the parser does not model
     * @param message what was not understood, quoted, and what was expected
     */
    public record Issue(int offset, boolean invalid, String message) {}

    /**
     * The result of parsing one search.
     *
     * @param tree the predicate tree, or null when the search could not be split into stages
     * @param datamodel the data model that a tstats or from stage reads, such as
     *     {@code Endpoint.Processes}, or empty
     * @param issues stages that could not be read
     */
    public record Result(Node tree, String datamodel, List<Issue> issues) {
        public Result {
            issues = List.copyOf(issues);
        }
    }

    private final String search;
    private final List<Node> filters = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();
    private final Set<String> computedFields = new HashSet<>();
    private String datamodel = "";
    private String transformedBy;

    private SplQueryParser(String search) {
        this.search = search;
    }

    /** Parses an expanded search, one whose macros are already replaced by their definitions. */
    public static Result parse(String expandedSearch) {
        if (expandedSearch.length() > MAX_SEARCH_LENGTH) {
            Issue tooLong = new Issue(0, false, "The search has " + expandedSearch.length()
                    + " characters after macro expansion, more than the " + MAX_SEARCH_LENGTH + " accepted.");
            return new Result(null, "", List.of(tooLong));
        }
        SplPipeline pipeline;
        try {
            pipeline = SplPipeline.split(expandedSearch);
        } catch (SplParseException e) {
            return new Result(null, "", List.of(new Issue(e.offset(), e.invalid(), e.getMessage())));
        }
        SplQueryParser parser = new SplQueryParser(pipeline.text());
        List<Stage> stages = pipeline.stages();
        for (int i = 0; i < stages.size(); i++) {
            parser.stage(stages.get(i), i == 0);
        }
        Node tree = parser.filters.isEmpty() ? new Node.And(List.of()) : Node.and(flatten(parser.filters));
        return new Result(tree, parser.datamodel, parser.issues);
    }

    private void stage(Stage stage, boolean leading) {
        int start = skipSpace(stage.start(), stage.end());
        int end = stage.end();
        while (end > start && Character.isWhitespace(search.charAt(end - 1))) {
            end--;
        }
        if (start >= end) {
            return;
        }
        try {
            if (leading) {
                // An explicit search command at the start means the same as the implicit one.
                if (search.regionMatches(true, start, "search", 0, 6) && start + 6 < end
                        && Character.isWhitespace(search.charAt(start + 6))) {
                    start += 6;
                }
                addFilter(SplSearchParser.parse(search, tokens(start, end, Mode.SEARCH), computedFields));
                return;
            }
            command(start, end);
        } catch (SplParseException e) {
            issues.add(new Issue(e.offset(), e.invalid(), e.getMessage()));
            filters.add(new Node.Opaque(search.substring(start, end), "not understood: " + e.getMessage(),
                    Span.ofQuery(start, end)));
        }
    }

    private void command(int start, int end) throws SplParseException {
        if (search.charAt(start) == '`') {
            if (transformedBy == null) {
                filters.add(new Node.Opaque(search.substring(start, end),
                        "the macro is not defined in the corpus, so what it does is unknown", Span.ofQuery(start, end)));
            }
            return;
        }
        int nameEnd = start;
        while (nameEnd < end && (Character.isLetterOrDigit(search.charAt(nameEnd)) || search.charAt(nameEnd) == '_')) {
            nameEnd++;
        }
        String name = search.substring(start, nameEnd).toLowerCase(Locale.ROOT);
        int body = skipSpace(nameEnd, end);
        switch (name) {
            case "search":
            case "where":
            case "regex":
                if (transformedBy != null) {
                    filters.add(afterTransform(start, end));
                } else if (name.equals("search")) {
                    addFilter(SplSearchParser.parse(search, tokens(body, end, Mode.SEARCH), computedFields));
                } else if (name.equals("where")) {
                    addFilter(SplWhereParser.parse(search, tokens(body, end, Mode.EVAL), computedFields));
                } else {
                    addFilter(regex(body, end));
                }
                return;
            case "tstats":
                tstats(body, end);
                break;
            case "from":
                fromDatamodel(body, end);
                break;
            case "eval":
                computedFields.addAll(evalTargets(body, end));
                break;
            case "rex":
                Matcher groups = REX_GROUP.matcher(search.substring(body, end));
                while (groups.find()) {
                    computedFields.add(groups.group(1));
                }
                break;
            case "lookup":
                computedFields.addAll(lookupOutputs(body, end));
                break;
            case "rename":
            case "eventstats":
            case "streamstats":
                computedFields.addAll(aliases(body, end));
                if (!name.equals("rename")) {
                    computedFields.add("count");
                }
                break;
            case "iplocation":
                computedFields.addAll(IPLOCATION_FIELDS);
                break;
            default:
                break;
        }
        if (transformedBy == null && (TRANSFORMING.contains(name) || GENERATING.contains(name))) {
            transformedBy = name;
        }
    }

    private Node afterTransform(int start, int end) {
        String reason = GENERATING.contains(transformedBy)
                ? "filter on rows from " + transformedBy + ", which are not events"
                : "filter on an aggregated value";
        return new Node.Opaque(search.substring(start, end), reason, Span.ofQuery(start, end));
    }

    /** Reads {@code tstats ... from datamodel=X where <condition> by ...}. */
    private void tstats(int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        int depth = 0;
        int whereAt = -1;
        int byAt = tokens.size() - 1;
        for (int i = 0; i < tokens.size(); i++) {
            SplToken token = tokens.get(i);
            if (token.is(Kind.LPAREN)) {
                depth++;
            } else if (token.is(Kind.RPAREN)) {
                depth--;
            } else if (depth == 0 && token.is(Kind.WORD)) {
                if (token.text().toLowerCase(Locale.ROOT).startsWith("datamodel:")) {
                    datamodel = token.literal().substring("datamodel:".length());
                } else if (token.isKeyword("datamodel") && i + 2 < tokens.size()
                        && tokens.get(i + 1).text().equals("=")) {
                    datamodel = tokens.get(i + 2).literal();
                } else if (token.isKeyword("where") && whereAt < 0) {
                    whereAt = i;
                } else if (token.isKeyword("by") && whereAt >= 0) {
                    byAt = i;
                    break;
                }
            }
        }
        if (whereAt < 0) {
            return;
        }
        List<SplToken> condition = new ArrayList<>(tokens.subList(whereAt + 1, byAt));
        int conditionEnd = byAt < tokens.size() ? tokens.get(byAt).start() : end;
        condition.add(new SplToken(Kind.END, "", "", "", false, conditionEnd, conditionEnd));
        addFilter(SplSearchParser.parse(search, condition, computedFields));
    }

    /** Reads the data model of {@code from datamodel:X} or {@code from datamodel X}. */
    private void fromDatamodel(int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        SplToken first = tokens.get(0);
        if (first.is(Kind.WORD) && first.text().toLowerCase(Locale.ROOT).startsWith("datamodel:")) {
            datamodel = first.literal().substring("datamodel:".length());
        } else if (first.isKeyword("datamodel") && tokens.get(1).is(Kind.WORD)) {
            datamodel = tokens.get(1).literal();
        }
    }

    /** Reads {@code regex field="re"}, {@code regex field!="re"} or {@code regex "re"} (on _raw). */
    private Node regex(int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        SplToken first = tokens.get(0);
        if (first.is(Kind.STRING) && tokens.get(1).is(Kind.END)) {
            return Predicate.of("_raw", Operator.REGEX_MATCH, first.literal(), true, first.text(),
                    Span.ofQuery(first.start(), first.end()));
        }
        if (tokens.size() == 4 && first.is(Kind.WORD) && tokens.get(1).is(Kind.COMPARE)) {
            SplToken operator = tokens.get(1);
            SplToken value = tokens.get(2);
            Span span = Span.ofQuery(first.start(), value.end());
            String original = search.substring(first.start(), value.end());
            if (computedFields.contains(first.text())) {
                return new Node.Opaque(original, "filter on " + first.text()
                        + ", a field computed by an earlier eval, rex, lookup or rename", span);
            }
            Predicate match = Predicate.of(first.text(), Operator.REGEX_MATCH, value.literal(), true, original, span);
            if (operator.text().equals("!=")) {
                return new Node.Not(match);
            }
            if (operator.text().equals("=")) {
                return match;
            }
        }
        throw new SplParseException(body, false, "The regex command \"" + search.substring(body, end)
                + "\" is not in the form field=\"regex\", field!=\"regex\" or \"regex\".");
    }

    private List<String> evalTargets(int body, int end) {
        List<String> targets = new ArrayList<>();
        int partStart = body;
        int depth = 0;
        boolean quoted = false;
        for (int i = body; i <= end; i++) {
            char c = i < end ? search.charAt(i) : ',';
            if (c == '"' && (i == 0 || search.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                int equals = search.indexOf('=', partStart);
                if (equals > partStart && equals < i) {
                    targets.add(unquote(search.substring(partStart, equals).trim()));
                }
                partStart = i + 1;
            }
        }
        return targets;
    }

    private List<String> lookupOutputs(int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        List<String> outputs = new ArrayList<>();
        boolean inOutput = false;
        for (int i = 0; i < tokens.size() - 1; i++) {
            SplToken token = tokens.get(i);
            if (token.isKeyword("OUTPUT") || token.isKeyword("OUTPUTNEW")) {
                inOutput = true;
            } else if (inOutput && token.is(Kind.WORD) && !token.isKeyword("AS")) {
                boolean renamed = tokens.get(i + 1).isKeyword("AS");
                if (!renamed) {
                    outputs.add(token.literal());
                }
            } else if (inOutput && token.isKeyword("AS") && i + 1 < tokens.size()) {
                outputs.add(tokens.get(i + 1).literal());
                i++;
            }
        }
        return outputs;
    }

    /** Returns the names that follow AS, which rename, eventstats and streamstats create. */
    private List<String> aliases(int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isKeyword("AS") && !tokens.get(i + 1).is(Kind.END)) {
                names.add(tokens.get(i + 1).literal());
            }
        }
        return names;
    }

    private void addFilter(Node filter) {
        if (filter != null) {
            filters.add(filter);
        }
    }

    private List<SplToken> tokens(int start, int end, Mode mode) throws SplParseException {
        return SplLexer.tokenize(search, start, end, mode);
    }

    private int skipSpace(int index, int end) {
        while (index < end && Character.isWhitespace(search.charAt(index))) {
            index++;
        }
        return index;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("'") && name.endsWith("'"))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static List<Node> flatten(List<Node> filters) {
        List<Node> flat = new ArrayList<>();
        for (Node filter : filters) {
            if (filter instanceof Node.And and) {
                flat.addAll(and.children());
            } else {
                flat.add(filter);
            }
        }
        return flat;
    }
}
