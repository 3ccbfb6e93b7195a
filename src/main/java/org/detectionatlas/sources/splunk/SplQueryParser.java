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
 *   <li>the {@code search}, {@code where} and {@code regex} stages,
 *   <li>the where clause of {@code tstats},
 *   <li>the filters of subsearches that {@code join} (inner), {@code map} or {@code append} run
 *       (append makes an OR with what came before, as it adds rows).
 * </ul>
 * Each field name is resolved through a {@link SplFieldScope}: a test on a renamed field tests the
 * logged field, a test on a field that eval, rex, lookup, iplocation, eventstats or streamstats
 * computed becomes Opaque, and after a transforming command (stats, tstats, chart...) only the
 * group-by fields still hold the events' own values; tests on the aggregated values become Opaque.
 * Commands that do not filter (table, fields, sort, dedup, spath...) are skipped; a command the
 * parser does not know is skipped too and listed in {@link Result#skipped()}. A search with no
 * filter at all gets an empty And, which matches every event.
 *
 * <p>A stage the parser cannot read becomes an Opaque node and an {@link Issue}, and the other
 * stages still count.
 */
public final class SplQueryParser {

    /** Maximum length of an expanded search, in characters, that the parser accepts. */
    static final int MAX_SEARCH_LENGTH = 200_000;

    /** Deepest nesting of subsearches that are parsed. Deeper ones stay Opaque. */
    static final int MAX_SUBSEARCH_DEPTH = 5;

    /** Commands after which events are aggregated, so only group-by fields keep their values. */
    private static final Set<String> TRANSFORMING = Set.of("stats", "chart", "timechart", "top", "rare",
            "transaction", "tstats", "mstats", "geostats", "sistats", "sitop", "sichart", "sitimechart");

    /** Commands that generate rows which are not events read from an index. */
    private static final Set<String> GENERATING = Set.of("inputlookup", "rest", "metadata", "makeresults",
            "mstats");

    /** Commands whose output fields depend on a model or a template unknown when the rule is read. */
    private static final Set<String> COMPUTING_ANY = Set.of("apply", "fit", "anomalydetection", "outlier",
            "predict", "foreach", "cluster", "kmeans", "autoregress", "delta", "accum");

    /**
     * Commands that neither filter events nor change what a field name means: they shape the
     * output, extract fields from the raw event at search time, or write results elsewhere.
     */
    private static final Set<String> PASSING = Set.of("table", "fields", "sort", "dedup", "head", "tail",
            "reverse", "spath", "xmlkv", "fromjson", "extract", "kv", "multikv", "kvform", "mvexpand", "makemv",
            "fillnull", "addtotals", "outputlookup", "collect", "sendalert", "return", "format", "nomv", "uniq",
            "localize", "typer", "tags", "eventcount", "addinfo", "appendcols", "selfjoin", "xmlunescape",
            "abstract", "highlight", "iconify", "setfields", "untable", "xyseries", "transpose", "outputcsv",
            "makecontinuous", "fieldformat", "rangemap", "strcat", "summary", "loadjob", "savedsearch");

    private static final Pattern REX_GROUP = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

    /** {@code drop_dm_object_name(Processes)}: the CIM macro that renames {@code Processes.*} to {@code *}. */
    private static final Pattern DROP_DM_OBJECT_NAME =
            Pattern.compile("`drop_dm_object_name\\(\\s*\"?([A-Za-z0-9_]+)\"?\\s*\\)`");

    /** {@code ctime(firstTime)} or {@code ctime(firstTime) AS first} in a convert command. */
    private static final Pattern CONVERSION =
            Pattern.compile("[A-Za-z0-9_]+\\(\\s*([^()\\s]+)\\s*\\)(?:\\s+(?i:as)\\s+([A-Za-z0-9_.]+))?");

    /** The {@code search="..."} option of map, with backslash escapes inside the quotes. */
    private static final Pattern MAP_SEARCH = Pattern.compile("search\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern MAP_TOKEN = Pattern.compile("\\$[A-Za-z0-9_.]+\\$");

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
     * @param skipped commands the parser does not know, which were skipped
     */
    public record Result(Node tree, String datamodel, List<Issue> issues, List<Issue> skipped) {
        public Result {
            issues = List.copyOf(issues);
            skipped = List.copyOf(skipped);
        }

        public Result(Node tree, String datamodel, List<Issue> issues) {
            this(tree, datamodel, issues, List.of());
        }
    }

    private final String search;
    private final int depth;
    private final List<Node> filters = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();
    private final List<Issue> skipped = new ArrayList<>();
    private final SplFieldScope scope = new SplFieldScope();
    private String datamodel = "";

    private SplQueryParser(String search, int depth) {
        this.search = search;
        this.depth = depth;
    }

    /** Parses an expanded search, one whose macros are already replaced by their definitions. */
    public static Result parse(String expandedSearch) {
        if (expandedSearch.length() > MAX_SEARCH_LENGTH) {
            Issue tooLong = new Issue(0, false, "The search has " + expandedSearch.length()
                    + " characters after macro expansion, more than the " + MAX_SEARCH_LENGTH + " accepted.");
            return new Result(null, "", List.of(tooLong));
        }
        return parse(expandedSearch, 0, expandedSearch.length(), 0);
    }

    /** Parses {@code text[start, end)} as a whole search, keeping offsets in {@code text}. */
    private static Result parse(String text, int start, int end, int depth) {
        SplPipeline pipeline;
        try {
            pipeline = SplPipeline.split(text, start, end);
        } catch (SplParseException e) {
            return new Result(null, "", List.of(new Issue(e.offset(), e.invalid(), e.getMessage())));
        }
        SplQueryParser parser = new SplQueryParser(pipeline.text(), depth);
        List<Stage> stages = pipeline.stages();
        for (int i = 0; i < stages.size(); i++) {
            parser.stage(stages.get(i), i == 0);
        }
        Node tree = parser.filters.isEmpty() ? new Node.And(List.of()) : Node.and(flatten(parser.filters));
        return new Result(tree, parser.datamodel, parser.issues, parser.skipped);
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
                addFilter(SplSearchParser.parse(search, tokens(start, end, Mode.SEARCH), scope));
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
            Matcher drop = DROP_DM_OBJECT_NAME.matcher(search.substring(start, end));
            if (drop.matches()) {
                scope.rename(drop.group(1) + ".*", "*");
            } else if (scope.transformedBy() == null) {
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
                addFilter(SplSearchParser.parse(search, tokens(body, end, Mode.SEARCH), scope));
                return;
            case "where":
                addFilter(SplWhereParser.parse(search, tokens(body, end, Mode.EVAL), scope));
                return;
            case "regex":
                addFilter(regex(body, end));
                return;
            case "tstats":
                tstats(body, end);
                return;
            case "from":
                fromDatamodel(body, end);
                return;
            case "eval":
                scope.computed(evalTargets(body, end), "eval");
                return;
            case "rex":
                List<String> groups = new ArrayList<>();
                Matcher group = REX_GROUP.matcher(search.substring(body, end));
                while (group.find()) {
                    groups.add(group.group(1));
                }
                scope.computed(groups, "rex");
                return;
            case "lookup":
                scope.computed(lookupOutputs(body, end), "lookup");
                return;
            case "rename":
                renames(body, end);
                return;
            case "eventstats":
            case "streamstats": {
                List<String> created = new ArrayList<>(aliases(body, end));
                created.add("count");
                scope.computed(created, name);
                return;
            }
            case "iplocation":
                scope.computed(IPLOCATION_FIELDS, name);
                return;
            case "replace":
                scope.computed(replaced(body, end), name);
                return;
            case "convert":
            case "bin":
            case "bucket":
                scope.computed(converted(name, body, end), name);
                return;
            case "join":
            case "append":
            case "map":
                subsearch(name, start, body, end);
                return;
            case "appendpipe":
                // The subpipeline reads the rows already produced, so it adds rows but filters no event.
                return;
            default:
                break;
        }
        if (GENERATING.contains(name)) {
            scope.generated(name);
        } else if (TRANSFORMING.contains(name)) {
            scope.aggregated(name, groupBy(name, body, end));
        } else if (COMPUTING_ANY.contains(name)) {
            scope.computedAny(name);
        } else if (!PASSING.contains(name)) {
            skipped.add(new Issue(start, false, "The command \"" + search.substring(start, nameEnd)
                    + "\" is not one Detection Atlas knows, so it was skipped; a later filter on a field it sets "
                    + "is read as a filter on the event."));
        }
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
                } else if (token.isKeyword("by")) {
                    byAt = i;
                    break;
                }
            }
        }
        if (whereAt >= 0 && whereAt < byAt) {
            List<SplToken> condition = new ArrayList<>(tokens.subList(whereAt + 1, byAt));
            int conditionEnd = byAt < tokens.size() - 1 ? tokens.get(byAt).start() : end;
            condition.add(new SplToken(Kind.END, "", "", "", false, conditionEnd, conditionEnd));
            addFilter(SplSearchParser.parse(search, condition, scope));
        }
        scope.aggregated("tstats", fieldList(tokens, byAt + 1));
    }

    /**
     * Returns the fields whose values a transforming command keeps in each row: the group-by
     * fields of stats, the row field of chart, _time for timechart, the listed fields of top,
     * rare and transaction.
     */
    private List<String> groupBy(String command, int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        int byAt = -1;
        int overAt = -1;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SplToken token = tokens.get(i);
            if (token.is(Kind.LPAREN)) {
                depth++;
            } else if (token.is(Kind.RPAREN)) {
                depth--;
            } else if (depth == 0 && token.isKeyword("by") && byAt < 0) {
                byAt = i;
            } else if (depth == 0 && token.isKeyword("over") && overAt < 0) {
                overAt = i;
            }
        }
        switch (command) {
            case "timechart":
                return List.of("_time");
            case "chart":
                if (overAt >= 0) {
                    return fieldList(tokens.subList(0, byAt > overAt ? byAt : tokens.size() - 1), overAt + 1);
                }
                return byAt < 0 ? List.of() : fieldList(tokens, byAt + 1).subList(0, 1);
            case "top":
            case "rare":
            case "transaction":
                return fieldList(tokens, 0);
            default:
                return byAt < 0 ? List.of() : fieldList(tokens, byAt + 1);
        }
    }

    /** Returns the field names from {@code from} on, skipping options such as {@code span=1h}. */
    private static List<String> fieldList(List<SplToken> tokens, int from) {
        List<String> fields = new ArrayList<>();
        for (int i = from; i < tokens.size(); i++) {
            SplToken token = tokens.get(i);
            if (i + 1 < tokens.size() && tokens.get(i + 1).is(Kind.COMPARE)) {
                i += 2;
            } else if (token.isKeyword("by")) {
                continue;
            } else if (token.is(Kind.WORD) || token.is(Kind.STRING)) {
                for (String name : token.literal().split(",")) {
                    if (!name.isBlank()) {
                        fields.add(name.trim());
                    }
                }
            }
        }
        return fields;
    }

    /** Reads {@code rename A AS B, C AS D}, where each name may contain one {@code *}. */
    private void renames(int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i + 1).isKeyword("AS") && !tokens.get(i + 2).is(Kind.END)) {
                scope.rename(tokens.get(i).literal(), tokens.get(i + 2).literal());
                i += 2;
            }
        }
    }

    /** Returns the fields after IN in {@code replace "a" WITH "b" IN f1, f2}. */
    private List<String> replaced(int body, int end) throws SplParseException {
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isKeyword("IN")) {
                return fieldList(tokens, i + 1);
            }
        }
        return List.of();
    }

    /** Returns the fields that convert, bin or bucket overwrite. */
    private List<String> converted(String command, int body, int end) throws SplParseException {
        List<String> fields = new ArrayList<>();
        if (command.equals("convert")) {
            Matcher conversion = CONVERSION.matcher(search.substring(body, end));
            while (conversion.find()) {
                fields.add(conversion.group(2) != null ? conversion.group(2) : conversion.group(1));
            }
            return fields;
        }
        List<SplToken> tokens = tokens(body, end, Mode.SEARCH);
        for (int i = 0; i < tokens.size(); i++) {
            SplToken token = tokens.get(i);
            if (i + 1 < tokens.size() && tokens.get(i + 1).is(Kind.COMPARE)) {
                i += 2;
            } else if (token.isKeyword("AS") && i + 1 < tokens.size() && tokens.get(i + 1).is(Kind.WORD)) {
                fields.add(tokens.get(i + 1).literal());
                i++;
            } else if (token.is(Kind.WORD)) {
                fields.add(token.literal());
            }
        }
        return fields;
    }

    /**
     * Reads the subsearch of {@code join}, {@code append} or {@code map search="..."}. The filters of
     * an inner join's or a map's subsearch must hold too, so they join the tree with AND. Append
     * adds the subsearch's rows, so what came before becomes one side of an OR. A left or outer
     * join filters nothing.
     */
    private void subsearch(String command, int start, int body, int end) throws SplParseException {
        int open;
        int close;
        if (command.equals("map")) {
            Matcher quoted = MAP_SEARCH.matcher(search).region(body, end);
            if (!quoted.find()) {
                throw new SplParseException(body, false, "The map command \"" + search.substring(start, end)
                        + "\" has no search=\"...\" option where one was expected.");
            }
            open = quoted.start(1);
            close = quoted.end(1);
        } else {
            open = search.indexOf('[', body);
            if (open < 0 || open >= end) {
                throw new SplParseException(body, false, "The " + command + " command \""
                        + search.substring(start, end) + "\" has no [subsearch] where one was expected.");
            }
            close = SplPipeline.matchingBracket(search, open, end);
            String options = search.substring(body, open).toLowerCase(Locale.ROOT).replace(" ", "");
            if (command.equals("join") && (options.contains("type=left") || options.contains("type=outer"))) {
                return;
            }
            open++;
        }

        Span span = Span.ofQuery(start, end);
        if (depth >= MAX_SUBSEARCH_DEPTH) {
            filters.add(new Node.Opaque(search.substring(start, end), "subsearches nest deeper than "
                    + MAX_SUBSEARCH_DEPTH + " levels", span));
            return;
        }

        String text = command.equals("map") ? unescapeMapSearch(search, open, close) : search;
        Result inner = parse(text, open, close, depth + 1);
        issues.addAll(inner.issues());
        skipped.addAll(inner.skipped());
        if (inner.tree() == null || inner.tree() instanceof Node.And empty && empty.children().isEmpty()) {
            return;
        }

        // NOTE: the subsearch's predicates test the joined or appended events, not the outer
        // event, and the tree does not mark that difference.
        Node tree = command.equals("map") ? tokensOpaque(inner.tree()) : inner.tree();
        if (command.equals("append")) {
            Node before = filters.isEmpty() ? new Node.And(List.of()) : Node.and(flatten(filters));
            filters.clear();
            filters.add(new Node.Or(List.of(before, tree)));
        } else {
            filters.add(tree);
        }
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
            String reason = scope.freeTextReason();
            if (reason != null) {
                return new Node.Opaque(first.text(), reason, Span.ofQuery(first.start(), first.end()));
            }
            return Predicate.of("_raw", Operator.REGEX_MATCH, first.literal(), true, first.text(),
                    Span.ofQuery(first.start(), first.end()));
        }
        if (tokens.size() == 4 && first.is(Kind.WORD) && tokens.get(1).is(Kind.COMPARE)) {
            SplToken operator = tokens.get(1);
            SplToken value = tokens.get(2);
            Span span = Span.ofQuery(first.start(), value.end());
            String original = search.substring(first.start(), value.end());
            SplFieldScope.Resolved resolved = scope.resolve(first.literal());
            if (!resolved.raw()) {
                return new Node.Opaque(original, resolved.reason(), span);
            }
            Predicate match = Predicate.of(resolved.field(), Operator.REGEX_MATCH, value.literal(), true, original, span);
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

    /**
     * Returns {@code search} with each escaped quote of the map search at {@code [open, close)}
     * replaced by the quote and a space outside the quoted text, so offsets stay those of the
     * expanded search. Escaped backslashes stay as they are: the inner search reads them as one.
     */
    private static String unescapeMapSearch(String search, int open, int close) {
        char[] text = search.toCharArray();
        boolean opening = true;
        for (int i = open; i + 1 < close; i++) {
            if (text[i] == '\\' && text[i + 1] == '\\') {
                i++;
            } else if (text[i] == '\\' && text[i + 1] == '"') {
                if (opening) {
                    text[i] = ' ';
                } else {
                    text[i] = '"';
                    text[i + 1] = ' ';
                }
                opening = !opening;
                i++;
            }
        }
        return new String(text);
    }

    /** Turns tests on map's {@code $field$} tokens, whose values come from each outer row, into Opaque nodes. */
    private static Node tokensOpaque(Node node) {
        if (node instanceof Predicate predicate) {
            if (predicate.value() != null && MAP_TOKEN.matcher(predicate.value()).find()) {
                return new Node.Opaque(predicate.original(),
                        "the value comes from each row of the outer search, through a map token", predicate.span());
            }
            return predicate;
        }
        if (node instanceof Node.Not not) {
            return new Node.Not(tokensOpaque(not.child()));
        }
        if (node instanceof Node.And and) {
            return new Node.And(and.children().stream().map(SplQueryParser::tokensOpaque).toList());
        }
        if (node instanceof Node.Or or) {
            return new Node.Or(or.children().stream().map(SplQueryParser::tokensOpaque).toList());
        }
        return node;
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
