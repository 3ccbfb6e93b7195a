/*
 * The boolean expressions of SPL: the search command (also the leading search and the where
 * clause of tstats) and the eval expressions of the where command.
 *
 * The tokens come from SplLexer, not from an ANTLR lexer, because SPL tokenizes by context: an
 * unquoted value after '=' may hold parentheses (process=*GetCurrent()*), and AND, OR and NOT
 * are keywords only in upper case in a search but in any case in eval. SplTokenSource maps each
 * SplToken to one of the token types below, with the keyword rules of the mode it reads.
 */
parser grammar SplExpression;

tokens {
    WORD, STRING, FIELD_STRING, NUMBER, LPAREN, RPAREN, COMMA, COMPARE, ARITHMETIC, MINUS,
    MACRO, SUBSEARCH, AND, OR, XOR, NOT, IN, LIKE, CALL_NAME
}

// ---- search command: NOT binds tightest, then OR, then AND (explicit or implicit) ----

search
    : searchAnd EOF
    ;

searchAnd
    : searchOr (AND? searchOr)*
    ;

searchOr
    : searchNot (OR searchNot)*
    ;

searchNot
    : NOT searchNot                                   # searchNegation
    | searchPrimary                                   # searchOperand
    ;

searchPrimary
    : LPAREN searchAnd RPAREN                         # searchGroup
    | searchField COMPARE searchValue                 # searchComparison
    | searchField IN LPAREN searchList? RPAREN        # searchIn
    | CALL_NAME LPAREN balanced* RPAREN               # searchFunction
    | (WORD | STRING | IN | CALL_NAME)                # searchTerm
    | MACRO                                           # searchMacro
    | SUBSEARCH                                       # searchSubsearch
    ;

searchField
    : WORD
    | STRING
    ;

// A keyword right after a comparison is the value, as in user=OR.
searchValue
    : WORD
    | STRING
    | IN
    | AND
    | OR
    | NOT
    | CALL_NAME
    ;

// Commas are optional and may repeat, as in IN (,"a",,"b",).
searchList
    : COMMA* searchValue (COMMA* searchValue)* COMMA*
    ;

balanced
    : LPAREN balanced* RPAREN
    | ~(LPAREN | RPAREN)
    ;

// ---- eval expressions of where: NOT binds tightest, then AND, then OR and XOR ----

condition
    : evalOr EOF
    ;

evalOr
    : evalAnd ((OR | XOR) evalAnd)*
    ;

evalAnd
    : evalNot (AND evalNot)*
    ;

evalNot
    : NOT evalNot                                     # evalNegation
    | evalComparison                                  # evalOperand
    ;

evalComparison
    : operand (COMPARE operand | LIKE operand | NOT? IN LPAREN evalOr (COMMA evalOr)* RPAREN)?
    ;

operand
    : term ((ARITHMETIC | MINUS) term)*
    ;

term
    : LPAREN evalOr RPAREN                            # group
    | callName LPAREN (evalOr (COMMA evalOr)*)? RPAREN # call
    | WORD                                            # fieldRef
    | FIELD_STRING                                    # quotedField
    | STRING                                          # stringLiteral
    | NUMBER                                          # numberLiteral
    | MINUS term                                      # negative
    | (MACRO | SUBSEARCH)                             # unknownValue
    ;

callName
    : WORD
    | LIKE
    | IN
    ;
