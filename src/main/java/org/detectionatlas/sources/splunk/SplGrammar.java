package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.detectionatlas.sources.splunk.SplLexer.Mode;
import org.detectionatlas.sources.splunk.SplToken.Kind;

/**
 * Runs the ANTLR parser of {@code SplExpression.g4} on the tokens of {@link SplLexer}.
 *
 * <p>Parsing tries the fast SLL prediction first and falls back to full LL only when SLL
 * reports an error, which is then either a real syntax error or a conflict SLL cannot resolve.
 * ANTLR's console listener is removed: a syntax error becomes one {@link SplParseException}
 * placed at the offending token.
 */
final class SplGrammar {

    /** Deepest nesting of parentheses, plus a run of NOT or unary minus operators, accepted before parsing. */
    static final int MAX_DEPTH = 100;

    private SplGrammar() {}

    /** Carries a checked parse error out of ANTLR callbacks and visitors. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SplParseException cause;

        Failure(SplParseException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    /** The parse tree with the tokens it was read from, indexed as the tree's token indexes. */
    record Parsed<T extends ParserRuleContext>(T tree, List<SplToken> tokens) {
        SplToken token(Token token) {
            return tokens.get(token.getTokenIndex());
        }

        SplToken first(ParserRuleContext context) {
            return token(context.getStart());
        }

        SplToken last(ParserRuleContext context) {
            return token(context.getStop());
        }
    }

    /** Parses tokens (ending with END) of a search expression. */
    static Parsed<SplExpression.SearchContext> search(String source, List<SplToken> tokens)
            throws SplParseException {
        return parse(source, tokens, Mode.SEARCH, SplExpression::search);
    }

    /** Parses tokens (ending with END) of an eval expression. */
    static Parsed<SplExpression.ConditionContext> condition(String source, List<SplToken> tokens)
            throws SplParseException {
        return parse(source, tokens, Mode.EVAL, SplExpression::condition);
    }

