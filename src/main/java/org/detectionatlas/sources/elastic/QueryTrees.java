package org.detectionatlas.sources.elastic;

import java.util.List;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.elastic.ElasticReader.QueryPosition;

/** Turns one query into a tree by its language, turning parser errors into diagnostics. */
final class QueryTrees {
    private QueryTrees() {}

    /**
     * Returns the tree of {@code query} in {@code language} (kql, lucene, eql, esql, sql), or null
     * when it breaks its grammar; diagnostics go to {@code diagnostics}.
     */
    static Node parse(String language, String query, String file, QueryPosition position,
            List<Diagnostic> diagnostics) {
        try {
            switch (language) {
                case "kql":
                    return ElasticReader.placeLines(KqlParser.parse(query), position);
                case "lucene": {
                    Node tree = ElasticReader.placeLines(KqlParser.parseLucene(query), position);
                    reportOpaque(tree, file, diagnostics);
                    return tree;
                }
                case "eql":
                    return withNotices(EqlParser.parse(query), file, position, diagnostics);
                case "esql":
                    return withNotices(EsqlParser.parse(query), file, position, diagnostics);
                default: {
                    String name = language.toUpperCase(java.util.Locale.ROOT);
                    diagnostics.add(new Diagnostic(file, position.line(), -1, Diagnostic.Kind.UNSUPPORTED,
                            language + "-not-parsed",
                            "The " + name + " query is kept as opaque text because " + name + " is not parsed yet."));
                    return new Node.Opaque(query, name + " is not parsed yet",
                            new Span(position.line(), -1, 0, query.length()));
                }
            }
        } catch (QuerySyntaxException e) {
            int[] where = position.at(e.offset());
            diagnostics.add(new Diagnostic(file, where[0], where[1], Diagnostic.Kind.INVALID, language + "-syntax",
                    "Query line " + e.line() + ", column " + e.column() + ": " + e.reason()));
            return null;
        }
    }

    /** Says why each opaque part of a Lucene tree (a fuzzy or proximity search) was not modelled. */
    private static void reportOpaque(Node node, String file, List<Diagnostic> diagnostics) {
        if (node instanceof Node.Opaque opaque) {
            diagnostics.add(new Diagnostic(file, opaque.span().line(), opaque.span().column(),
                    Diagnostic.Kind.UNSUPPORTED, "lucene-fuzzy", "The Lucene search \"" + opaque.text()
                            + "\" is kept as opaque text: fuzzy and proximity matching has no predicate form."));
        } else if (node instanceof Node.Not not) {
            reportOpaque(not.child(), file, diagnostics);
        } else if (node instanceof Node.And and) {
            and.children().forEach(child -> reportOpaque(child, file, diagnostics));
        } else if (node instanceof Node.Or or) {
            or.children().forEach(child -> reportOpaque(child, file, diagnostics));
        }
    }

    private static Node withNotices(ParsedQuery parsed, String file, QueryPosition position,
            List<Diagnostic> diagnostics) {
        for (ParsedQuery.Notice notice : parsed.notices()) {
            int[] where = position.at(notice.offset());
            diagnostics.add(new Diagnostic(file, where[0], where[1], Diagnostic.Kind.UNSUPPORTED, notice.code(),
                    notice.message()));
        }
        return ElasticReader.placeLines(parsed.tree(), position);
    }
}