    private static <T extends ParserRuleContext> Parsed<T> parse(String source, List<SplToken> tokens, Mode mode,
            Function<SplExpression, T> entry) throws SplParseException {
        checkDepth(tokens, mode);
        List<Token> converted = convert(tokens, mode);
        CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(converted));
        SplExpression parser = new SplExpression(stream);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            try {
                return new Parsed<>(entry.apply(parser), tokens);
            } catch (ParseCancellationException sllFailed) {
                stream.seek(0);
                parser.reset();
                parser.setErrorHandler(new DefaultErrorStrategy());
                parser.addErrorListener(new Thrower(source, tokens, mode));
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                return new Parsed<>(entry.apply(parser), tokens);
            }
        } catch (Failure failure) {
            throw failure.cause;
        } catch (StackOverflowError deep) {
            throw new SplParseException(tokens.get(0).start(), false,
                    "The expression nests too deeply to be read.");
        }
    }

    /** Rejects expressions nested deeper than {@link #MAX_DEPTH} before the recursive parse. */
    private static void checkDepth(List<SplToken> tokens, Mode mode) throws SplParseException {
        int parentheses = 0;
        int negations = 0;
        for (SplToken token : tokens) {
            if (token.is(Kind.LPAREN)) {
                parentheses++;
            } else if (token.is(Kind.RPAREN)) {
                parentheses--;
            }
            boolean minus = mode == Mode.EVAL && token.is(Kind.ARITHMETIC) && token.text().equals("-");
            if (keyword(token, mode) == SplExpression.NOT || minus) {
                negations++;
            } else if (!token.is(Kind.LPAREN)) {
                negations = 0;
            }
            if (parentheses + negations >= MAX_DEPTH) {
                throw new SplParseException(token.start(), false, mode == Mode.SEARCH
                        ? "The expression nests deeper than " + MAX_DEPTH + " parentheses or NOT operators."
                        : "The condition nests deeper than " + MAX_DEPTH + " levels.");
            }
        }
    }

    private static List<Token> convert(List<SplToken> tokens, Mode mode) {
        List<Token> converted = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            SplToken token = tokens.get(i);
            SplToken next = i + 1 < tokens.size() ? tokens.get(i + 1) : token;
            CommonToken antlr = new CommonToken(type(token, next, mode), token.text());
            antlr.setStartIndex(token.start());
            antlr.setStopIndex(token.end() - 1);
            antlr.setLine(1);
            antlr.setCharPositionInLine(token.start());
            converted.add(antlr);
        }
        return converted;
    }

    private static int type(SplToken token, SplToken next, Mode mode) {
        switch (token.kind()) {
            case WORD: {
                int keyword = keyword(token, mode);
                if (keyword != 0) {
                    return keyword;
                }
                // A search-time function such as TERM(x) is written with no space before "(".
                if (mode == Mode.SEARCH && next.is(Kind.LPAREN) && next.start() == token.end()) {
                    return SplExpression.CALL_NAME;
                }
                return SplExpression.WORD;
            }
            case STRING:
                return SplExpression.STRING;
            case FIELD_STRING:
                return SplExpression.FIELD_STRING;
            case NUMBER:
                return SplExpression.NUMBER;
            case LPAREN:
                return SplExpression.LPAREN;
            case RPAREN:
                return SplExpression.RPAREN;
            case COMMA:
                return SplExpression.COMMA;
            case COMPARE:
                return SplExpression.COMPARE;
            case ARITHMETIC:
                return token.text().equals("-") ? SplExpression.MINUS : SplExpression.ARITHMETIC;
            case MACRO:
                return SplExpression.MACRO;
            case SUBSEARCH:
                return SplExpression.SUBSEARCH;
            case END:
            default:
                return Token.EOF;
        }
    }

    /**
     * Returns the keyword token type of a word, or 0. The search command accepts AND, OR and NOT
     * in upper case only, and IN in any case. Eval accepts its keywords in any case, and "!" as NOT.
     */
    private static int keyword(SplToken token, Mode mode) {
        if (!token.is(Kind.WORD)) {
            return 0;
        }
        String text = token.text();
        if (mode == Mode.SEARCH) {
            switch (text) {
                case "AND":
                    return SplExpression.AND;
                case "OR":
                    return SplExpression.OR;
                case "NOT":
                    return SplExpression.NOT;
                default:
                    return text.equalsIgnoreCase("IN") ? SplExpression.IN : 0;
            }
        }
        if (text.equals("!")) {
            return SplExpression.NOT;
        }
        switch (text.toUpperCase(java.util.Locale.ROOT)) {
            case "AND":
                return SplExpression.AND;
            case "OR":
                return SplExpression.OR;
            case "XOR":
                return SplExpression.XOR;
            case "NOT":
                return SplExpression.NOT;
            case "IN":
                return SplExpression.IN;
            case "LIKE":
                return SplExpression.LIKE;
            default:
                return 0;
        }
    }

    /** Turns the first syntax error into a {@link SplParseException} at the offending token. */
    private static final class Thrower extends BaseErrorListener {
        private final String source;
        private final List<SplToken> tokens;
        private final Mode mode;

        Thrower(String source, List<SplToken> tokens, Mode mode) {
            this.source = source;
            this.tokens = tokens;
            this.mode = mode;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int position,
                String antlrMessage, RecognitionException e) {
            Token offending = (Token) offendingSymbol;
            int index = Math.min(Math.max(offending.getTokenIndex(), 0), tokens.size() - 1);
            SplToken token = tokens.get(index);
            SplToken previous = index > 0 ? tokens.get(index - 1) : null;
            boolean atEnd = token.is(Kind.END);
            String found = atEnd ? (mode == Mode.SEARCH ? "the end of the search" : "the end of the condition")
                    : token.text();
            String message;
            if (mode == Mode.SEARCH && previous != null && previous.is(Kind.COMPARE) && index >= 2) {
                message = "The comparison \"" + source.substring(tokens.get(index - 2).start(), previous.end())
                        + "\" has no value: found \"" + found + "\" where a word or a quoted value was expected.";
            } else if (mode == Mode.SEARCH) {
                message = "Found \"" + found + "\" where a search term, a field comparison, \"(\" or \")\" "
                        + "was expected.";
            } else {
                message = "Found \"" + found + "\" where a field, a value, a function call, an operator or a "
                        + "parenthesis was expected.";
            }
            throw new Failure(new SplParseException(token.start(), atEnd, message));
        }
    }
}
